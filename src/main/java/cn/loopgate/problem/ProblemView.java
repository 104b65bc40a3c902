package cn.loopgate.problem;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A problem as pages and the API show it, with its overdue flags computed at the time of reading and, on a
 * single problem, the steps the caller may take now ({@code actions}; empty in lists).
 */
public record ProblemView(long id, long firmId, String firmName, long parkId, String parkCode,
                          Category category, Urgency urgency, String description, Status status,
                          String raisedBy, Instant raisedAt, Instant acknowledgeDue, Instant resolveDue,
                          Instant acknowledgedAt, Escalation escalation, Instant escalatedAt,
                          String department, Instant departmentDue, Instant assignedAt,
                          String resolution, Instant resolvedAt, Instant closedAt, int reopenCount,
                          boolean overdue, Set<Problem.Overdue> overdueReasons,
                          List<AttachmentInfo> attachments, long version,
                          Set<ProblemAction> actions) implements java.io.Serializable {

    /** Whether the caller may take {@code action} now (for pages: {@code problem.can('RESOLVE')}). */
    public boolean can(String action) {
        return actions.contains(ProblemAction.valueOf(action));
    }

    /** An attached file, without its bytes. */
    public record AttachmentInfo(long id, String name, String contentType, int sizeBytes) implements java.io.Serializable {
    }

    /** One line of a problem's timeline: a comment or a recorded change. */
    public record TimelineEntry(Instant at, String actor, String actorRole, String action, String text) implements java.io.Serializable {
    }

    /** Open and overdue problems of one park and category. */
    public record StatsRow(long parkId, String parkCode, String parkName, Category category, long open, long overdue) {
    }

    /** The bureau's figures: per park and category, totals, and the average hours from raised to resolved. */
    public record Stats(Instant at, List<StatsRow> rows, long open, long overdue, long resolved, Double averageHoursToResolve) {
    }

    public String shortDescription() {
        return description.length() <= 60 ? description : description.substring(0, 60) + "…";
    }
}
