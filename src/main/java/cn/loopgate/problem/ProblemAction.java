package cn.loopgate.problem;

import cn.loopgate.identity.Role;

import java.util.EnumSet;
import java.util.Set;

import static cn.loopgate.problem.Status.ACKNOWLEDGED;
import static cn.loopgate.problem.Status.ASSIGNED;
import static cn.loopgate.problem.Status.ESCALATED;
import static cn.loopgate.problem.Status.RAISED;
import static cn.loopgate.problem.Status.RESOLVED;

/**
 * What can be done to a problem, by whom and in which states: the one table behind {@link Problem}'s
 * transitions, the service's refusals and the actions a page or an API client is offered
 * ({@link ProblemView#actions()}), so no page repeats the state machine.
 */
public enum ProblemAction {
    ACKNOWLEDGE(EnumSet.of(Role.LIAISON), EnumSet.of(RAISED)),
    ESCALATE(EnumSet.of(Role.LIAISON), EnumSet.of(RAISED, ACKNOWLEDGED)),
    RESOLVE(EnumSet.of(Role.LIAISON), EnumSet.of(ACKNOWLEDGED, ESCALATED, ASSIGNED)),
    ASSIGN(EnumSet.of(Role.ANALYST), EnumSet.of(ESCALATED, ASSIGNED)),
    CONFIRM(EnumSet.of(Role.FIRM_MANAGER), EnumSet.of(RESOLVED)),
    REOPEN(EnumSet.of(Role.FIRM_MANAGER), EnumSet.of(RESOLVED)),
    COMMENT(EnumSet.of(Role.FIRM_MANAGER, Role.LIAISON), EnumSet.complementOf(EnumSet.of(Status.CLOSED))),
    ATTACH(EnumSet.of(Role.FIRM_MANAGER, Role.LIAISON), EnumSet.complementOf(EnumSet.of(Status.CLOSED)));

    private final Set<Role> roles;
    private final Set<Status> states;

    ProblemAction(Set<Role> roles, Set<Status> states) {
        this.roles = roles;
        this.states = states;
    }

    /** Whether a problem in {@code status} may take this step at all (whoever asks). */
    public boolean allowedIn(Status status) {
        return states.contains(status);
    }

    /** Whether {@code role} is the one that takes this step. */
    public boolean takenBy(Role role) {
        return role != null && roles.contains(role);
    }

    /**
     * The steps a caller of {@code role} who can see the problem may take now. Scope (which firms and
     * parks) is checked before: a problem outside it is never shown.
     */
    public static Set<ProblemAction> available(Status status, Role role) {
        Set<ProblemAction> out = EnumSet.noneOf(ProblemAction.class);
        for (ProblemAction a : values()) {
            if (a.allowedIn(status) && a.takenBy(role)) {
                out.add(a);
            }
        }
        return out;
    }
}
