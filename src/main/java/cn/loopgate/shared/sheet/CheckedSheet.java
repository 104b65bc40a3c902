package cn.loopgate.shared.sheet;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * An uploaded sheet that was checked (the dry run) and waits to be imported, or was imported: what the firm list,
 * the roster and the test-result imports keep alike. Each subclass keeps its own file column (sealed or not) and
 * format, and the counts only it has; the import re-reads and re-checks exactly the file the user saw.
 */
@MappedSuperclass
public abstract class CheckedSheet extends BaseEntity {

    public enum Status { CHECKED, IMPORTED }

    @Column(name = "file_name", nullable = false, length = 100)
    private String fileName;
    @Column(name = "total_rows", nullable = false)
    private int totalRows;
    @Column(name = "valid_rows", nullable = false)
    private int validRows;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.CHECKED;
    @Column(name = "imported_rows")
    private Integer importedRows;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "imported_at")
    private Instant importedAt;
    @Version
    private long version;

    protected CheckedSheet() {
    }

    protected CheckedSheet(String fileName, int totalRows, int validRows, Instant now, String by) {
        this.fileName = fileName;
        this.totalRows = totalRows;
        this.validRows = validRows;
        this.createdAt = now;
        this.createdBy = by;
    }

    /** The valid rows were written: the sheet cannot be imported again. */
    protected void markImported(int rows, Instant now) {
        this.status = Status.IMPORTED;
        this.importedRows = rows;
        this.importedAt = now;
    }

    public String getFileName() { return fileName; }
    public int getTotalRows() { return totalRows; }
    public int getValidRows() { return validRows; }
    public Status getStatus() { return status; }
    public Integer getImportedRows() { return importedRows; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getImportedAt() { return importedAt; }
    public long getVersion() { return version; }
}
