package cn.loopgate.health;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** One version of a park's health policy. A change is a new row; the newest row of a park applies. Never updated. */
@Entity
@Table(name = "health_policy")
public class HealthPolicy extends BaseEntity {

    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "test_interval_hours")
    private Integer testIntervalHours;
    @Enumerated(EnumType.STRING)
    @Column(name = "overdue_action", nullable = false, length = 8)
    private HealthRules.OverdueAction overdueAction;
    @Column(name = "fever_threshold", nullable = false, precision = 3, scale = 1)
    private BigDecimal feverThreshold;
    @Column(name = "suspend_firm", nullable = false)
    private boolean suspendFirm;
    @Column(name = "set_at", nullable = false)
    private Instant setAt;
    @Column(name = "set_by", nullable = false, length = 64)
    private String setBy;
    @Version
    private long version;

    protected HealthPolicy() {
    }

    HealthPolicy(long parkId, HealthRules.Policy p, Instant now, String by) {
        this.parkId = parkId;
        this.testIntervalHours = p.intervalHours();
        this.overdueAction = p.overdueAction();
        this.feverThreshold = p.feverThreshold();
        this.suspendFirm = p.suspendFirm();
        this.setAt = now;
        this.setBy = by;
    }

    public HealthRules.Policy rules() {
        return new HealthRules.Policy(testIntervalHours, overdueAction, feverThreshold, suspendFirm);
    }

    public long getParkId() { return parkId; }
    public Integer getTestIntervalHours() { return testIntervalHours; }
    public HealthRules.OverdueAction getOverdueAction() { return overdueAction; }
    public BigDecimal getFeverThreshold() { return feverThreshold; }
    public boolean isSuspendFirm() { return suspendFirm; }
    public Instant getSetAt() { return setAt; }
    public String getSetBy() { return setBy; }
}
