package cn.loopgate.permit;

import cn.loopgate.shared.DomainException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The rule every permit's validity window obeys, whether a worker's card or a vehicle's pass: both
 * features ask it here rather than one borrowing the other's service.
 */
public final class ValidityWindow {

    private ValidityWindow() {
    }

    /** Start day not before yesterday, end not before start, at most {@code maxDays} days (both inclusive). */
    public static void check(LocalDate today, LocalDate from, LocalDate to, int maxDays) {
        if (to.isBefore(from)) {
            throw DomainException.invalid("validTo", "validation.validToAfterFrom");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            throw DomainException.invalid("validTo", "whitelist.windowTooLong", maxDays);
        }
        if (from.isBefore(today.minusDays(1))) {
            throw DomainException.invalid("validFrom", "whitelist.fromInPast");
        }
    }
}
