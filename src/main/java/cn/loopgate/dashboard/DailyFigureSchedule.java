package cn.loopgate.dashboard;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the aggregates of the last {@link DailyFigures#BACKFILL_DAYS} closed days built: once shortly after
 * the start (so the first long trend after a deploy is not the slow one) and every hour at minute 7 (a day
 * closes at midnight in its park's time zone; late reports for closed days are rebuilt then too). Each
 * (day, park) is stored in its own transaction with idempotent upserts, so a failed or concurrent run (another
 * cluster node) does no harm; until a run has finished, readers build what they need themselves.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
public class DailyFigureSchedule {

    private static final Logger LOG = Logger.getLogger(DailyFigureSchedule.class.getName());
    /** Let the deployment finish and the first requests through before the first fill. */
    private static final long START_DELAY_MS = 15_000;

    @Resource
    TimerService timers;
    @Inject
    DailyFigures figures;

    @PostConstruct
    void start() {
        timers.createSingleActionTimer(START_DELAY_MS, new TimerConfig("daily-figures-start", false));
    }

    @Timeout
    void afterStart() {
        fill();
    }

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        fill();
    }

    private void fill() {
        try {
            figures.fill();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "daily figures fill failed (readers build what they need)", e);
        }
    }
}
