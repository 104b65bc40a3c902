package cn.loopgate.health;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A health hold: the cards of one worker ({@code workerId} set) or of a whole firm ({@code workerId} null) answer
 * SUSPENDED at the gate from {@code since} until the hold is lifted, which is an explicit, audited act.
 */
@Entity
@Table(name = "health_hold")
public class HealthHold extends BaseEntity {

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "worker_id")
    private Long workerId;
    @Column(name = "incident_id")
    private Long incidentId;
    @Column(nullable = false)
    private Instant since;
    @Column(name = "placed_by", nullable = false, length = 64)
    private String placedBy;
    @Column(name = "lifted_at")
    private Instant liftedAt;
    @Column(name = "lifted_by", length = 64)
    private String liftedBy;
    @Column(name = "lift_reason", length = 300)
    private String liftReason;
    @Version
    private long version;

    protected HealthHold() {
    }

    HealthHold(long firmId, Long workerId, Long incidentId, Instant since, String by) {
        this.firmId = firmId;
        this.workerId = workerId;
        this.incidentId = incidentId;
        this.since = since;
        this.placedBy = by;
    }

    void lift(Instant now, String by, String reason) {
        if (liftedAt != null) {
            throw DomainException.conflict("health.hold.alreadyLifted");
        }
        liftedAt = now;
        liftedBy = by;
        liftReason = reason;
    }

    public boolean isActive() {
        return liftedAt == null;
    }

    public long getFirmId() { return firmId; }
    public Long getWorkerId() { return workerId; }
    public Long getIncidentId() { return incidentId; }
    public Instant getSince() { return since; }
    public String getPlacedBy() { return placedBy; }
    public Instant getLiftedAt() { return liftedAt; }
    public String getLiftedBy() { return liftedBy; }
    public String getLiftReason() { return liftReason; }
    public long getVersion() { return version; }
}
