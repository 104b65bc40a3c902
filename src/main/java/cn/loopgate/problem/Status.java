package cn.loopgate.problem;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a problem: RAISED → ACKNOWLEDGED → (ESCALATED → ASSIGNED →) RESOLVED → CLOSED;
 * a reopened problem goes back to ACKNOWLEDGED.
 */
public enum Status {
    RAISED, ACKNOWLEDGED, ESCALATED, ASSIGNED, RESOLVED, CLOSED;

    /** Still waiting for a solution: these count as open and may be overdue. */
    public static final Set<Status> OPEN = EnumSet.of(RAISED, ACKNOWLEDGED, ESCALATED, ASSIGNED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
