package cn.loopgate.verification;

import cn.loopgate.health.HealthRules;
import cn.loopgate.permit.PermitType;

import java.math.BigDecimal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The answer to a scan: the verdict and the least needed to match the person or vehicle (no photo,
 * masked name; for a pass the plate, which the guard compares with the vehicle in front of them, and
 * the masked driver as holder). {@code validFrom}/{@code validTo} are the stored window (the end
 * exclusive); {@code validFromDate}/{@code validUntilDate} are the first and last day it may be used,
 * inclusive, in the park's zone, as printed. For FORGED nothing about any permit is shown.
 * <p>
 * The person (issue 20): for a card, {@code testStatus} with the last negative sample and when it stops counting;
 * {@code warning} TEST_OVERDUE when the park's policy only warns (the verdict stays VALID); the temperature as
 * read; {@code healthHold} when SUSPENDED comes from a health hold (a positive case) rather than the firm.
 */
public record ScanResult(long scanId, Verdict result, String gate, Instant scannedAt, PermitType type, String number,
                         String holder, String firm, String park, Instant validFrom, Instant validTo, String plate,
                         LocalDate validFromDate, LocalDate validUntilDate, HealthRules.TestStatus testStatus,
                         Instant lastNegativeAt, Instant testValidUntil, Verdict warning, BigDecimal temperature,
                         boolean healthHold) implements java.io.Serializable {

    public boolean isValid() {
        return result == Verdict.VALID;
    }
}
