package cn.loopgate.health;

import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The state rules of incidents and holds. */
class HealthEntitiesTest {

    static final Instant T = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void anIncidentIsAcknowledgedThenClosedAndTakesNoActionOnceClosed() {
        HealthIncident i = new HealthIncident();
        assertEquals(DomainException.Kind.CONFLICT, assertThrows(DomainException.class, () -> i.close(T, "l", "done")).kind(),
                "closing before acknowledging");
        i.acknowledge(T, "liaison");
        assertEquals(HealthIncident.Status.ACKNOWLEDGED, i.getStatus());
        assertThrows(DomainException.class, () -> i.acknowledge(T, "liaison"));
        i.checkWorkable();
        i.close(T.plusSeconds(60), "liaison", "all traced");
        assertEquals(HealthIncident.Status.CLOSED, i.getStatus());
        assertEquals("all traced", i.getClosingNote());
        assertThrows(DomainException.class, i::checkWorkable);
        assertThrows(DomainException.class, () -> i.close(T, "l", "again"));
    }

    @Test
    void aHoldIsLiftedOnce() {
        HealthHold h = new HealthHold(1L, 2L, 3L, T, "manager");
        h.lift(T.plusSeconds(5), "liaison", "negative twice");
        assertFalse(h.isActive());
        assertEquals(DomainException.Kind.CONFLICT, assertThrows(DomainException.class, () -> h.lift(T, "x", "y")).kind());
    }
}
