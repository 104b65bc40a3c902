package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The daily bulletin (复工复产日报), an official document of the issuing body: the day's figures of the
 * slice asked for, written as the newspapers write them, a table per park and a chart, in Chinese or
 * English. Computed from live data through {@link DashboardService} (so it shows only what the caller may
 * see) and laid out by {@link BulletinPdf}. The issuing body comes from configuration (docs/configuration.md).
 */
@ApplicationScoped
public class Bulletin {

    @Inject
    DashboardService dashboard;
    @Inject
    @ConfigProperty(name = "loopgate.bulletin.issuer")
    Optional<String> issuer;
    @Inject
    @ConfigProperty(name = "loopgate.bulletin.issuer-en")
    Optional<String> issuerEn;

    /** The bulletin's text and table for the slice on the day. */
    public BulletinDocument document(LocalDate day, Slice slice, Locale locale) {
        Locale loc = Messages.supported(locale);
        boolean en = FigureSql.english(loc);
        Figures all = dashboard.figures(day, slice);
        List<Figures> parks = dashboard.byPark(all.day(), slice, loc);
        String subject = subject(slice, loc);
        String asOf = asOfText(all, dashboard.zones(slice), loc);
        List<String> out = new ArrayList<>();
        out.add(Messages.get(loc, "bulletin.headline", asOf, subject, n(all.firms()), kind(slice, loc),
                all.resumption().percentText(), all.resumption().numeratorText(), all.arrivalResumed().percentText(),
                all.arrivalResumed().numeratorText(), all.arrivalResumed().denominatorText()));
        if (slice.aboveSize() == null) {
            // Only when the slice mixes both size classes: "of which above size" would contradict a size filter.
            Figures above = dashboard.figures(all.day(), slice.withAboveSize(Boolean.TRUE));
            out.add(Messages.get(loc, "bulletin.aboveSize", n(above.firms()), above.resumption().numeratorText(),
                    above.resumption().percentText()));
        }
        out.add(Messages.get(loc, "bulletin.staffAll", all.arrival().numeratorText(), all.arrival().denominatorText(),
                all.arrival().percentText(), all.capacity().percentText()));
        out.add(Messages.get(loc, "bulletin.reporting", all.compliance().denominatorText(),
                all.compliance().numeratorText(), all.compliance().percentText(), n(all.late()), n(all.missing()),
                n(all.stopped()), n(all.abnormal())));
        out.add(Messages.get(loc, "bulletin.seeTable"));
        String body = issuer(loc);
        return new BulletinDocument(body, Messages.get(loc, "bulletin.title", subject, dayText(all.day(), loc)), null, out,
                Messages.get(loc, "bulletin.tableCaption"), header(loc), rows(parks, all, loc),
                Messages.get(loc, "bulletin.chartCaption"), bars(parks), Messages.get(loc, "bulletin.note"), body,
                dayText(dashboard.today(), loc), null, en);
    }

    public byte[] pdf(LocalDate day, Slice slice, Locale locale) {
        return BulletinPdf.render(document(day, slice, locale));
    }

    private String issuer(Locale loc) {
        Optional<String> configured = FigureSql.english(loc) ? issuerEn.or(() -> issuer) : issuer;
        return configured.filter(s -> !s.isBlank()).orElseGet(() -> Messages.get(loc, "bulletin.issuer.default"));
    }

    private static List<String> header(Locale loc) {
        List<String> h = new ArrayList<>();
        for (String k : new String[] {"dashboard.col.park", "dashboard.col.firms", "dashboard.col.resumed",
                "dashboard.col.resumptionRate", "bulletin.col.onSiteResumed", "bulletin.col.staffResumed",
                "dashboard.col.arrivalResumedRate", "dashboard.col.arrivalRate", "bulletin.col.onTimeOfDue",
                "dashboard.col.complianceRate", "dashboard.col.missing"}) {
            h.add(Messages.get(loc, k));
        }
        return h;
    }

    private static List<List<String>> rows(List<Figures> parks, Figures all, Locale loc) {
        List<List<String>> rows = new ArrayList<>();
        for (Figures p : parks) {
            rows.add(row(p.label(), p));
        }
        rows.add(row(Messages.get(loc, "bulletin.total"), all));
        return rows;
    }

    private static List<String> row(String label, Figures f) {
        return List.of(label, n(f.firms()), f.resumption().numeratorText(), f.resumption().percentText(),
                f.arrivalResumed().numeratorText(), f.arrivalResumed().denominatorText(), f.arrivalResumed().percentText(),
                f.arrival().percentText(), f.compliance().numeratorText() + "/" + f.compliance().denominatorText(),
                f.compliance().percentText(), n(f.missing()));
    }

