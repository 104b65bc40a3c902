package cn.loopgate.problem;

import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle and the overdue rule of a problem, without a container. */
class ProblemTest {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    static Problem urgent() {
        return new Problem(null, 1L, Category.MATERIALS_IN, Urgency.URGENT, "原材料进不来", "m", T0,
                Duration.ofHours(2), Duration.ofHours(24));
    }

    @Test
    void notAcknowledgedInTimeIsOverdueAndAcknowledgingClearsThat() {
        Problem p = urgent();
        assertTrue(p.overdue(T0.plus(Duration.ofHours(2))).isEmpty(), "exactly at the limit is not late");
        assertEquals(Set.of(Problem.Overdue.ACKNOWLEDGE), p.overdue(T0.plus(Duration.ofMinutes(121))));
        p.acknowledge(T0.plus(Duration.ofHours(3)));
        assertTrue(p.overdue(T0.plus(Duration.ofHours(4))).isEmpty());
        assertEquals(Set.of(Problem.Overdue.RESOLVE), p.overdue(T0.plus(Duration.ofHours(25))));
    }

    @Test
    void departmentDueCountsOnlyWhileAssigned() {
        Problem p = urgent();
        p.acknowledge(T0.plusSeconds(60));
        p.escalate(Escalation.SUPERVISE, T0.plusSeconds(120));
        p.assign("市交通运输局", T0.plus(Duration.ofHours(5)), T0.plusSeconds(180));
        assertEquals(Set.of(Problem.Overdue.DEPARTMENT), p.overdue(T0.plus(Duration.ofHours(6))));
        p.resolve("已协调开通绿色通道", T0.plus(Duration.ofHours(7)));
        assertTrue(p.overdue(T0.plus(Duration.ofDays(3))).isEmpty(), "a resolved problem is never overdue");
    }

    @Test
    void fullLifecycleWithReopen() {
        Problem p = urgent();
        p.escalate(Escalation.ASSIGN, T0.plusSeconds(60));
        assertEquals(T0.plusSeconds(60), p.getAcknowledgedAt(), "escalating acknowledges");
        p.assign("市商务局", T0.plus(Duration.ofHours(10)), T0.plusSeconds(120));
        p.resolve("done", T0.plusSeconds(300));
        p.reopen(T0.plus(Duration.ofHours(1)), Duration.ofHours(24));
        assertEquals(Status.ACKNOWLEDGED, p.getStatus());
        assertEquals(1, p.getReopenCount());
        assertEquals(T0.plus(Duration.ofHours(25)), p.getResolveDue());
        p.resolve("done again", T0.plus(Duration.ofHours(2)));
        p.confirm(T0.plus(Duration.ofHours(3)));
        assertEquals(Status.CLOSED, p.getStatus());
    }

    @Test
    void wrongStateIsAConflict() {
        Problem p = urgent();
        DomainException e = assertThrows(DomainException.class, () -> p.confirm(T0));
        assertEquals(DomainException.Kind.CONFLICT, e.kind());
        assertThrows(DomainException.class, () -> p.assign("x", T0.plusSeconds(3600), T0));
        assertThrows(DomainException.class, () -> p.resolve("x", T0), "must be acknowledged first");
        p.acknowledge(T0);
        assertThrows(DomainException.class, () -> p.acknowledge(T0));
    }
}
