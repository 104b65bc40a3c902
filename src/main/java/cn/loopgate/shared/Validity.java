package cn.loopgate.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * A permit's validity as people read it: the first and the last day it may be used, both inclusive,
 * in the park's time zone ("有效期 2026-12-05 至 2027-01-03"). Stored windows end at an exclusive
 * instant (the local midnight after the last day); showing that instant ("2027-01-04 00:00") made people
 * think the card still worked on the 4th. The one place every page, PDF, gate answer and API formats it.
 */
public record Validity(LocalDate first, LocalDate last) {

    /**
     * From a stored window: the last day is the day before the end instant's local date when the end is
     * at local midnight (the usual case), else the end's own date (a window cut short during a day still
     * counts that day).
     */
    public static Validity of(Instant from, Instant endExclusive, ZoneId zone) {
        ZonedDateTime end = endExclusive.atZone(zone);
        LocalDate last = end.toLocalTime().equals(LocalTime.MIDNIGHT) ? end.toLocalDate().minusDays(1) : end.toLocalDate();
        LocalDate first = from.atZone(zone).toLocalDate();
        return new Validity(first, last.isBefore(first) ? first : last);
    }

    /** "2026-12-05 至 2027-01-03" / "2026-12-05 to 2027-01-03": for a column already headed 有效期. */
    public String range(Locale locale) {
        return Messages.get(locale, "permit.pdf.validityRange", first.toString(), last.toString());
    }

    /** "有效期 2026-12-05 至 2027-01-03" / "Valid 2026-12-05 to 2027-01-03". */
    public String text(Locale locale) {
        return Messages.get(locale, "validity.text", first.toString(), last.toString());
    }

    /** Same as {@link #range} for two inclusive dates as the forms store them; empty if either is missing. */
    public static String range(LocalDate first, LocalDate last, Locale locale) {
        return first == null || last == null ? "" : new Validity(first, last).range(locale);
    }
}
