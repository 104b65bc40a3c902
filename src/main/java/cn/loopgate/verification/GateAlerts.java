package cn.loopgate.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alerts of the gate, kept off the scan's path. A scan only counts its alert in memory ({@link AlertTally});
 * every {@link GateAlertSchedule#INTERVAL} the counts are written as one notification per recipient, gate,
 * kind and hour whose count grows ("卡口 东门：10:00 起 1 小时内 12 次伪造或无法验证的扫码"), instead of one
 * row per scan and recipient written inside the scan. Who is told: a REVOKED scan, and a FORGED one whose
 * code names a real permit (a bit-flipped or altered genuine card), the liaison officers of that permit's
 * park; a FORGED code that names no permit, the administrators; a FEVER, the liaison officers of the permit's park
 * and the managers of its firm (issue 20).
 * <p>
 * Counts not yet written when the node stops are lost (at most one interval); the scans themselves are in
 * the scan log, which is written before each answer (docs/reliability.md).
 */
@ApplicationScoped
public class GateAlerts {

    private static final Logger LOG = Logger.getLogger(GateAlerts.class.getName());

    /** Groups waiting at most between two flushes; beyond, alerts are counted in one overflow group per kind. */
    static final int MAX_GROUPS = 1_000;
    /** A group's notification covers one such window (then a new one starts). */
    static final Duration WINDOW = Duration.ofHours(1);

    private final AlertTally tally = new AlertTally(MAX_GROUPS);

    @Inject
    GateAlertWriter writer;

    public void revoked(long parkId, Long gateId, String gate, String permitNumber, String firmName) {
        tally.count(new AlertTally.Group(Verdict.REVOKED, parkId, gateId, gate), permitNumber, firmName);
    }

    /**
     * A temperature at or over the fever threshold at a gate: the permit's park's liaison officers and the firm's
     * managers are told at the next flush (seconds), with the permit and the reading.
     */
    public void fever(long parkId, long firmId, Long gateId, String gate, String permitNumber, String reading) {
        tally.count(new AlertTally.Group(Verdict.FEVER, parkId, gateId, gate, firmId), permitNumber, reading);
    }

    /** {@code claimedParkId}: the park of the permit the code names, when it names one; else administrators. */
    public void forged(Long claimedParkId, Long gateId, String gate) {
        tally.count(new AlertTally.Group(Verdict.FORGED, claimedParkId, gateId, gate), null, null);
    }

    /** Writes what was counted since the last flush; on failure the counts wait for the next one. */
    public void flush() {
        List<AlertTally.Count> counts = tally.drain();
        if (counts.isEmpty()) {
            return;
        }
        try {
            writer.write(counts);
        } catch (RuntimeException e) {
            tally.restore(counts);
            LOG.log(Level.WARNING, "gate alerts not written, kept for the next flush: " + counts.size() + " groups", e);
        }
    }

    /** Groups waiting now (tests, metrics). */
    int waiting() {
        return tally.groups();
    }
}
