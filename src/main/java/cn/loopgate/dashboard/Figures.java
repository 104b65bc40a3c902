package cn.loopgate.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The figures of one group of firms on one day, each with its numerator and denominator, as of
 * {@code asOf} (the end of the day, or now for today). {@code key}/{@code label} name the group
 * (a park, a day, or the whole slice). Definitions: docs/metrics.md.
 *
 * <p>Two arrival rates with two bases: {@code arrivalResumed} (the headline, as newspapers write 到岗率)
 * divides the staff on site of the resumed firms by those firms' registered staff; {@code arrival} divides
 * the staff on site of every firm by the registered staff of every firm in the slice.
 */
public record Figures(String key, String label, LocalDate day, Instant asOf, long firms,
                      Ratio resumption, Ratio arrivalResumed, Ratio arrival, Ratio capacity, Ratio compliance,
                      long reported, long late, long missing, long abnormal, long stopped) implements java.io.Serializable {

    static Figures of(String key, String label, LocalDate day, Instant asOf, long firms, long resumed, long onSite,
                      long staff, long capacityPctStaff, long due, long onTime, long reported, long late,
                      long abnormal, long stopped, long onSiteResumed, long staffResumed) {
        return new Figures(key, label, day, asOf, firms, Ratio.of(resumed, firms), Ratio.of(onSiteResumed, staffResumed),
                Ratio.of(onSite, staff), Ratio.of(BigDecimal.valueOf(capacityPctStaff).movePointLeft(2), BigDecimal.valueOf(staff)),
                Ratio.of(onTime, due), reported, late, firms - reported, abnormal, stopped);
    }

    /** The same figures dated {@code d}. */
    Figures withDay(LocalDate d) {
        return new Figures(key, label, d, asOf, firms, resumption, arrivalResumed, arrival, capacity, compliance,
                reported, late, missing, abnormal, stopped);
    }
}