    private static List<BulletinDocument.Bar> bars(List<Figures> parks) {
        return parks.stream().map(p -> new BulletinDocument.Bar(p.label(),
                p.resumption().percent() == null ? null : p.resumption().percent().doubleValue(),
                p.resumption().percentText())).toList();
    }

    /**
     * The slice in words: the place (park, district or the city) followed, in brackets, by the filters on the
     * firms (size class, category, industry), so a sliced bulletin never reads as the whole place.
     */
    public String subject(Slice slice, Locale loc) {
        String place = dashboard.placeName(slice, loc);
        if (place == null) {
            place = Messages.get(loc, "bulletin.city");
        }
        List<String> filters = new ArrayList<>();
        if (slice.aboveSize() != null) {
            filters.add(Messages.get(loc, slice.aboveSize() ? "bulletin.slice.above" : "bulletin.slice.below"));
        }
        if (slice.fourAbove() != null) {
            filters.add(Messages.get(loc, "bulletin.slice.fourAbove", Messages.get(loc, "fourAbove." + slice.fourAbove())));
        }
        if (slice.industry() != null) {
            filters.add(Messages.get(loc, "bulletin.slice.industry", Messages.get(loc, "industry." + slice.industry())));
        }
        return filters.isEmpty() ? place
                : Messages.get(loc, "bulletin.slice.filtered", place, String.join(Messages.get(loc, "bulletin.slice.sep"), filters));
    }

    /**
     * The title row of an Excel export: what the table is, the scope with its filters, the day(s) and the
     * as-of time, e.g. "各园区复工复产情况　范围：测试区（规模以下）　2026-03-03　截至2026-03-04 00:00".
     */
    public String exportTitle(String whatKey, Slice slice, String when, Instant asOf, Locale locale) {
        Locale loc = Messages.supported(locale);
        return Messages.get(loc, "dashboard.export.title", Messages.get(loc, whatKey), subject(slice, loc), when,
                ExcelExport.instant(asOf));
    }

    /** "规上" / "规下" before 企业 in the headline, as newspapers write it; empty without a size filter. */
    private static String kind(Slice slice, Locale loc) {
        return slice.aboveSize() == null ? "" : Messages.get(loc, slice.aboveSize() ? "bulletin.kind.above" : "bulletin.kind.below");
    }

    /**
     * The as-of time, exact to the minute ("3月3日10时45分"; the end of a day reads "24时"). With one time zone
     * in scope it is that zone's local time; a scope spanning zones names the zone: "各园区当地时间…24时" for a
     * closed day, else the bureau's time (Asia/Shanghai) with its name.
     */
    static String asOfText(Figures f, List<ZoneId> zones, Locale loc) {
        Instant at = f.asOf();
        boolean several = zones.size() > 1;
        ZoneId zone = several ? Formats.CHINA : zones.get(0);
        boolean endOfDay = zones.stream().allMatch(z -> !at.isBefore(f.day().plusDays(1).atStartOfDay(z).toInstant()));
        String suffix = "";
        if (several) {
            suffix = endOfDay ? Messages.get(loc, "bulletin.asOf.localZones")
                    : Messages.get(loc, "bulletin.asOf.zone", zone.getDisplayName(TextStyle.FULL, loc));
        }
        if (endOfDay) {
            return Messages.get(loc, "bulletin.asOf.end", String.valueOf(f.day().getMonthValue()),
                    String.valueOf(f.day().getDayOfMonth()), englishDay(f.day()), suffix);
        }
        ZonedDateTime t = at.atZone(zone);
        String key = t.getMinute() == 0 ? "bulletin.asOf.hour" : "bulletin.asOf.minute";
        return Messages.get(loc, key, String.valueOf(t.getMonthValue()), String.valueOf(t.getDayOfMonth()),
                String.valueOf(t.getHour()), String.format("%02d", t.getMinute()), englishDay(t.toLocalDate()), suffix);
    }

    private static String englishDay(LocalDate d) {
        return d.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
    }

    static String dayText(LocalDate day, Locale locale) {
        return "en".equals(locale.getLanguage()) ? englishDay(day)
                : Messages.get(locale, "bulletin.date", String.valueOf(day.getYear()), String.valueOf(day.getMonthValue()),
                String.valueOf(day.getDayOfMonth()));
    }

    private static String n(long v) {
        return String.valueOf(v);
    }
}
