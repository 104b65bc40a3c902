package cn.loopgate.problem;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A problem a firm raised. The state changes are the methods below; each refuses (409) when the
 * problem is not in a state that allows it. Time limits are fixed when the problem is raised (and
 * when it is reopened), so changing the configuration does not move the deadlines of open problems.
 * Whether it is overdue is computed from a given instant ({@link #overdue(Instant)}), never stored.
 */
@Entity
@Table(name = "problem")
public class Problem extends BaseEntity {

    /** Which time limit has passed. */
    public enum Overdue { ACKNOWLEDGE, DEPARTMENT, RESOLVE }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "firm_id")
    private Firm firm;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Category category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Urgency urgency;
    @Column(nullable = false, length = 2000)
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;
    @Column(name = "raised_by", nullable = false, length = 64)
    private String raisedBy;
    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;
    @Column(name = "acknowledge_due", nullable = false)
    private Instant acknowledgeDue;
    @Column(name = "resolve_due", nullable = false)
    private Instant resolveDue;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private Escalation escalation;
    @Column(name = "escalated_at")
    private Instant escalatedAt;
    @Column(length = 100)
    private String department;
    @Column(name = "department_due")
    private Instant departmentDue;
    @Column(name = "assigned_at")
    private Instant assignedAt;
    @Column(length = 2000)
    private String resolution;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "problem_attachment", joinColumns = @JoinColumn(name = "problem_id"))
    @Column(name = "file_id")
    private List<Long> fileIds = new ArrayList<>();
    @Version
    private long version;

    protected Problem() {
    }

    public Problem(Firm firm, long parkId, Category category, Urgency urgency, String description, String raisedBy,
                   Instant now, Duration acknowledgeWithin, Duration resolveWithin) {
        this.firm = firm;
        this.parkId = parkId;
        this.category = category;
        this.urgency = urgency;
        this.description = description;
        this.raisedBy = raisedBy;
        this.raisedAt = now;
        this.acknowledgeDue = now.plus(acknowledgeWithin);
        this.resolveDue = now.plus(resolveWithin);
        this.status = Status.RAISED;
        this.updatedAt = now;
    }

    public void acknowledge(Instant now) {
        expect(ProblemAction.ACKNOWLEDGE);
        acknowledgedAt = now;
        status = Status.ACKNOWLEDGED;
        updatedAt = now;
    }

    /** To the bureau; a problem not yet acknowledged counts as acknowledged by escalating it. */
    public void escalate(Escalation kind, Instant now) {
        expect(ProblemAction.ESCALATE);
        if (acknowledgedAt == null) {
            acknowledgedAt = now;
        }
        escalation = kind;
        escalatedAt = now;
        status = Status.ESCALATED;
        updatedAt = now;
    }

    /** The bureau names the department that must act, and by when (again, to reassign). */
    public void assign(String department, Instant due, Instant now) {
        expect(ProblemAction.ASSIGN);
        this.department = department;
        this.departmentDue = due;
        this.assignedAt = now;
        status = Status.ASSIGNED;
        updatedAt = now;
    }

    public void resolve(String resolution, Instant now) {
        expect(ProblemAction.RESOLVE);
        this.resolution = resolution;
        resolvedAt = now;
        status = Status.RESOLVED;
        updatedAt = now;
    }

    public void confirm(Instant now) {
        expect(ProblemAction.CONFIRM);
        closedAt = now;
        status = Status.CLOSED;
        updatedAt = now;
    }

    /** The firm says it is not solved: back to the liaison officer, with a fresh time to resolve. */
    public void reopen(Instant now, Duration resolveWithin) {
        expect(ProblemAction.REOPEN);
        reopenCount++;
        resolvedAt = null;
        resolveDue = now.plus(resolveWithin);
        status = Status.ACKNOWLEDGED;
        updatedAt = now;
    }

    public void attach(long fileId, Instant now) {
        expect(ProblemAction.ATTACH);
        fileIds.add(fileId);
        updatedAt = now;
    }

    /** The time limits that have passed at {@code now}; empty when none or when no longer open. */
    public Set<Overdue> overdue(Instant now) {
        Set<Overdue> late = EnumSet.noneOf(Overdue.class);
        if (!status.isOpen()) {
            return late;
        }
        if (acknowledgedAt == null && now.isAfter(acknowledgeDue)) {
            late.add(Overdue.ACKNOWLEDGE);
        }
        if (status == Status.ASSIGNED && departmentDue != null && now.isAfter(departmentDue)) {
            late.add(Overdue.DEPARTMENT);
        }
        if (now.isAfter(resolveDue)) {
            late.add(Overdue.RESOLVE);
        }
        return late;
    }

    /** Refuses (409) a step the problem's state does not allow ({@link ProblemAction} holds the table). */
    void expect(ProblemAction action) {
        if (!action.allowedIn(status)) {
            throw DomainException.conflict("problem.wrongState");
        }
    }

    public Firm getFirm() { return firm; }
    public long getParkId() { return parkId; }
    public Category getCategory() { return category; }
    public Urgency getUrgency() { return urgency; }
    public String getDescription() { return description; }
    public Status getStatus() { return status; }
    public String getRaisedBy() { return raisedBy; }
    public Instant getRaisedAt() { return raisedAt; }
    public Instant getAcknowledgeDue() { return acknowledgeDue; }
    public Instant getResolveDue() { return resolveDue; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public Escalation getEscalation() { return escalation; }
    public Instant getEscalatedAt() { return escalatedAt; }
    public String getDepartment() { return department; }
    public Instant getDepartmentDue() { return departmentDue; }
    public Instant getAssignedAt() { return assignedAt; }
    public String getResolution() { return resolution; }
    public Instant getResolvedAt() { return resolvedAt; }
    public Instant getClosedAt() { return closedAt; }
    public int getReopenCount() { return reopenCount; }
    public Instant getUpdatedAt() { return updatedAt; }
    public List<Long> getFileIds() { return List.copyOf(fileIds); }
    public long getVersion() { return version; }
}
