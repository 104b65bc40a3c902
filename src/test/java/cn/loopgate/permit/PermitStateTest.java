package cn.loopgate.permit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate's states at the exact edges of the validity window: from inclusive, to exclusive. */
class PermitStateTest {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-08T00:00:00Z");

    static Permit permit() {
        return new Permit(PermitType.CARD, "WL-T-1", 1, 2, null, "张三", PermitService.digest(PermitType.CARD, "X"),
                FROM, TO, FROM, "test");
    }

    @Test
    void boundaries() {
        Permit p = permit();
        assertEquals(PermitState.NOT_YET_VALID, PermitService.stateAt(p, false, FROM.minusNanos(1)));
        assertEquals(PermitState.VALID, PermitService.stateAt(p, false, FROM));
        assertEquals(PermitState.VALID, PermitService.stateAt(p, false, TO.minusNanos(1)));
        assertEquals(PermitState.EXPIRED, PermitService.stateAt(p, false, TO));
        assertEquals(PermitState.SUSPENDED, PermitService.stateAt(p, true, FROM));
        p.revoke(FROM, "lost");
        assertEquals(PermitState.REVOKED, PermitService.stateAt(p, false, FROM));
    }
}
