package cn.loopgate.verification;

import cn.loopgate.permit.PermitType;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The answer to a scan: the verdict and the least needed to match the person or vehicle (no photo,
 * masked name; for a pass the plate, which the guard compares with the vehicle in front of them, and
 * the masked driver as holder). {@code validFrom}/{@code validTo} are the stored window (the end
 * exclusive); {@code validFromDate}/{@code validUntilDate} are the first and last day it may be used,
 * inclusive, in the park's zone, as printed. For FORGED nothing about any permit is shown.
 */
public record ScanResult(long scanId, Verdict result, String gate, Instant scannedAt, PermitType type, String number,
                         String holder, String firm, String park, Instant validFrom, Instant validTo, String plate,
                         LocalDate validFromDate, LocalDate validUntilDate) implements java.io.Serializable {

    public boolean isValid() {
        return result == Verdict.VALID;
    }
}
