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
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes the dashboard's figures in SQL, exactly as docs/metrics.md defines them. One query shape
 * ({@link #FIRM_DAYS}) lists, for each day asked, every firm in scope with its attributes as they
 * stood at the end of that day (the firm_history row valid then); the figures aggregate it joined to
 * that day's reports. Readers: analysts and administrators (all parks) and liaison officers (their
 * parks, through {@link AccessPolicy#firmScope()}).
 */
@ApplicationScoped
@Transactional
public class DashboardService {

    /** Longest range a trend or a firm's history may span. */
    public static final int MAX_DAYS = 366;
    /** Most rows a firm list returns. */
    public static final int MAX_ROWS = 5000;

    /**
     * Firm-days: parameters (from, to, now). As-of instant = the end of the day in the park's time zone,
     * or now if earlier. A firm counts on a day when it was registered by then and has a history row
     * valid at that instant (a firm recorded later does not reach back into earlier days).
     */
    static final String FIRM_DAYS = """
            select d.day, h.firm_id, h.park_id, p.district_id, h.above_size, h.four_above, h.industry,
                   h.registered_staff, h.resumed_on, t.asof,
                   ((d.day + p.report_deadline) at time zone p.time_zone) as deadline
              from (select cast(? as date) + g as day from generate_series(0, ?) g) d
              join firm_history h on true
              join park p on p.id = h.park_id
              cross join lateral (select least(cast(? as timestamptz),
                                                cast(d.day + 1 as timestamp) at time zone p.time_zone) as asof) t
              join firm f on f.id = h.firm_id
             where f.registered_on <= d.day
               and h.valid_from <= t.asof and (h.valid_to is null or h.valid_to > t.asof)
            """;

    private static final String AGGREGATES = """
            count(*) as firms,
            count(*) filter (where x.resumed_on <= x.day and r.production_status in ('NORMAL', 'PARTIAL')) as resumed,
            coalesce(sum(r.staff_on_site), 0) as on_site,
            coalesce(sum(coalesce(r.registered_staff, x.registered_staff)), 0) as staff,
            coalesce(sum(coalesce(r.capacity_pct, 0) * coalesce(r.registered_staff, x.registered_staff)), 0) as cap,
            count(*) filter (where x.deadline <= x.asof) as due,
            count(*) filter (where x.deadline <= x.asof and r.late = false) as on_time,
            count(r.id) as reported,
            count(*) filter (where r.late) as late,
            count(*) filter (where r.zero_report = false) as abnormal,
            count(*) filter (where r.production_status = 'STOPPED') as stopped,
            max(x.asof) as asof
            """;

    /** The range bounds (two parameters after the firm-days') let the planner read only those days' reports. */
    private static final String REPORT_JOIN = " left join daily_report r on r.firm_id = x.firm_id and r.report_date = x.day"
            + " and r.report_date between cast(? as date) and cast(? as date) ";

    @Inject
    AccessPolicy access;
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

    /** The slice's figures on one day. */
    public Figures figures(LocalDate day, Slice slice) {
        FirmScope scope = read();
        day = checkDay(day);
        Query q = firmDays(day, day, slice, scope, null);
        String sql = "select " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN;
        List<Figures> rows = run(sql, q.params, rs -> figuresOf(rs, "all", "", rs.getTimestamp("asof")));
        return rows.get(0).firms() == 0 ? empty("all", "", day) : withDay(rows.get(0), day);
    }

    /** One row per park that has firms in the slice on the day, in park code order. */
    public List<Figures> byPark(LocalDate day, Slice slice, Locale locale) {
        FirmScope scope = read();
        day = checkDay(day);
        Query q = firmDays(day, day, slice, scope, null);
        String sql = "select pk.code, coalesce(" + (english(locale) ? "pk.name_en, " : "") + "pk.name) as label, a.* from ("
                + "select x.park_id, " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN + " group by x.park_id"
                + ") a join park pk on pk.id = a.park_id order by pk.code";
        LocalDate d = day;
        return run(sql, q.params, rs -> withDay(figuresOf(rs, String.valueOf(rs.getLong("park_id")), rs.getString("label"),
                rs.getTimestamp("asof")), d));
    }

    /** One row per day from {@code from} to {@code to} (days without firms included, with zeros). */
    public List<Figures> trend(LocalDate from, LocalDate to, Slice slice) {
        FirmScope scope = read();
        to = checkDay(to);
        if (from == null) {
            from = to.minusDays(13);
        }
        checkRange(from, to);
        Query q = firmDays(from, to, slice, scope, null);
        String sql = "select x.day, " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN + " group by x.day";
        Map<LocalDate, Figures> byDay = new LinkedHashMap<>();
        for (Figures f : run(sql, q.params, rs -> {
            LocalDate day = rs.getDate("day").toLocalDate();
            return withDay(figuresOf(rs, day.toString(), day.toString(), rs.getTimestamp("asof")), day);
        })) {
            byDay.put(f.day(), f);
        }
        List<Figures> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Figures f = byDay.get(d);
            out.add(f != null ? f : empty(d.toString(), d.toString(), d));
        }
        return out;
    }

    /** The firms in the slice on the day with their status, filtered by {@code list}. */
    public List<FirmDay> firms(LocalDate day, Slice slice, FirmList list, Locale locale) {
        FirmScope scope = read();
        day = checkDay(day);
        Query q = firmDays(day, day, slice, scope, null);
        String sql = firmDaySql(q, locale) + " where " + (list == null ? FirmList.ALL : list).condition
                + " order by pk.code, f.name limit " + MAX_ROWS;
        return run(sql, q.params, DashboardService::firmDayOf);
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
        Query q = firmDays(from, to, Slice.CITY, scope, firmId);
        return run(firmDaySql(q, locale) + " order by x.day desc", q.params, DashboardService::firmDayOf);
    }

    /** The slice's place in words: the park's or district's name, or null for the whole city. */
    public String placeName(Slice slice, Locale locale) {
        FirmScope scope = read();
        String col = english(locale) ? "coalesce(name_en, name)" : "name";
        if (slice.parkId() != null) {
            if (!scope.includesPark(slice.parkId())) {
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

    /** Whether the caller's figures may include the park (liaison officers: their parks). */
    public boolean parkInScope(long parkId) {
        return read().includesPark(parkId);
    }

    /** Which firms a list shows. */
    public enum FirmList {
        ALL("true"), MISSING("r.id is null"), ABNORMAL("r.zero_report = false"),
        STOPPED("r.production_status = 'STOPPED'"), NOT_RESUMED("not (x.resumed_on <= x.day and r.production_status in ('NORMAL', 'PARTIAL'))");

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

    private record Query(String sql, List<Object> params) {
    }

    private Query firmDays(LocalDate from, LocalDate to, Slice s, FirmScope scope, Long firmId) {
        StringBuilder sql = new StringBuilder(FIRM_DAYS);
        // An integer series lets the planner know how many days there are (a date series is guessed at 1000).
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(from), (int) ChronoUnit.DAYS.between(from, to),
                Timestamp.from(clock.instant())));
        if (s.districtId() != null) {
            sql.append(" and p.district_id = ?");
            params.add(s.districtId());
        }
        if (s.parkId() != null) {
            sql.append(" and h.park_id = ?");
            params.add(s.parkId());
        }
        if (s.aboveSize() != null) {
            sql.append(" and h.above_size = ?");
            params.add(s.aboveSize());
        }
        if (s.fourAbove() != null) {
            sql.append(" and h.four_above = ?");
            params.add(s.fourAbove().name());
        }
        if (s.industry() != null) {
            sql.append(" and h.industry = ?");
            params.add(s.industry().name());
        }
        if (firmId != null) {
            sql.append(" and h.firm_id = ?");
            params.add(firmId);
        }
        switch (scope.kind()) {
            case ALL -> { }
            case PARKS -> {
                sql.append(" and h.park_id = any (?)");
                params.add(scope.parkIds().toArray(new Long[0]));
            }
            case FIRM -> {
                sql.append(" and h.firm_id = ?");
                params.add(scope.firmId());
            }
            case NONE -> sql.append(" and false");
        }
        params.add(Date.valueOf(from));
        params.add(Date.valueOf(to));
        return new Query(sql.toString(), params);
    }

    private static String firmDaySql(Query q, Locale locale) {
        return "select x.*, f.name, f.credit_code, coalesce(" + (english(locale) ? "pk.name_en, " : "") + "pk.name) as park_name,"
                + " (x.resumed_on <= x.day and r.production_status in ('NORMAL', 'PARTIAL')) is true as resumed,"
                + " r.id as report_id, r.late, r.zero_report, r.production_status, r.staff_on_site,"
                + " r.registered_staff as reported_staff, r.capacity_pct, r.submitted_at"
                + " from (" + q.sql + ") x join firm f on f.id = x.firm_id join park pk on pk.id = x.park_id" + REPORT_JOIN;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
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
                at == null ? null : at.toInstant());
    }

    private static Figures figuresOf(ResultSet rs, String key, String label, Timestamp asOf) throws SQLException {
        return Figures.of(key, label, null, asOf == null ? null : asOf.toInstant(), rs.getLong("firms"), rs.getLong("resumed"),
                rs.getLong("on_site"), rs.getLong("staff"), rs.getLong("cap"), rs.getLong("due"), rs.getLong("on_time"),
                rs.getLong("reported"), rs.getLong("late"), rs.getLong("abnormal"), rs.getLong("stopped"));
    }

    private static Figures withDay(Figures f, LocalDate day) {
        return new Figures(f.key(), f.label(), day, f.asOf(), f.firms(), f.resumption(), f.arrival(), f.capacity(),
                f.compliance(), f.reported(), f.late(), f.missing(), f.abnormal(), f.stopped());
    }

    /** Figures of a group without firms; as of the end of the day in the city, or now. */
    private Figures empty(String key, String label, LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(Formats.CHINA).toInstant();
        Instant now = clock.instant();
        return Figures.of(key, label, day, now.isBefore(end) ? now : end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> run(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Long[] arr) {
                    ps.setArray(i + 1, c.createArrayOf("bigint", arr));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard query failed", e);
        }
    }
}
