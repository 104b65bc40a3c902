package cn.loopgate.liaison;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A firm's named liaison officer: at most one per firm (the firm id is the key), many firms per officer. The row is
 * the whole read scope of a firm-bound officer ({@code identity.UserDirectory#liaisonFirms}).
 */
@Entity
@Table(name = "firm_liaison")
public class FirmLiaison {

    @Id
    @Column(name = "firm_id")
    private Long firmId;
    @Column(name = "user_id", nullable = false)
    private long userId;
    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;
    @Column(name = "assigned_by", nullable = false, length = 64)
    private String assignedBy;

    protected FirmLiaison() {
    }

    public FirmLiaison(long firmId, long userId, Instant now, String by) {
        this.firmId = firmId;
        this.userId = userId;
        this.assignedAt = now;
        this.assignedBy = by;
    }

    /** Hands the firm to another officer. */
    void reassign(long toUser, Instant now, String by) {
        this.userId = toUser;
        this.assignedAt = now;
        this.assignedBy = by;
    }

    public Long getFirmId() { return firmId; }
    public long getUserId() { return userId; }
    public Instant getAssignedAt() { return assignedAt; }
    public String getAssignedBy() { return assignedBy; }
}
