package cn.loopgate.firmimport;

import cn.loopgate.shared.sheet.CheckedSheet;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A checked firm list (the dry run) waiting to be imported, or imported. The file is kept so that the import
 * re-reads and re-checks exactly what the user saw; only its creator (or an administrator) may import it.
 */
@Entity
@Table(name = "firm_import")
public class FirmImport extends CheckedSheet {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private SheetFormat format;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;
    @Column(name = "invited")
    private Integer invited;

    protected FirmImport() {
    }

    public FirmImport(String fileName, SheetFormat format, byte[] content, int totalRows, int validRows, Instant now, String by) {
        super(fileName, totalRows, validRows, now, by);
        this.format = format;
        this.content = content;
    }

    void imported(int rows, int invitedManagers, Instant now) {
        markImported(rows, now);
        this.invited = invitedManagers;
    }

    public SheetFormat getFormat() { return format; }
    byte[] getContent() { return content; }
    public Integer getInvited() { return invited; }
}
