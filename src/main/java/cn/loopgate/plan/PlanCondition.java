package cn.loopgate.plan;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** A firm-specific condition (一企一策) a liaison attached to a plan. */
@Entity
@Table(name = "plan_condition")
public class PlanCondition extends BaseEntity implements java.io.Serializable {

    @Column(name = "plan_id", nullable = false)
    private long planId;
    @Column(nullable = false, length = 1000)
    private String text;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    protected PlanCondition() {
    }

    public PlanCondition(long planId, String text, Instant at, String by) {
        this.planId = planId;
        this.text = text;
        this.createdAt = at;
        this.createdBy = by;
    }

    public long getPlanId() { return planId; }
    public String getText() { return text; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
}
