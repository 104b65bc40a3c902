package cn.loopgate.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 7: lock-out per (user, address), back-off per address, neither a weapon against the owner. */
class LoginThrottleTest {

    static final Instant T0 = Instant.parse("2026-02-10T08:00:00Z");

    @Test
    void theFifthFailureLocksThePairOnlyNotTheUserElsewhere() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 1; i <= 4; i++) {
            assertFalse(t.failed("admin", "10.0.0.66", T0).pairLocked());
        }
        assertTrue(t.failed("admin", "10.0.0.66", T0).pairLocked(), "the fifth");
        assertTrue(t.locked("admin", "10.0.0.66", T0.plusSeconds(60)));
        assertFalse(t.locked("admin", "10.0.0.7", T0.plusSeconds(60)), "the owner from another address");
        assertFalse(t.locked("admin", "10.0.0.66", T0.plus(UserAccount.LOCK_TIME).plusSeconds(1)), "for a while only");
    }

    @Test
    void anAddressSprayingUsernamesBacksOffExponentially() {
        LoginThrottle t = new LoginThrottle();
        Instant now = T0;
        for (int i = 0; i < LoginThrottle.ADDRESS_ALLOWANCE; i++) {
            t.failed("user" + i, "10.0.0.66", now);
        }
        assertFalse(t.addressBlocked("10.0.0.66", now), "the allowance");
        assertTrue(t.failed("one-more", "10.0.0.66", now).addressBlocked(), "back-off starts (and is audited once)");
        assertTrue(t.addressBlocked("10.0.0.66", now.plusMillis(900)));
        assertFalse(t.addressBlocked("10.0.0.66", now.plusMillis(1100)), "1 s");
        t.failed("again", "10.0.0.66", now.plusSeconds(2));
        assertTrue(t.addressBlocked("10.0.0.66", now.plusSeconds(3)), "then 2 s");
        assertFalse(t.addressBlocked("10.0.0.7", now), "other addresses are not affected");
        t.succeeded("someone", "10.0.0.66");
        assertFalse(t.addressBlocked("10.0.0.66", now.plusSeconds(3)), "a right password from the address clears it");
    }
}
