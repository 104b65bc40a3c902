package cn.loopgate.health;

import cn.loopgate.shared.crypto.SealedFileConverter;
import cn.loopgate.shared.sheet.CheckedSheet;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A checked sheet of test results (the dry run) waiting to be imported, or imported. The file is kept, sealed
 * (it holds resident IDs in clear), so that the import re-reads and re-checks exactly what the user saw.
 */
@Entity
@Table(name = "health_test_import")
public class HealthImport extends CheckedSheet {

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private SheetFormat format;
    @Basic(fetch = FetchType.LAZY)
    @Convert(converter = SealedFileConverter.class)
    @Column(nullable = false)
    private byte[] content;
    @Column(name = "positive_rows")
    private Integer positiveRows;

    protected HealthImport() {
    }

    HealthImport(long firmId, String fileName, SheetFormat format, byte[] content, int totalRows, int validRows, Instant now, String by) {
        super(fileName, totalRows, validRows, now, by);
        this.firmId = firmId;
        this.format = format;
        this.content = content;
    }

    void imported(int rows, int positives, Instant now) {
        markImported(rows, now);
        this.positiveRows = positives;
    }

    public long getFirmId() { return firmId; }
    public SheetFormat getFormat() { return format; }
    byte[] getContent() { return content; }
    public Integer getPositiveRows() { return positiveRows; }
}
