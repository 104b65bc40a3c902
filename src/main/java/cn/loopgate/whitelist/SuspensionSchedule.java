package cn.loopgate.whitelist;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the suspension policy every hour (non-persistent: a missed run is simply the next one). */
@Singleton
public class SuspensionSchedule {

    private static final Logger LOG = Logger.getLogger(SuspensionSchedule.class.getName());

    @Inject
    SuspensionPolicy policy;

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        try {
            SuspensionPolicy.Outcome o = policy.evaluateAll();
            LOG.fine(() -> "suspension policy: " + o);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "suspension policy run failed", e);
        }
    }
}
