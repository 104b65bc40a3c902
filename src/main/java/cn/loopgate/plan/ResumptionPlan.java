package cn.loopgate.plan;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A firm's resumption plan. Lifecycle: SUBMITTED → (RETURNED → SUBMITTED)* → APPROVED or REJECTED.
 * The content lives in {@link PlanVersion}s, one per submission; {@link #currentVersion} is the latest.
 */
@Entity
@Table(name = "resumption_plan")
public class ResumptionPlan extends BaseEntity implements java.io.Serializable {

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private PlanStatus status;
    @Column(name = "current_version", nullable = false)
    private int currentVersion;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by", length = 64)
    private String decidedBy;
    @Column(name = "decision_reason", length = 1000)
    private String decisionReason;
    @Column(name = "permit_id")
    private Long permitId;
    @Version
    private long version;

    protected ResumptionPlan() {
    }

    public ResumptionPlan(long firmId, long parkId, Instant now) {
        this.firmId = firmId;
        this.parkId = parkId;
        this.status = PlanStatus.SUBMITTED;
        this.currentVersion = 1;
        this.submittedAt = now;
        this.createdAt = now;
    }

    /** The firm refiles after a return: a new version, back with the liaison. */
    public void resubmit(Instant now) {
        currentVersion++;
        status = PlanStatus.SUBMITTED;
        submittedAt = now;
    }

    public void returnToFirm(Instant now, String by) {
        status = PlanStatus.RETURNED;
        decidedAt = now;
        decidedBy = by;
    }

    public void approve(Instant now, String by, Long permitId) {
        status = PlanStatus.APPROVED;
        decidedAt = now;
        decidedBy = by;
        this.permitId = permitId;
    }

    public void reject(Instant now, String by, String reason) {
        status = PlanStatus.REJECTED;
        decidedAt = now;
        decidedBy = by;
        decisionReason = reason;
    }

    public long getFirmId() { return firmId; }
    public long getParkId() { return parkId; }
    public PlanStatus getStatus() { return status; }
    public int getCurrentVersion() { return currentVersion; }
    public Instant getSubmittedAt() { return submittedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public String getDecisionReason() { return decisionReason; }
    public Long getPermitId() { return permitId; }
    public long getVersion() { return version; }
}
