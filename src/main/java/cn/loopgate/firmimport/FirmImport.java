package cn.loopgate.firmimport;

import cn.loopgate.shared.persistence.BaseEntity;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A checked firm list (the dry run) waiting to be imported, or imported. The file is kept so that the import
 * re-reads and re-checks exactly what the user saw; only its creator (or an administrator) may import it.
 */
@Entity
@Table(name = "firm_import")
public class FirmImport extends BaseEntity {

    public enum Status { CHECKED, IMPORTED }

    @Column(name = "file_name", nullable = false, length = 100)
    private String fileName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private SheetFormat format;
    @Basic(fetch = FetchType.LAZY)
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
    @Column(name = "invited")
    private Integer invited;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "imported_at")
    private Instant importedAt;
    @Version
    private long version;

    protected FirmImport() {
    }

    public FirmImport(String fileName, SheetFormat format, byte[] content, int totalRows, int validRows, Instant now, String by) {
        this.fileName = fileName;
        this.format = format;
        this.content = content;
        this.totalRows = totalRows;
        this.validRows = validRows;
        this.createdAt = now;
        this.createdBy = by;
    }

    void imported(int rows, int invitedManagers, Instant now) {
        this.status = Status.IMPORTED;
        this.importedRows = rows;
        this.invited = invitedManagers;
        this.importedAt = now;
    }

    public String getFileName() { return fileName; }
    public SheetFormat getFormat() { return format; }
    byte[] getContent() { return content; }
    public int getTotalRows() { return totalRows; }
    public int getValidRows() { return validRows; }
    public Status getStatus() { return status; }
    public Integer getImportedRows() { return importedRows; }
    public Integer getInvited() { return invited; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getImportedAt() { return importedAt; }
    public long getVersion() { return version; }
}
