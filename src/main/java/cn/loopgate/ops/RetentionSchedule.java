package cn.loopgate.ops;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs personal-data retention once a day at 03:17 server time (non-persistent: a missed run is simply
 * the next one; a run is idempotent, so two cluster nodes running it do no harm — the park row lock
 * serialises them).
 */
@Singleton
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());

    @Inject
    RetentionService retention;

    @Schedule(hour = "3", minute = "17", persistent = false)
    void daily() {
        try {
            for (RetentionService.Outcome o : retention.runAll()) {
                if (o.total() > 0) {
                    LOG.info(() -> "retention: park " + o.parkId() + " anonymised " + o);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention run failed", e);
        }
    }
}
