package cn.loopgate.audit;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** One recorded change. Has no setters: once written it is never changed (the table refuses it too). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends BaseEntity {

    @Column(nullable = false, updatable = false)
    private Instant at;
    @Column(nullable = false, updatable = false, length = 64)
    private String actor;
    @Column(name = "actor_role", updatable = false, length = 24)
    private String actorRole;
    @Column(name = "object_type", nullable = false, updatable = false, length = 40)
    private String objectType;
    @Column(name = "object_id", updatable = false)
    private Long objectId;
    @Column(name = "firm_id", updatable = false)
    private Long firmId;
    @Column(name = "park_id", updatable = false)
    private Long parkId;
    @Column(nullable = false, updatable = false, length = 40)
    private String action;
    @Column(name = "before_state", updatable = false)
    private String beforeState;
    @Column(name = "after_state", updatable = false)
    private String afterState;
    @Column(updatable = false, length = 1000)
    private String reason;

    protected AuditEntry() {
    }

    AuditEntry(Instant at, String actor, String actorRole, String objectType, Long objectId, Long firmId, Long parkId,
               String action, String beforeState, String afterState, String reason) {
        this.at = at;
        this.actor = actor;
        this.actorRole = actorRole;
        this.objectType = objectType;
        this.objectId = objectId;
        this.firmId = firmId;
        this.parkId = parkId;
        this.action = action;
        this.beforeState = beforeState;
        this.afterState = afterState;
        this.reason = reason;
    }

    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public String getActorRole() { return actorRole; }
    public String getObjectType() { return objectType; }
    public Long getObjectId() { return objectId; }
    public Long getFirmId() { return firmId; }
    public Long getParkId() { return parkId; }
    public String getAction() { return action; }
    public String getBeforeState() { return beforeState; }
    public String getAfterState() { return afterState; }
    public String getReason() { return reason; }
}
