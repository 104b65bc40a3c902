package cn.loopgate.roster;

import cn.loopgate.shared.crypto.SealedFileConverter;
import cn.loopgate.shared.sheet.CheckedSheet;
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
 * A checked roster file (the dry run) waiting to be imported, or imported. The file itself is kept so
 * that the import re-reads and re-checks exactly what the user saw.
 */
@Entity
@Table(name = "roster_import")
public class RosterImport extends CheckedSheet {

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private RosterFile.Format format;
    /** The uploaded file holds resident IDs in clear: sealed in its column (docs/security.md "Personal data at rest"). */
    @Basic(fetch = FetchType.LAZY)
    @Convert(converter = SealedFileConverter.class)
    @Column(nullable = false)
    private byte[] content;

    protected RosterImport() {
    }

    public RosterImport(long firmId, String fileName, RosterFile.Format format, byte[] content, int totalRows,
                        int validRows, Instant now, String by) {
        super(fileName, totalRows, validRows, now, by);
        this.firmId = firmId;
        this.format = format;
        this.content = content;
    }

    void imported(int rows, Instant now) {
        markImported(rows, now);
    }

    public long getFirmId() { return firmId; }
    public RosterFile.Format getFormat() { return format; }
    byte[] getContent() { return content; }
}
