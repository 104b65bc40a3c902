package cn.loopgate.health;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules the gate applies to the person behind a card, pure so that they are tested alone and read by the
 * gate from the facts of its one query ({@code verification.GateService}). The newest test decides POSITIVE;
 * otherwise, when the park requires tests, the last negative sample must be younger than the interval.
 */
public final class HealthRules {

    /** The fever threshold when a park has set none (°C; a reading at or above it is a fever). */
    public static final BigDecimal DEFAULT_FEVER = new BigDecimal("37.3");
    /** Readings outside this range are typing or sensor errors, refused (400), not logged as a temperature. */
    public static final BigDecimal LOWEST_READING = new BigDecimal("34.0");
    public static final BigDecimal HIGHEST_READING = new BigDecimal("43.0");

    /** What an overdue test does at the gate. */
    public enum OverdueAction { REFUSE, WARN }

    /** A park's policy as the gate applies it; {@code intervalHours} null: no test required. */
    public record Policy(Integer intervalHours, OverdueAction overdueAction, BigDecimal feverThreshold, boolean suspendFirm) {

        /** A park that has set nothing: no test required, overdue would only warn, fever from 37.3 °C. */
        public static final Policy DEFAULT = new Policy(null, OverdueAction.WARN, DEFAULT_FEVER, false);

        public boolean testRequired() {
            return intervalHours != null;
        }
    }

    /** The person's test status at a moment. */
    public enum TestStatus {
        /** The park requires no test. */
        NOT_REQUIRED,
        /** A negative sample within the interval. */
        CURRENT,
        /** No negative sample within the interval (none at all, or too old). */
        OVERDUE,
        /** The newest result is positive. */
        POSITIVE
    }

    /** What the gate does about the person: admit, admit with a warning, or refuse with a verdict word. */
    public enum Outcome { ADMIT, WARN_OVERDUE, REFUSE_OVERDUE, REFUSE_POSITIVE, REFUSE_FEVER }

    private HealthRules() {
    }

    /**
     * @param lastNegative the newest negative sample's time, or null
     * @param newest the newest test's result (by sample time), or null when there is none
     */
    public static TestStatus status(Policy policy, Instant lastNegative, TestResult newest, Instant now) {
        if (newest == TestResult.POSITIVE) {
            return TestStatus.POSITIVE;
        }
        if (!policy.testRequired()) {
            return TestStatus.NOT_REQUIRED;
        }
        Instant until = validUntil(policy, lastNegative);
        return until != null && now.isBefore(until) ? TestStatus.CURRENT : TestStatus.OVERDUE;
    }

    /** When the last negative test stops counting (sample time + interval), or null (none, or no test required). */
    public static Instant validUntil(Policy policy, Instant lastNegative) {
        return lastNegative == null || !policy.testRequired() ? null : lastNegative.plus(Duration.ofHours(policy.intervalHours()));
    }

    /** A reading at or above the park's threshold (37.3 °C by default) is a fever. */
    public static boolean fever(Policy policy, BigDecimal temperature) {
        return temperature != null && temperature.compareTo(policy.feverThreshold()) >= 0;
    }

    /** A reading a thermometer can give a living person (34.0–43.0 °C); others are refused. */
    public static boolean plausible(BigDecimal temperature) {
        return temperature.compareTo(LOWEST_READING) >= 0 && temperature.compareTo(HIGHEST_READING) <= 0;
    }

    /**
     * The person's outcome, most serious first: a positive test, then a fever, then an overdue test (refused or
     * only warned as the policy says).
     */
    public static Outcome outcome(Policy policy, TestStatus status, BigDecimal temperature) {
        if (status == TestStatus.POSITIVE) {
            return Outcome.REFUSE_POSITIVE;
        }
        if (fever(policy, temperature)) {
            return Outcome.REFUSE_FEVER;
        }
        if (status == TestStatus.OVERDUE) {
            return policy.overdueAction() == OverdueAction.REFUSE ? Outcome.REFUSE_OVERDUE : Outcome.WARN_OVERDUE;
        }
        return Outcome.ADMIT;
    }
}
