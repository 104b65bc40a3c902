package cn.loopgate.verification;

import cn.loopgate.permit.PermitType;

import java.time.Instant;

/**
 * The answer to a scan: the verdict and the least needed to match the person (no photo, masked
 * name). For FORGED nothing about any permit is shown.
 */
public record ScanResult(long scanId, Verdict result, String gate, Instant scannedAt, PermitType type, String number,
                         String holder, String firm, String park, Instant validFrom, Instant validTo) {

    public boolean isValid() {
        return result == Verdict.VALID;
    }
}
