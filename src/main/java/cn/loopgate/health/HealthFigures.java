package cn.loopgate.health;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A park's health figures of one day (docs/health.md, "Figures"): workers on site (distinct card holders scanned at
 * the park's gates that day), those among them covered by a negative sample within the interval in force at the
 * day's end (72 hours where the park requires none), those not covered (overdue), readings at or over the
 * threshold, and incidents opened. {@code coveragePct} is null without anyone on site; {@code asOf} is the end of
 * the day, or now for today.
 */
public record HealthFigures(long parkId, LocalDate day, int onSite, int covered, int overdue, Double coveragePct, int fevers,
                            int incidents, int intervalHours, Instant asOf) {
}
