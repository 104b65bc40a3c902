package cn.loopgate.plan;

import cn.loopgate.identity.Role;

import java.util.EnumSet;
import java.util.Set;

import static cn.loopgate.plan.PlanStatus.APPROVED;
import static cn.loopgate.plan.PlanStatus.REJECTED;
import static cn.loopgate.plan.PlanStatus.RETURNED;
import static cn.loopgate.plan.PlanStatus.SUBMITTED;

/**
 * What can be done to a plan, by whom and in which states: the one table behind {@link PlanService}'s
 * refusals (409 with {@link #conflictKey()}) and the actions pages and API clients are offered
 * ({@link PlanDetail#actions()}). {@link #FILE_NEW} is offered on a firm's rejected latest plan: the firm
 * may file afresh.
 */
public enum PlanAction {
    RESUBMIT(Role.FIRM_MANAGER, EnumSet.of(RETURNED), "plan.notReturned"),
    FILE_NEW(Role.FIRM_MANAGER, EnumSet.of(REJECTED), "plan.alreadyOpen"),
    RETURN(Role.LIAISON, EnumSet.of(SUBMITTED), "plan.wrongStatus"),
    APPROVE(Role.LIAISON, EnumSet.of(SUBMITTED), "plan.wrongStatus"),
    REJECT(Role.LIAISON, EnumSet.of(SUBMITTED), "plan.wrongStatus"),
    ADD_CONDITION(Role.LIAISON, EnumSet.of(SUBMITTED, RETURNED, APPROVED), "plan.rejected");

    private final Role role;
    private final Set<PlanStatus> states;
    private final String conflictKey;

    PlanAction(Role role, Set<PlanStatus> states, String conflictKey) {
        this.role = role;
        this.states = states;
        this.conflictKey = conflictKey;
    }

    public boolean allowedIn(PlanStatus status) {
        return states.contains(status);
    }

    /** The message key of the 409 answered when the plan's state does not allow this step. */
    public String conflictKey() {
        return conflictKey;
    }

    /** The steps a caller of {@code role}, who can see the plan, may take on it now. */
    public static Set<PlanAction> available(PlanStatus status, Role role) {
        Set<PlanAction> out = EnumSet.noneOf(PlanAction.class);
        for (PlanAction a : values()) {
            if (a.role == role && a.allowedIn(status)) {
                out.add(a);
            }
        }
        return out;
    }
}
