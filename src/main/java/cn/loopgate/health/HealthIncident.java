package cn.loopgate.health;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * An outbreak incident, opened when a worker is marked positive and worked like a problem: the park's liaison
 * acknowledges it, records actions (tracing, disinfection, isolation), and closes it with a note.
 */
@Entity
@Table(name = "health_incident")
public class HealthIncident extends BaseEntity {

    public enum Status { OPEN, ACKNOWLEDGED, CLOSED }

    @Column(name = "worker_id", nullable = false)
    private long workerId;
    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "test_id", nullable = false)
    private long testId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.OPEN;
    @Column(name = "firm_suspended", nullable = false)
    private boolean firmSuspended;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Column(name = "opened_by", nullable = false, length = 64)
    private String openedBy;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by", length = 64)
    private String acknowledgedBy;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "closed_by", length = 64)
    private String closedBy;
    @Column(name = "closing_note", length = 500)
    private String closingNote;
    @Version
    private long version;

    protected HealthIncident() {
    }

    HealthIncident(HealthTest test, boolean firmSuspended, Instant now, String by) {
        this.workerId = test.getWorker().getId();
        this.firmId = test.getFirmId();
        this.parkId = test.getParkId();
        this.testId = test.getId();
        this.firmSuspended = firmSuspended;
        this.openedAt = now;
        this.openedBy = by;
    }

    void acknowledge(Instant now, String by) {
        if (status != Status.OPEN) {
            throw DomainException.conflict("health.incident.notOpen");
        }
        status = Status.ACKNOWLEDGED;
        acknowledgedAt = now;
        acknowledgedBy = by;
    }

    /** Actions are recorded while the incident is not closed. */
    void checkWorkable() {
        if (status == Status.CLOSED) {
            throw DomainException.conflict("health.incident.closed");
        }
    }

    void close(Instant now, String by, String note) {
        if (status != Status.ACKNOWLEDGED) {
            throw DomainException.conflict(status == Status.OPEN ? "health.incident.notAcknowledged" : "health.incident.closed");
        }
        status = Status.CLOSED;
        closedAt = now;
        closedBy = by;
        closingNote = note;
    }

    public long getWorkerId() { return workerId; }
    public long getFirmId() { return firmId; }
    public long getParkId() { return parkId; }
    public long getTestId() { return testId; }
    public Status getStatus() { return status; }
    public boolean isFirmSuspended() { return firmSuspended; }
    public Instant getOpenedAt() { return openedAt; }
    public String getOpenedBy() { return openedBy; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public Instant getClosedAt() { return closedAt; }
    public String getClosedBy() { return closedBy; }
    public String getClosingNote() { return closingNote; }
    public long getVersion() { return version; }
}
