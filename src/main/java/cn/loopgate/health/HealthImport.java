package cn.loopgate.health;

import cn.loopgate.shared.crypto.SealedFileConverter;
import cn.loopgate.shared.persistence.BaseEntity;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A checked sheet of test results (the dry run) waiting to be imported, or imported. The file is kept, sealed
 * (it holds resident IDs in clear), so that the import re-reads and re-checks exactly what the user saw.
 */
@Entity
@Table(name = "health_test_import")
public class HealthImport extends BaseEntity {

    public enum Status { CHECKED, IMPORTED }

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "file_name", nullable = false, length = 100)
    private String fileName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private SheetFormat format;
    @Basic(fetch = FetchType.LAZY)
    @Convert(converter = SealedFileConverter.class)
    @Column(nullable = false)
    private byte[] content;
    @Column(name = "total_rows", nullable = false)
    private int totalRows;
    @Column(name = "valid_rows", nullable = false)
    private int validRows;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.CHECKED;
    @Column(name = "imported_rows")
    private Integer importedRows;
    @Column(name = "positive_rows")
    private Integer positiveRows;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "imported_at")
    private Instant importedAt;
    @Version
    private long version;

    protected HealthImport() {
    }

    HealthImport(long firmId, String fileName, SheetFormat format, byte[] content, int totalRows, int validRows, Instant now, String by) {
        this.firmId = firmId;
        this.fileName = fileName;
        this.format = format;
        this.content = content;
        this.totalRows = totalRows;
        this.validRows = validRows;
        this.createdAt = now;
        this.createdBy = by;
    }

    void imported(int rows, int positives, Instant now) {
        this.status = Status.IMPORTED;
        this.importedRows = rows;
        this.positiveRows = positives;
        this.importedAt = now;
    }

    public long getFirmId() { return firmId; }
    public String getFileName() { return fileName; }
    public SheetFormat getFormat() { return format; }
    byte[] getContent() { return content; }
    public int getTotalRows() { return totalRows; }
    public int getValidRows() { return validRows; }
    public Status getStatus() { return status; }
    public Integer getImportedRows() { return importedRows; }
    public Integer getPositiveRows() { return positiveRows; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getImportedAt() { return importedAt; }
    public long getVersion() { return version; }
}
