package cn.loopgate.verification;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Flushes the gate's counted alerts every {@link #INTERVAL} seconds (non-persistent: each node flushes its own
 * counts; grouped rows add up in the database, so two nodes' counts for one gate end in one notification).
 * The interval is also the alerts' rate limit: at most one write per group and interval, whatever the storm.
 */
@Singleton
public class GateAlertSchedule {

    /** Seconds between flushes. */
    public static final int INTERVAL = 5;

    @Inject
    GateAlerts alerts;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void flush() {
        alerts.flush();
    }
}
