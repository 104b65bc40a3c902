package cn.loopgate.dashboard;

import cn.loopgate.identity.FirmScope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The live computation of docs/metrics.md in SQL, without container services: {@link DashboardService}
 * runs it for open days (and firm lists), {@link DailyFigures} runs it to build the aggregate of a closed
 * (day, park), and the tests run it directly on the database to check the aggregates against it.
 */
final class FigureSql {

    private FigureSql() {
    }

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

    /** The thirteen counters (and the as-of) every figure is made of; the columns of table daily_figure. */
    static final String AGGREGATES = """
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
            coalesce(sum(r.staff_on_site) filter (where x.resumed_on <= x.day
                     and r.production_status in ('NORMAL', 'PARTIAL')), 0) as on_site_resumed,
            coalesce(sum(coalesce(r.registered_staff, x.registered_staff)) filter (where x.resumed_on <= x.day
                     and r.production_status in ('NORMAL', 'PARTIAL')), 0) as staff_resumed,
            max(x.asof) as asof
            """;

    /** The range bounds (two parameters after the firm-days') let the planner read only those days' reports. */
    static final String REPORT_JOIN = " left join daily_report r on r.firm_id = x.firm_id and r.report_date = x.day"
            + " and r.report_date between cast(? as date) and cast(? as date) ";

    record Query(String sql, List<Object> params) {
    }

    /** The firm-days of a slice within a scope; {@code parks}, when not null, restricts them to those parks. */
    static Query firmDays(LocalDate from, LocalDate to, Slice s, FirmScope scope, Long firmId, Instant now,
                          Collection<Long> parks) {
        StringBuilder sql = new StringBuilder(FIRM_DAYS);
        // An integer series lets the planner know how many days there are (a date series is guessed at 1000).
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(from), (int) ChronoUnit.DAYS.between(from, to),
                Timestamp.from(now)));
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
        if (parks != null) {
            sql.append(" and h.park_id = any (?)");
            params.add(parks.toArray(new Long[0]));
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
            case FIRMS -> {
                sql.append(" and h.firm_id = any (?)");
                params.add(scope.firmIds().toArray(new Long[0]));
            }
            case NONE -> sql.append(" and false");
        }
        params.add(Date.valueOf(from));
        params.add(Date.valueOf(to));
        return new Query(sql.toString(), params);
    }

    /** One row: the slice's counters. */
    static String total(Query q) {
        return "select " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN;
    }

    /** One row per park with firms, in park code order (columns park_id, code, label and the counters). */
    static String byPark(Query q, Locale locale) {
        return "select pk.code, coalesce(" + (english(locale) ? "pk.name_en, " : "") + "pk.name) as label, a.* from ("
                + "select x.park_id, " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN + " group by x.park_id"
                + ") a join park pk on pk.id = a.park_id order by pk.code";
    }

    /** One row per day with firms. */
    static String byDay(Query q) {
        return "select x.day, " + AGGREGATES + " from (" + q.sql + ") x" + REPORT_JOIN + " group by x.day";
    }

    /** One row per (day, park, size class, category, industry): the rows of table daily_figure. */
    static String groups(Query q) {
        return "select x.day, x.park_id, x.above_size, x.four_above, x.industry, " + AGGREGATES
                + " from (" + q.sql + ") x" + REPORT_JOIN + " group by x.day, x.park_id, x.above_size, x.four_above, x.industry";
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** Figures from a row of counters (null counters, from an empty sum, count as 0). */
    static Figures figuresOf(ResultSet rs, String key, String label) throws SQLException {
        Timestamp asOf = rs.getTimestamp("asof");
        return Figures.of(key, label, null, asOf == null ? null : asOf.toInstant(), rs.getLong("firms"), rs.getLong("resumed"),
                rs.getLong("on_site"), rs.getLong("staff"), rs.getLong("cap"), rs.getLong("due"), rs.getLong("on_time"),
                rs.getLong("reported"), rs.getLong("late"), rs.getLong("abnormal"), rs.getLong("stopped"),
                rs.getLong("on_site_resumed"), rs.getLong("staff_resumed"));
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> run(DataSource dataSource, String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection()) {
            return run(c, sql, params, mapper);
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard query failed", e);
        }
    }

    static <T> List<T> run(Connection c, String sql, List<Object> params, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long[] arr) {
                ps.setArray(i + 1, c.createArrayOf("bigint", arr));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
