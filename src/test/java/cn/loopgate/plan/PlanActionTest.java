package cn.loopgate.plan;

import cn.loopgate.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's table of steps: who may take which, in which state (what pages and API clients are offered). */
class PlanActionTest {

    @Test
    void aSubmittedPlanIsTheLiaisonsToDecide() {
        assertEquals(EnumSet.of(PlanAction.RETURN, PlanAction.APPROVE, PlanAction.REJECT, PlanAction.ADD_CONDITION),
                PlanAction.available(PlanStatus.SUBMITTED, Role.LIAISON));
        assertEquals(Set.of(), PlanAction.available(PlanStatus.SUBMITTED, Role.FIRM_MANAGER));
    }

    @Test
    void aReturnedPlanIsTheFirmsToRefile() {
        assertEquals(EnumSet.of(PlanAction.RESUBMIT), PlanAction.available(PlanStatus.RETURNED, Role.FIRM_MANAGER));
        assertEquals(EnumSet.of(PlanAction.ADD_CONDITION), PlanAction.available(PlanStatus.RETURNED, Role.LIAISON));
    }

    @Test
    void decidedPlans() {
        assertEquals(EnumSet.of(PlanAction.ADD_CONDITION), PlanAction.available(PlanStatus.APPROVED, Role.LIAISON));
        assertEquals(Set.of(), PlanAction.available(PlanStatus.APPROVED, Role.FIRM_MANAGER));
        assertEquals(Set.of(), PlanAction.available(PlanStatus.REJECTED, Role.LIAISON));
        assertEquals(EnumSet.of(PlanAction.FILE_NEW), PlanAction.available(PlanStatus.REJECTED, Role.FIRM_MANAGER));
    }

    @Test
    void readersAreOfferedNothing() {
        for (PlanStatus s : PlanStatus.values()) {
            for (Role r : new Role[] {Role.ANALYST, Role.ADMIN, Role.GUARD, null}) {
                assertTrue(PlanAction.available(s, r).isEmpty(), s + " " + r);
            }
        }
    }

    @Test
    void refusalsNameTheirConflict() {
        assertFalse(PlanAction.RESUBMIT.allowedIn(PlanStatus.SUBMITTED));
        assertEquals("plan.notReturned", PlanAction.RESUBMIT.conflictKey());
        assertEquals("plan.rejected", PlanAction.ADD_CONDITION.conflictKey());
        assertEquals("plan.wrongStatus", PlanAction.APPROVE.conflictKey());
    }
}
