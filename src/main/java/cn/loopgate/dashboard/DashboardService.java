package cn.loopgate.dashboard;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.Database;
import cn.loopgate.shared.web.Formats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes the dashboard's figures in SQL, exactly as docs/metrics.md defines them. One query shape
 * ({@link FigureSql#FIRM_DAYS}) lists, for each day asked, every firm in scope with its attributes as they
 * stood at the end of that day (the firm_history row valid then); the figures aggregate it joined to
 * that day's reports. Readers: analysts and administrators (all parks) and liaison officers (their
 * parks, through {@link AccessPolicy#firmScope()}).
 *
 * <p>Closed days are summed from the daily aggregate ({@link DailyFigures}); the open day, a firm's own
 * days and the firm lists are computed live. Read-only: it joins a caller's transaction but starts none, so a
 * request holds no pool connection while {@link DailyFigureStore} commits its own short transactions.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DashboardService {

    /** Longest range a trend or a firm's history may span. */
    public static final int MAX_DAYS = 366;
    /** Most rows a firm list returns. */
    public static final int MAX_ROWS = 5000;

    /** Package-private switch: false serves every figure live (FigureSql), as before the daily aggregate. */
    boolean aggregates = true;

    @Inject
    AccessPolicy access;
    @Inject
    DailyFigures daily;
    @Inject
    Clock clock;
    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** Today in the city (the bureau's calendar, Asia/Shanghai). */
    public LocalDate today() {
        return clock.instant().atZone(Formats.CHINA).toLocalDate();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The slice's figures on one day (a closed day from the daily aggregate, docs/metrics.md "Serving"). */
    public Figures figures(LocalDate day, Slice slice) {
        FirmScope scope = read();
        day = checkDay(day);
        DailyFigures.Served<Figures> served = aggregates ? daily.read(day, day, slice, scope, DailyFigures.By.ALL, null,
                rs -> FigureSql.figuresOf(rs, "all", "")) : null;
        List<Figures> rows;
        if (served != null) {
            rows = served.rows();
        } else {
            FigureSql.Query q = firmDays(day, day, slice, scope, null);
            rows = run(FigureSql.total(q), q.params(), rs -> FigureSql.figuresOf(rs, "all", ""));
        }
        return rows.isEmpty() || rows.get(0).firms() == 0 ? empty("all", "", day) : withDay(rows.get(0), day);
    }

    /** One row per park that has firms in the slice on the day, in park code order. */
    public List<Figures> byPark(LocalDate day, Slice slice, Locale locale) {
        FirmScope scope = read();
        day = checkDay(day);
        LocalDate d = day;
        FigureSql.RowMapper<Figures> mapper = rs -> withDay(FigureSql.figuresOf(rs, String.valueOf(rs.getLong("park_id")),
                rs.getString("label")), d);
        DailyFigures.Served<Figures> served = aggregates
                ? daily.read(day, day, slice, scope, DailyFigures.By.PARK, locale, mapper) : null;
        if (served != null) {
            return served.rows();
        }
        FigureSql.Query q = firmDays(day, day, slice, scope, null);
        return run(FigureSql.byPark(q, locale), q.params(), mapper);
    }

    /**
     * One row per day from {@code from} to {@code to} (days without firms included, with zeros): the closed
     * days from the daily aggregate, the rest (today, or a day not yet closed in some park) live.
     */
    public List<Figures> trend(LocalDate from, LocalDate to, Slice slice) {
        FirmScope scope = read();
        to = checkDay(to);
        if (from == null) {
            from = to.minusDays(13);
        }
        checkRange(from, to);
        FigureSql.RowMapper<Figures> mapper = rs -> {
            LocalDate day = rs.getDate("day").toLocalDate();
            return withDay(FigureSql.figuresOf(rs, day.toString(), day.toString()), day);
        };
        List<Figures> rows = new ArrayList<>();
        LocalDate liveFrom = from;
        DailyFigures.Served<Figures> served = aggregates
                ? daily.read(from, to, slice, scope, DailyFigures.By.DAY, null, mapper) : null;
        if (served != null) {
            rows.addAll(served.rows());
            liveFrom = served.through().plusDays(1);
        }
        if (!liveFrom.isAfter(to)) {
            FigureSql.Query q = firmDays(liveFrom, to, slice, scope, null);
            rows.addAll(run(FigureSql.byDay(q), q.params(), mapper));
        }
        Map<LocalDate, Figures> byDay = new LinkedHashMap<>();
        for (Figures f : rows) {
            byDay.put(f.day(), f);
        }
        List<Figures> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Figures f = byDay.get(d);
            out.add(f != null && f.firms() > 0 ? f : empty(d.toString(), d.toString(), d));
        }
        return out;
    }

    /**
     * The day the overview opens on: the latest day whose report deadline has passed in every park in the
     * caller's scope (today after the deadline, else yesterday), so it never shows a morning's 0 %.
     */
    public LocalDate latestDueDay() {
        FirmScope scope = read();
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>();
        String where = switch (scope.kind()) {
            case ALL -> "";
            case PARKS -> {
                params.add(scope.parkIds().toArray(new Long[0]));
                yield " where id = any (?)";
            }
            case FIRMS -> {
                params.add(scope.firmIds().toArray(new Long[0]));
                yield " where id in (select park_id from firm where id = any (?))";
            }
            default -> " where false";
        };
        List<Deadline> parks = run("select distinct time_zone, report_deadline from park" + where, params,
                rs -> new Deadline(ZoneId.of(rs.getString(1)), rs.getTime(2).toLocalTime()));
        if (parks.isEmpty()) {
            parks = List.of(new Deadline(Formats.CHINA, LocalTime.of(10, 0)));
        }
        LocalDate d = today();
        for (int i = 0; i < 2; i++, d = d.minusDays(1)) {
            LocalDate day = d;
            if (parks.stream().noneMatch(p -> day.atTime(p.time()).atZone(p.zone()).toInstant().isAfter(now))) {
                return d;
            }
        }
        return d;
    }

    /** The firms in the slice on the day with their status, filtered by {@code list}. */
    public List<FirmDay> firms(LocalDate day, Slice slice, FirmList list, Locale locale) {
        FirmScope scope = read();
        day = checkDay(day);
        FigureSql.Query q = firmDays(day, day, slice, scope, null);
        String sql = firmDaySql(q, locale) + " where " + (list == null ? FirmList.ALL : list).condition
                + " order by pk.code, f.name limit " + MAX_ROWS;
        return run(sql, q.params(), DashboardService::firmDayOf);
    }

    /** One firm's days from {@code from} to {@code to}, newest first (404 outside the caller's scope). */
    public List<FirmDay> history(long firmId, LocalDate from, LocalDate to, Locale locale) {
        FirmScope scope = read();
        long parkId = run("select park_id from firm where id = ?", List.of(firmId), rs -> rs.getLong(1))
                .stream().findFirst().orElseThrow(DomainException::notFound);
        access.checkRead(firmId, parkId);
        to = checkDay(to);
        if (from == null) {
            from = to.minusDays(29);
        }
        checkRange(from, to);
        FigureSql.Query q = firmDays(from, to, Slice.CITY, scope, firmId);
        return run(firmDaySql(q, locale) + " order by x.day desc", q.params(), DashboardService::firmDayOf);
    }

    /** The as-of instant of a day's firm list: the end of the day in the city, or now for today. */
    public Instant asOf(LocalDate day) {
        LocalDate d = day == null ? today() : day;
        Instant end = d.plusDays(1).atStartOfDay(Formats.CHINA).toInstant();
        Instant now = clock.instant();
        return now.isBefore(end) ? now : end;
    }

    /** The slice's place in words: the park's or district's name, or null for the whole city. */
    public String placeName(Slice slice, Locale locale) {
        FirmScope scope = read();
        String col = english(locale) ? "coalesce(name_en, name)" : "name";
        if (slice.parkId() != null) {
            if (!parkInScope(slice.parkId())) {
                throw DomainException.notFound();
            }
            return run("select " + col + " from park where id = ?", List.of(slice.parkId()), rs -> rs.getString(1))
                    .stream().findFirst().orElseThrow(DomainException::notFound);
        }
        if (slice.districtId() != null) {
            return run("select " + col + " from district where id = ?", List.of(slice.districtId()), rs -> rs.getString(1))
                    .stream().findFirst().orElseThrow(DomainException::notFound);
        }
        return null;
    }

    /**
     * The time zones of the parks a slice can count (within the caller's scope), sorted by id; the bulletin
     * names the zone of its as-of time only when there is more than one.
     */
    public List<ZoneId> zones(Slice slice) {
        FirmScope scope = read();
        StringBuilder sql = new StringBuilder("select distinct time_zone from park where true");
        List<Object> params = new ArrayList<>();
        if (slice.districtId() != null) {
            sql.append(" and district_id = ?");
            params.add(slice.districtId());
        }
        if (slice.parkId() != null) {
            sql.append(" and id = ?");
            params.add(slice.parkId());
        }
        switch (scope.kind()) {
            case ALL -> { }
            case PARKS -> {
                sql.append(" and id = any (?)");
                params.add(scope.parkIds().toArray(new Long[0]));
            }
            case FIRMS -> {
                sql.append(" and id in (select park_id from firm where id = any (?))");
                params.add(scope.firmIds().toArray(new Long[0]));
            }
            default -> sql.append(" and false");
        }
        List<ZoneId> zones = new ArrayList<>(run(sql + " order by 1", params, rs -> ZoneId.of(rs.getString(1))));
        return zones.isEmpty() ? List.of(Formats.CHINA) : zones;
    }

    /**
     * Whether the caller's figures may include the park (liaison officers: their parks; a firm-bound liaison
     * officer: the parks of their firms, whose figures then count those firms only).
     */
    public boolean parkInScope(long parkId) {
        FirmScope scope = read();
        if (scope.kind() == FirmScope.Kind.FIRMS) {
            return !run("select 1 from firm where park_id = ? and id = any (?)", List.<Object>of(parkId, scope.firmIds().toArray(new Long[0])),
                    rs -> 1).isEmpty();
        }
        return scope.includesPark(parkId);
    }

    /**
     * Which firms a list shows. Conditions are written so a NULL (no resumption date, no report) decides
     * like the figures do: "is not true" keeps the unresolved firms that a bare "not (...)" would drop.
     */
    public enum FirmList {
        ALL("true"), MISSING("r.id is null"), ABNORMAL("r.zero_report = false"),
        STOPPED("r.production_status = 'STOPPED'"), NOT_RESUMED("(x.resumed_on <= x.day and r.production_status in ('NORMAL', 'PARTIAL')) is not true");

        final String condition;

        FirmList(String condition) {
            this.condition = condition;
        }
    }

    // ---- internals ----

    private FirmScope read() {
        access.require(Role.ANALYST, Role.ADMIN, Role.LIAISON);
        return access.firmScope();
    }

    private LocalDate checkDay(LocalDate day) {
        LocalDate today = today();
        if (day == null) {
            return today;
        }
        if (day.isAfter(today)) {
            throw DomainException.invalid("day", "dashboard.futureDay");
        }
        return day;
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw DomainException.invalid("from", "dashboard.badRange", MAX_DAYS);
        }
    }

    private record Deadline(ZoneId zone, LocalTime time) {
    }

    private FigureSql.Query firmDays(LocalDate from, LocalDate to, Slice s, FirmScope scope, Long firmId) {
        return FigureSql.firmDays(from, to, s, scope, firmId, clock.instant(), null);
    }

    private static String firmDaySql(FigureSql.Query q, Locale locale) {
        return "select x.*, f.name, f.credit_code, coalesce(" + (english(locale) ? "pk.name_en, " : "") + "pk.name) as park_name,"
                + " (x.resumed_on <= x.day and r.production_status in ('NORMAL', 'PARTIAL')) is true as resumed,"
                + " r.id as report_id, r.late, r.zero_report, r.production_status, r.staff_on_site,"
                + " r.registered_staff as reported_staff, r.capacity_pct, r.submitted_at, r.on_behalf"
                + " from (" + q.sql() + ") x join firm f on f.id = x.firm_id join park pk on pk.id = x.park_id" + FigureSql.REPORT_JOIN;
    }

    private static boolean english(Locale locale) {
        return FigureSql.english(locale);
    }

    private static FirmDay firmDayOf(ResultSet rs) throws SQLException {
        boolean reported = rs.getObject("report_id") != null;
        Date resumedOn = rs.getDate("resumed_on");
        Timestamp at = rs.getTimestamp("submitted_at");
        return new FirmDay(rs.getDate("day").toLocalDate(), rs.getLong("firm_id"), rs.getString("name"),
                rs.getString("credit_code"), rs.getLong("park_id"), rs.getString("park_name"), rs.getBoolean("above_size"),
                rs.getString("four_above"), rs.getString("industry"), rs.getInt("registered_staff"),
                resumedOn == null ? null : resumedOn.toLocalDate(), rs.getBoolean("resumed"), reported,
                reported ? rs.getBoolean("late") : null, reported ? !rs.getBoolean("zero_report") : null,
                rs.getString("production_status"), reported ? rs.getInt("staff_on_site") : null,
                reported ? rs.getInt("reported_staff") : null, reported ? rs.getInt("capacity_pct") : null,
                at == null ? null : at.toInstant(), reported ? rs.getBoolean("on_behalf") : null);
    }

    private static Figures withDay(Figures f, LocalDate day) {
        return f.withDay(day);
    }

    /** Figures of a group without firms; as of the end of the day in the city, or now. */
    private Figures empty(String key, String label, LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(Formats.CHINA).toInstant();
        Instant now = clock.instant();
        return Figures.of(key, label, day, now.isBefore(end) ? now : end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private <T> List<T> run(String sql, List<Object> params, FigureSql.RowMapper<T> mapper) {
        return FigureSql.run(dataSource, sql, params, mapper);
    }
}
