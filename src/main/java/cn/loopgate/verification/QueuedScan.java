package cn.loopgate.verification;

import java.time.Instant;
import java.util.List;

/**
 * A scan the guard's phone verified offline and uploads when the network is back: the phone's own id for
 * it (a UUID, so a repeated upload stores nothing twice), the gate, the QR text as read, when it was read
 * (the phone's clock) and what the phone showed ({@code offlineResult}: a {@link Verdict} name or
 * {@code UNCONFIRMED}). Checked field by field by {@link OfflineScans}, which names the item in its errors.
 */
public record QueuedScan(String clientId, Long gateId, String content, Instant scannedAt, String offlineResult) {

    /** An upload: up to {@link OfflineScans#MAX_BATCH} scans. */
    public record Batch(List<QueuedScan> scans) {
    }

    /**
     * What became of one uploaded scan: its log row, the verdict the server gives it for its original time,
     * what the phone showed and whether it was already uploaded before. REFUSED: the gate is none of the
     * guard's active gates any more (logged so).
     */
    public record Outcome(String clientId, long scanId, Verdict result, String offlineResult, boolean duplicate) {
    }
}
