package cn.loopgate.dashboard;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.identity.FirmScope;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live computation of the dashboard's figures ({@link FigureSql}, exactly what {@link DashboardService}
 * ran before the daily aggregate) run straight on a database, for tests that compare the aggregate-backed
 * figures with it. Results are canonical strings ({@link #canon}) that an API answer can be turned into too.
 */
public final class LiveFigures {

    private final DataSource db;
    private final FirmScope scope;

    /** {@code parks} null: every park (an analyst); else a liaison officer's parks. */
    public LiveFigures(DataSource db, Set<Long> parks) {
        this.db = db;
        this.scope = parks == null ? new FirmScope(FirmScope.Kind.ALL, null, null) : new FirmScope(FirmScope.Kind.PARKS, null, parks);
    }

    public static Slice slice(Long districtId, Long parkId, Boolean aboveSize, String fourAbove, String industry) {
        return new Slice(districtId, parkId, aboveSize, fourAbove == null ? null : FourAbove.valueOf(fourAbove),
                industry == null ? null : Industry.valueOf(industry));
    }

    public String figures(LocalDate day, Slice s) {
        FigureSql.Query q = FigureSql.firmDays(day, day, s, scope, null, Instant.now(), null);
        List<Figures> rows = FigureSql.run(db, FigureSql.total(q), q.params(), rs -> FigureSql.figuresOf(rs, "all", ""));
        return canon(rows.get(0), day);
    }

    public List<String> byPark(LocalDate day, Slice s) {
        FigureSql.Query q = FigureSql.firmDays(day, day, s, scope, null, Instant.now(), null);
        return FigureSql.run(db, FigureSql.byPark(q, Locale.CHINESE), q.params(),
                rs -> canon(FigureSql.figuresOf(rs, String.valueOf(rs.getLong("park_id")), ""), day));
    }

    public List<String> trend(LocalDate from, LocalDate to, Slice s) {
        FigureSql.Query q = FigureSql.firmDays(from, to, s, scope, null, Instant.now(), null);
        Map<LocalDate, String> byDay = new TreeMap<>();
        FigureSql.run(db, FigureSql.byDay(q), q.params(), rs -> {
            LocalDate d = rs.getDate("day").toLocalDate();
            return byDay.put(d, canon(FigureSql.figuresOf(rs, "all", ""), d));
        });
        List<String> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(byDay.getOrDefault(d, d + " empty"));
        }
        return out;
    }

    /** The as-of of today's figures is "now" of each request: left out of the comparison. */
    private static String asOf(LocalDate day, Instant asOf) {
        return day.isBefore(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))) ? "asOf=" + asOf : "asOf=now";
    }

    /** Every number of a figure, its key and as-of; "empty" for a group without firms. */
    public static String canon(Figures f, LocalDate day) {
        if (f.firms() == 0) {
            return (f.key().equals("all") ? "" : f.key() + " ") + day + " empty";
        }
        return String.join(" ", f.key().equals("all") ? "" + day : f.key() + " " + day, asOf(day, f.asOf()),
                "firms=" + f.firms(), ratio(f.resumption()), ratio(f.arrival()), ratio(f.capacity()), ratio(f.compliance()),
                "reported=" + f.reported(), "late=" + f.late(), "missing=" + f.missing(), "abnormal=" + f.abnormal(),
                "stopped=" + f.stopped());
    }

    public static String canon(String key, LocalDate day, Instant asOf, long firms, BigDecimal[] ratios, long reported,
                               long late, long missing, long abnormal, long stopped) {
        if (firms == 0) {
            return (key.equals("all") ? "" : key + " ") + day + " empty";
        }
        List<String> parts = new ArrayList<>(List.of(key.equals("all") ? "" + day : key + " " + day, asOf(day, asOf),
                "firms=" + firms));
        for (int i = 0; i < ratios.length; i += 2) {
            parts.add(plain(ratios[i]) + "/" + plain(ratios[i + 1]));
        }
        parts.addAll(List.of("reported=" + reported, "late=" + late, "missing=" + missing, "abnormal=" + abnormal,
                "stopped=" + stopped));
        return String.join(" ", parts);
    }

    private static String ratio(Ratio r) {
        return plain(r.numerator()) + "/" + plain(r.denominator());
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }
}
