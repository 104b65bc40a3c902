package cn.loopgate.dashboard;

import cn.loopgate.identity.FirmScope;
import cn.loopgate.shared.persistence.Database;
import cn.loopgate.shared.web.Formats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The figures of closed days from table {@code daily_figure} (migration V9_1): per (day, park, size class,
 * category, industry) the counters that {@link FigureSql#AGGREGATES} computes live. A day is closed for a park
 * once its end in the park's time zone has passed (by the application's clock and the database's); the firm
 * facts valid then never change afterwards (docs/metrics.md), only that day's reports can.
 *
 * <p>Protocol, correct under READ COMMITTED with any number of nodes:
 * <ol>
 * <li>Every (day, park) with stored rows has a stamp (table {@code daily_figure_stamp}) with a generation
 * {@code gen}. Triggers bump it on every write that may change the figures (a report of that day, a history
 * row valid then, the firm's registration date, the park's time zone or deadline). Rows are used only while
 * {@code built_gen = gen}, checked in the same statement that sums them.</li>
 * <li>Stamps are created under an exclusive advisory lock on the park; writers hold it shared. So a writer that
 * ran before the stamp existed has committed before the stamp is created (and before the rows are computed),
 * and a writer after it sees the stamp and bumps it.</li>
 * <li>To build a (day, park): read {@code gen}, then compute with the live SQL, then store the rows with that
 * generation. A write committed in between has bumped {@code gen} past it: the rows are never used, the next
 * reader builds them again. Stores are idempotent upserts that never replace a newer generation.</li>
 * </ol>
 * The stamp also holds the park-day's totals, so slices without a size class, category or industry filter sum
 * one row per (day, park). Filling ahead: {@link DailyFigureSchedule} builds the last {@link #BACKFILL_DAYS}
 * days at start and every hour.
 */
@ApplicationScoped
public class DailyFigures {

    /** How many closed days the background fill keeps built. */
    static final int BACKFILL_DAYS = 92;
    /**
     * Most days' worth of (day, park)s a reader builds itself before answering (a week of the city: a second
     * or two); with more missing (a fresh deployment before the background fill has finished) it answers live,
     * which costs what it did before the aggregate, and leaves the building to {@link DailyFigureSchedule}.
     */
    static final int READER_BUILD_DAYS = 7;
    /** Days computed by one live query when building (the live plan stays an index range scan). */
    private static final int CHUNK_DAYS = 7;
    private static final Logger LOG = Logger.getLogger(DailyFigures.class.getName());
    private static final FirmScope EVERYTHING = new FirmScope(FirmScope.Kind.ALL, null, null);

    @Inject
    Clock clock;
    @Inject
    DailyFigureStore store;
    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** How a read groups the stored rows. */
    enum By { ALL, PARK, DAY }

    /** Rows served from aggregates for the days {@code from .. through}; later days are the caller's (live). */
    record Served<T>(List<T> rows, LocalDate through) {
    }

    private record ParkZone(long id, ZoneId zone) {
    }

    private record Stamp(LocalDate day, long parkId, long gen) {
    }

    /** One row of daily_figure. */
    record Group(LocalDate day, long parkId, boolean aboveSize, String fourAbove, String industry, long[] counters,
                 Timestamp asOf) {
    }

    /** The counters' column names, in table order. */
    static final List<String> COUNTERS = List.of("firms", "resumed", "on_site", "staff", "cap", "due", "on_time",
            "reported", "late", "abnormal", "stopped", "on_site_resumed", "staff_resumed");

    /**
     * Serves the closed days at the start of {@code from .. to} from the aggregates, building what is missing
     * or stale. Null when no day of the range is closed for every park in scope, for a firm's own scope, or when
     * concurrent writes kept invalidating the rows (the caller computes live then).
     */
    <T> Served<T> read(LocalDate from, LocalDate to, Slice slice, FirmScope scope, By by, Locale locale,
                       FigureSql.RowMapper<T> mapper) {
        if (scope.kind() == FirmScope.Kind.FIRM || scope.kind() == FirmScope.Kind.FIRMS) {
            return null; // the stored aggregates count whole parks: a firm's or a firm-bound liaison's figures are live
        }
        List<ParkZone> parks = parks(slice, scope);
        LocalDate through = lastClosed(parks, clock.instant());
        if (through.isAfter(to)) {
            through = to;
        }
        if (through.isBefore(from)) {
            return null;
        }
        long expected = parks.size() * (ChronoUnit.DAYS.between(from, through) + 1);
        List<Long> ids = parks.stream().map(ParkZone::id).toList();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                ensure(from, through, ids);
            }
            List<Object> params = new ArrayList<>();
            String sql = sumSql(from, through, slice, scope, by, locale, params);
            long[] valid = {0};
            List<T> rows = new ArrayList<>();
            FigureSql.run(dataSource, sql, params, rs -> {
                valid[0] = rs.getLong("valid_pairs");
                if (rs.getObject("firms") != null) {
                    rows.add(mapper.map(rs));
                }
                return null;
            });
            if (valid[0] == expected) {
                return new Served<>(rows, through);
            }
            if (expected - valid[0] > (long) READER_BUILD_DAYS * parks.size()) {
                LOG.fine(() -> (expected - valid[0]) + " daily figures not built yet; served live");
                return null;
            }
        }
        LOG.info(() -> "daily figures kept changing; served live");
        return null;
    }

    /** Builds every missing or stale (day, park) of the last {@link #BACKFILL_DAYS} closed days. */
    public void fill() {
        List<ParkZone> parks = parks(Slice.CITY, EVERYTHING);
        if (parks.isEmpty()) {
            return;
        }
        LocalDate to = lastClosed(parks, clock.instant());
        long started = System.nanoTime();
        int built = ensure(to.minusDays(BACKFILL_DAYS - 1), to, parks.stream().map(ParkZone::id).toList());
        if (built > 0) {
            LOG.info(() -> "daily figures: built " + built + " (day, park) aggregates in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    /** The latest day closed for every park given (end of the day passed in each park's time zone). */
    private static LocalDate lastClosed(List<ParkZone> parks, Instant now) {
        LocalDate last = now.atZone(Formats.CHINA).toLocalDate().minusDays(1);
        for (ParkZone p : parks) {
            LocalDate d = now.atZone(p.zone()).toLocalDate().minusDays(1);
            if (d.isBefore(last)) {
                last = d;
            }
        }
        return last;
    }

    private List<ParkZone> parks(Slice s, FirmScope scope) {
        List<Object> params = new ArrayList<>();
        String sql = "select p.id, p.time_zone from park p where true" + parkFilter(s, scope, "p.id", params) + " order by p.id";
        return FigureSql.run(dataSource, sql, params, rs -> new ParkZone(rs.getLong(1), ZoneId.of(rs.getString(2))));
    }

    private static String parkFilter(Slice s, FirmScope scope, String parkId, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (s.districtId() != null) {
            sql.append(" and p.district_id = ?");
            params.add(s.districtId());
        }
        if (s.parkId() != null) {
            sql.append(" and ").append(parkId).append(" = ?");
            params.add(s.parkId());
        }
        if (scope.kind() == FirmScope.Kind.PARKS) {
            sql.append(" and ").append(parkId).append(" = any (?)");
            params.add(scope.parkIds().toArray(new Long[0]));
        } else if (scope.kind() != FirmScope.Kind.ALL) {
            sql.append(" and false");
        }
        return sql.toString();
    }

    /**
     * The stored counters summed per group, with the number of (day, park) pairs whose rows are current, read in
     * the same statement (one snapshot): fewer than expected means something is missing or stale.
     */
    private static String sumSql(LocalDate from, LocalDate to, Slice s, FirmScope scope, By by, Locale locale,
                                 List<Object> params) {
        params.add(Date.valueOf(from));
        params.add(Date.valueOf(to));
        String stamps = "select st.* from daily_figure_stamp st join park p on p.id = st.park_id"
                + " where st.day between ? and ? and st.built_gen = st.gen" + parkFilter(s, scope, "st.park_id", params);
        StringBuilder where = new StringBuilder();
        if (s.aboveSize() != null) {
            where.append(" and t.above_size = ?");
            params.add(s.aboveSize());
        }
        if (s.fourAbove() != null) {
            where.append(" and t.four_above = ?");
            params.add(s.fourAbove().name());
        }
        if (s.industry() != null) {
            where.append(" and t.industry = ?");
            params.add(s.industry().name());
        }
        String key = switch (by) {
            case ALL -> "";
            case PARK -> "t.park_id, ";
            case DAY -> "t.day, ";
        };
        StringBuilder sums = new StringBuilder();
        for (String c : COUNTERS) {
            sums.append("sum(t.").append(c).append(") as ").append(c).append(", ");
        }
        // Without a filter on the firms' attributes the park-day totals in the stamps suffice.
        String source = where.isEmpty() ? "s t" : "daily_figure t join s on s.day = t.day and s.park_id = t.park_id"
                + " and t.gen = s.built_gen";
        String sum = "select " + key + sums + "max(t.asof) as asof from " + source + " where true" + where
                + (by == By.ALL ? "" : " group by " + key.substring(0, key.length() - 2)) + " having sum(t.firms) > 0";
        String head = "with s as (" + stamps + "), a as (" + sum + ") select c.n as valid_pairs, ";
        String tail = " from (select count(*) as n from s) c left join a on true";
        return switch (by) {
            case ALL, DAY -> head + "a.*" + tail;
            case PARK -> head + "pk.code, coalesce(" + (FigureSql.english(locale) ? "pk.name_en, " : "")
                    + "pk.name) as label, a.*" + tail + " left join park pk on pk.id = a.park_id order by pk.code";
        };
    }

    /** Creates the missing stamps of the range and builds every stale (day, park); returns how many it built. */
    private int ensure(LocalDate from, LocalDate to, List<Long> parks) {
        int days = (int) ChronoUnit.DAYS.between(from, to);
        Long[] ids = parks.toArray(new Long[0]);
        List<Long> missing = FigureSql.run(dataSource, "select p.id from unnest(?) p(id) where"
                        + " (select count(*) from daily_figure_stamp st where st.park_id = p.id and st.day between ? and ?) < ?"
                        + " order by p.id", List.of(ids, Date.valueOf(from), Date.valueOf(to), days + 1),
                rs -> rs.getLong(1));
        // One park per transaction: a reader never holds one park's lock while waiting for another's.
        for (long park : missing) {
            store.createStamps(park, from, to);
        }
        // The generation is read before the rows are computed (see the class comment).
        List<Stamp> stale = FigureSql.run(dataSource, "select day, park_id, gen from daily_figure_stamp"
                        + " where day between ? and ? and park_id = any (?) and built_gen is distinct from gen order by day, park_id",
                List.of(Date.valueOf(from), Date.valueOf(to), ids),
                rs -> new Stamp(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)));
        Map<LocalDate, List<Stamp>> byDay = new TreeMap<>();
        for (Stamp st : stale) {
            byDay.computeIfAbsent(st.day(), d -> new ArrayList<>()).add(st);
        }
        // Consecutive days with the same parks to build go into one live query.
        List<Stamp> chunk = new ArrayList<>();
        TreeSet<Long> chunkParks = null;
        LocalDate chunkFrom = null;
        LocalDate chunkTo = null;
        for (Map.Entry<LocalDate, List<Stamp>> e : byDay.entrySet()) {
            TreeSet<Long> ps = new TreeSet<>(e.getValue().stream().map(Stamp::parkId).toList());
            boolean extend = chunkTo != null && chunkTo.plusDays(1).equals(e.getKey()) && ps.equals(chunkParks)
                    && ChronoUnit.DAYS.between(chunkFrom, e.getKey()) < CHUNK_DAYS;
            if (!extend && chunkTo != null) {
                build(chunk, chunkFrom, chunkTo, chunkParks);
                chunk = new ArrayList<>();
            }
            if (!extend) {
                chunkFrom = e.getKey();
                chunkParks = ps;
            }
            chunkTo = e.getKey();
            chunk.addAll(e.getValue());
        }
        if (chunkTo != null) {
            build(chunk, chunkFrom, chunkTo, chunkParks);
        }
        return stale.size();
    }

    private void build(List<Stamp> stamps, LocalDate from, LocalDate to, TreeSet<Long> parks) {
        FigureSql.Query q = FigureSql.firmDays(from, to, Slice.CITY, EVERYTHING, null, clock.instant(), parks);
        List<Group> rows = FigureSql.run(dataSource, FigureSql.groups(q), q.params(), rs -> {
            long[] counters = new long[COUNTERS.size()];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = rs.getLong(COUNTERS.get(i));
            }
            return new Group(rs.getDate("day").toLocalDate(), rs.getLong("park_id"), rs.getBoolean("above_size"),
                    rs.getString("four_above"), rs.getString("industry"), counters, rs.getTimestamp("asof"));
        });
        Map<String, Long> gens = new TreeMap<>();
        for (Stamp st : stamps) {
            gens.put(st.day() + "/" + st.parkId(), st.gen());
        }
        store.store(stamps.stream().map(st -> new DailyFigureStore.Built(st.day(), st.parkId(), st.gen())).toList(),
                rows.stream().filter(g -> gens.containsKey(g.day() + "/" + g.parkId()))
                        .map(g -> new DailyFigureStore.Row(g, gens.get(g.day() + "/" + g.parkId()))).toList());
    }
}
