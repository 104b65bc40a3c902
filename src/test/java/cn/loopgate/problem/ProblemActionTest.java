package cn.loopgate.problem;

import cn.loopgate.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The problem's table of steps: what each role is offered in each state (problem.xhtml shows only these). */
class ProblemActionTest {

    @Test
    void liaisonOfficer() {
        assertEquals(EnumSet.of(ProblemAction.ACKNOWLEDGE, ProblemAction.ESCALATE, ProblemAction.COMMENT, ProblemAction.ATTACH),
                ProblemAction.available(Status.RAISED, Role.LIAISON));
        assertEquals(EnumSet.of(ProblemAction.ESCALATE, ProblemAction.RESOLVE, ProblemAction.COMMENT, ProblemAction.ATTACH),
                ProblemAction.available(Status.ACKNOWLEDGED, Role.LIAISON));
        assertEquals(EnumSet.of(ProblemAction.RESOLVE, ProblemAction.COMMENT, ProblemAction.ATTACH),
                ProblemAction.available(Status.ASSIGNED, Role.LIAISON));
    }

    @Test
    void firmManager() {
        assertEquals(EnumSet.of(ProblemAction.COMMENT, ProblemAction.ATTACH), ProblemAction.available(Status.RAISED, Role.FIRM_MANAGER));
        assertEquals(EnumSet.of(ProblemAction.CONFIRM, ProblemAction.REOPEN, ProblemAction.COMMENT, ProblemAction.ATTACH),
                ProblemAction.available(Status.RESOLVED, Role.FIRM_MANAGER));
    }

    @Test
    void bureauAssignsOnlyEscalatedProblems() {
        assertEquals(EnumSet.of(ProblemAction.ASSIGN), ProblemAction.available(Status.ESCALATED, Role.ANALYST));
        assertEquals(EnumSet.of(ProblemAction.ASSIGN), ProblemAction.available(Status.ASSIGNED, Role.ANALYST));
        assertEquals(Set.of(), ProblemAction.available(Status.RAISED, Role.ANALYST));
    }

    @Test
    void aClosedProblemOffersNothingToAnyone() {
        for (Role r : Role.values()) {
            assertTrue(ProblemAction.available(Status.CLOSED, r).isEmpty(), r.name());
        }
        assertTrue(ProblemAction.available(Status.RAISED, Role.ADMIN).isEmpty());
        assertTrue(ProblemAction.available(Status.RAISED, null).isEmpty());
    }

    @Test
    void theEntityRefusesWhatTheTableRefuses() {
        for (Status s : Status.values()) {
            for (ProblemAction a : ProblemAction.values()) {
                boolean offeredToSomeone = false;
                for (Role r : Role.values()) {
                    offeredToSomeone |= ProblemAction.available(s, r).contains(a);
                }
                assertEquals(a.allowedIn(s), offeredToSomeone, s + " " + a);
            }
        }
    }
}
