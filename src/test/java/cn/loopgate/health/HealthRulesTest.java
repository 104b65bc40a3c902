package cn.loopgate.health;

import cn.loopgate.health.HealthRules.OverdueAction;
import cn.loopgate.health.HealthRules.Outcome;
import cn.loopgate.health.HealthRules.Policy;
import cn.loopgate.health.HealthRules.TestStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthRulesTest {

    static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    static final Policy EVERY_48H_REFUSE = new Policy(48, OverdueAction.REFUSE, new BigDecimal("37.3"), false);
    static final Policy EVERY_72H_WARN = new Policy(72, OverdueAction.WARN, new BigDecimal("37.5"), false);

    @Test
    void aNegativeSampleCountsForTheIntervalFromItsSampleTime() {
        Instant sampled = NOW.minus(Duration.ofHours(47));
        assertEquals(TestStatus.CURRENT, HealthRules.status(EVERY_48H_REFUSE, sampled, TestResult.NEGATIVE, NOW));
        assertEquals(sampled.plus(Duration.ofHours(48)), HealthRules.validUntil(EVERY_48H_REFUSE, sampled));
        assertEquals(TestStatus.OVERDUE, HealthRules.status(EVERY_48H_REFUSE, NOW.minus(Duration.ofHours(48)), TestResult.NEGATIVE, NOW),
                "at exactly the interval the test no longer counts");
        assertEquals(TestStatus.CURRENT, HealthRules.status(EVERY_72H_WARN, NOW.minus(Duration.ofHours(48)), TestResult.NEGATIVE, NOW));
    }

    @Test
    void noTestAtAllIsOverdueWhereTestsAreRequiredAndNotRequiredElsewhere() {
        assertEquals(TestStatus.OVERDUE, HealthRules.status(EVERY_48H_REFUSE, null, null, NOW));
        assertEquals(TestStatus.NOT_REQUIRED, HealthRules.status(Policy.DEFAULT, null, null, NOW));
        assertNull(HealthRules.validUntil(Policy.DEFAULT, NOW), "no expiry where no test is required");
    }

    @Test
    void theNewestResultPositiveIsPositiveEvenWithARecentNegativeAndWhereNoTestIsRequired() {
        assertEquals(TestStatus.POSITIVE, HealthRules.status(EVERY_48H_REFUSE, NOW.minus(Duration.ofHours(2)), TestResult.POSITIVE, NOW));
        assertEquals(TestStatus.POSITIVE, HealthRules.status(Policy.DEFAULT, null, TestResult.POSITIVE, NOW));
        assertEquals(TestStatus.CURRENT, HealthRules.status(EVERY_48H_REFUSE, NOW.minus(Duration.ofHours(1)), TestResult.NEGATIVE, NOW),
                "a later negative is the newest result");
    }

    @Test
    void feverIsAtOrOverTheThreshold() {
        assertTrue(HealthRules.fever(Policy.DEFAULT, new BigDecimal("37.3")));
        assertFalse(HealthRules.fever(Policy.DEFAULT, new BigDecimal("37.2")));
        assertFalse(HealthRules.fever(EVERY_72H_WARN, new BigDecimal("37.4")), "the park's own threshold");
        assertFalse(HealthRules.fever(Policy.DEFAULT, null));
        assertTrue(HealthRules.plausible(new BigDecimal("36.5")));
        assertFalse(HealthRules.plausible(new BigDecimal("3.65")));
        assertFalse(HealthRules.plausible(new BigDecimal("365")));
    }

    @Test
    void theOutcomeIsTheMostSeriousFindingAndAnOverdueTestRefusesOrWarnsAsThePolicySays() {
        BigDecimal fever = new BigDecimal("38.0");
        BigDecimal normal = new BigDecimal("36.6");
        assertEquals(Outcome.REFUSE_POSITIVE, HealthRules.outcome(EVERY_48H_REFUSE, TestStatus.POSITIVE, fever));
        assertEquals(Outcome.REFUSE_FEVER, HealthRules.outcome(EVERY_48H_REFUSE, TestStatus.OVERDUE, fever));
        assertEquals(Outcome.REFUSE_FEVER, HealthRules.outcome(EVERY_48H_REFUSE, null, fever), "a driver (no tests) with a fever");
        assertEquals(Outcome.REFUSE_OVERDUE, HealthRules.outcome(EVERY_48H_REFUSE, TestStatus.OVERDUE, normal));
        assertEquals(Outcome.WARN_OVERDUE, HealthRules.outcome(EVERY_72H_WARN, TestStatus.OVERDUE, null));
        assertEquals(Outcome.ADMIT, HealthRules.outcome(EVERY_48H_REFUSE, TestStatus.CURRENT, normal));
        assertEquals(Outcome.ADMIT, HealthRules.outcome(Policy.DEFAULT, TestStatus.NOT_REQUIRED, null));
    }
}
