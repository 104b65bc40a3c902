package cn.loopgate.health;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** One action recorded on an incident (traced, isolated, disinfected ...). Append-only. */
@Entity
@Table(name = "health_incident_action")
public class HealthIncidentAction extends BaseEntity {

    @Column(name = "incident_id", nullable = false)
    private long incidentId;
    @Column(nullable = false)
    private Instant at;
    @Column(nullable = false, length = 64)
    private String actor;
    @Column(nullable = false, length = 500)
    private String text;

    protected HealthIncidentAction() {
    }

    HealthIncidentAction(long incidentId, Instant at, String actor, String text) {
        this.incidentId = incidentId;
        this.at = at;
        this.actor = actor;
        this.text = text;
    }

    public long getIncidentId() { return incidentId; }
    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public String getText() { return text; }
}
