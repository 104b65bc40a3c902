package cn.loopgate.shared.web;

import cn.loopgate.shared.Masking;
import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.Validity;
import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one formatter of the pages ({@code #{fmt.time(x)}}, {@code #{fmt.until(x)}}, {@code #{fmt.label('planStatus', s)}}):
 * instants as local date-times in the parks' zone (China Standard Time: every park of the portal is in it),
 * deadlines as durations from the injected clock, codes (enums, roles, entity types) as words from the
 * bundles. A page that shows a value a person reads goes through here, so no ISO instant or code leaks.
 */
@Named("fmt")
@ApplicationScoped
public class Formats {

    public static final ZoneId CHINA = TimeZones.CHINA;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(CHINA);

    @Inject
    Clock clock;

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** "2026-12-05 至 2027-01-03": both days inclusive, as printed on permits ({@link Validity}). */
    public String validity(LocalDate first, LocalDate last) {
        return Validity.range(first, last, FacesSupport.locale());
    }

    /** Only the time of day ("10:00"), for deadlines of today. */
    public String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant);
    }

    public String date(LocalDate day) {
        return day == null ? "" : day.toString();
    }

    /** "2 小时后截止" / "已超时 3 小时" for a deadline, from the portal's clock. */
    public String until(Instant deadline) {
        return deadline == null ? "" : relative(clock.instant(), deadline, locale());
    }

    /** A code as a word: the key {@code prefix.CODE}; an unknown code stays visible rather than vanish. */
    public String label(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        return Messages.get(locale(), prefix + "." + name);
    }

    /** A message with one argument, for attributes where h:outputFormat cannot go (p:confirm's message). */
    public String msg(String key, Object arg) {
        return Messages.get(locale(), key, arg);
    }

    public String role(Object role) {
        return label("role", role);
    }

    /** An audited object type (ResumptionPlan, CardBatch, ...) as a noun. */
    public String entity(String type) {
        return label("entity", type);
    }

    static String relative(Instant now, Instant deadline, Locale locale) {
        Duration left = Duration.between(now, deadline);
        boolean late = left.isNegative();
        long minutes = Math.abs(left.toMinutes());
        String amount;
        if (minutes < 60) {
            amount = Messages.get(locale, "fmt.minutes", Math.max(minutes, 1));
        } else if (minutes < 48 * 60) {
            amount = Messages.get(locale, "fmt.hours", minutes / 60);
        } else {
            amount = Messages.get(locale, "fmt.days", minutes / (24 * 60));
        }
        return Messages.get(locale, late ? "fmt.overdueBy" : "fmt.dueIn", amount);
    }

    static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces != null && faces.getViewRoot() != null ? faces.getViewRoot().getLocale() : Messages.DEFAULT_LOCALE;
    }

    public String maskId(String id) {
        return Masking.residentId(id);
    }

    public String maskPhone(String phone) {
        return Masking.phone(phone);
    }

    public String maskName(String name) {
        return Masking.name(name);
    }
}
