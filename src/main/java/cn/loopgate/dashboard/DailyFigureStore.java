package cn.loopgate.dashboard;

import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The writes of {@link DailyFigures}, each in a short transaction of its own (committed before the caller
 * goes on: the protocol depends on it).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DailyFigureStore {

    /** Advisory lock key space of the per-park lock (the triggers of V9_1 use the same). */
    static final int LOCK_SPACE = 9001;

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** A (day, park) built at a generation. */
    record Built(LocalDate day, long parkId, long gen) {
    }

    /** A row of daily_figure and the generation it was computed at. */
    record Row(DailyFigures.Group group, long gen) {
    }

    /**
     * Creates the park's stamps for the days in the range that are closed by the database's clock too. Takes the
     * park's lock exclusively first, so every writer that might have missed the stamp has committed.
     */
    public void createStamps(long park, LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, cast(? % 2147483647 as integer))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setLong(2, park);
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into daily_figure_stamp (day, park_id)"
                    + " select cast(? as date) + g, p.id from generate_series(0, ?) g cross join park p"
                    + " where p.id = ?"
                    + " and (cast(cast(? as date) + g + 1 as timestamp) at time zone p.time_zone) <= clock_timestamp()"
                    + " on conflict do nothing")) {
                ps.setDate(1, Date.valueOf(from));
                ps.setInt(2, (int) ChronoUnit.DAYS.between(from, to));
                ps.setLong(3, park);
                ps.setDate(4, Date.valueOf(from));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("daily figure stamps failed", e);
        }
    }

    /**
     * Stores the rows of the (day, park)s built and marks them built at their generation; never replaces rows
     * of a newer generation (a concurrent reader may have built a newer one first).
     */
    public void store(List<Built> built, List<Row> rows) {
        String upsert = "insert into daily_figure (day, park_id, above_size, four_above, industry, gen, "
                + String.join(", ", DailyFigures.COUNTERS) + ", asof) values (?, ?, ?, ?, ?, ?"
                + ", ?".repeat(DailyFigures.COUNTERS.size()) + ", ?)"
                + " on conflict (day, park_id, above_size, four_above, industry) do update set gen = excluded.gen, "
                + String.join(", ", DailyFigures.COUNTERS.stream().map(k -> k + " = excluded." + k).toList())
                + ", asof = excluded.asof where daily_figure.gen <= excluded.gen";
        try (Connection c = dataSource.getConnection();
             PreparedStatement del = c.prepareStatement("delete from daily_figure where day = ? and park_id = ? and gen < ?");
             PreparedStatement ins = c.prepareStatement(upsert);
              PreparedStatement mark = c.prepareStatement("update daily_figure_stamp set built_gen = ?, built_at = clock_timestamp(), "
                     + String.join(", ", DailyFigures.COUNTERS.stream().map(k -> k + " = ?").toList()) + ", asof = ?"
                     + " where day = ? and park_id = ? and (built_gen is null or built_gen < ?)")) {
            // One order for every writer of these rows: no deadlock between two readers building the same days.
            List<Built> sortedBuilt = built.stream().sorted(Comparator.comparing(Built::day).thenComparing(Built::parkId)).toList();
            for (Built b : sortedBuilt) {
                del.setDate(1, Date.valueOf(b.day()));
                del.setLong(2, b.parkId());
                del.setLong(3, b.gen());
                del.addBatch();
            }
            del.executeBatch();
            List<Row> sorted = rows.stream().sorted(Comparator.comparing((Row r) -> r.group().day())
                    .thenComparing(r -> r.group().parkId()).thenComparing(r -> r.group().aboveSize())
                    .thenComparing(r -> r.group().fourAbove()).thenComparing(r -> r.group().industry())).toList();
            for (Row r : sorted) {
                DailyFigures.Group g = r.group();
                int i = 1;
                ins.setDate(i++, Date.valueOf(g.day()));
                ins.setLong(i++, g.parkId());
                ins.setBoolean(i++, g.aboveSize());
                ins.setString(i++, g.fourAbove());
                ins.setString(i++, g.industry());
                ins.setLong(i++, r.gen());
                for (long v : g.counters()) {
                    ins.setLong(i++, v);
                }
                ins.setTimestamp(i, g.asOf());
                ins.addBatch();
            }
            ins.executeBatch();
            for (Built b : sortedBuilt) {
                // The park-day's totals: the sums of its rows.
                long[] total = new long[DailyFigures.COUNTERS.size()];
                java.sql.Timestamp asOf = null;
                for (Row r : rows) {
                    DailyFigures.Group g = r.group();
                    if (g.day().equals(b.day()) && g.parkId() == b.parkId()) {
                        for (int k = 0; k < total.length; k++) {
                            total[k] += g.counters()[k];
                        }
                        asOf = asOf == null || g.asOf().after(asOf) ? g.asOf() : asOf;
                    }
                }
                int i = 1;
                mark.setLong(i++, b.gen());
                for (long v : total) {
                    mark.setLong(i++, v);
                }
                mark.setTimestamp(i++, asOf);
                mark.setDate(i++, Date.valueOf(b.day()));
                mark.setLong(i++, b.parkId());
                mark.setLong(i, b.gen());
                mark.addBatch();
            }
            mark.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("daily figures store failed", e);
        }
    }
}
