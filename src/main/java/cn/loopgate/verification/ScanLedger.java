package cn.loopgate.verification;

import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gate's scan log, written with group commit. A scan is answered only once its row is committed, as
 * before, but concurrent scans share one statement and one commit: each request queues its row and takes
 * the writer lock; whoever holds it writes every row queued so far, so a request that gets the lock
 * finds its row either written by the previous holder or still queued, and writes it with the others.
 * One scan alone costs one statement; under load a batch of n scans costs one statement and one WAL flush
 * instead of n (docs/performance.md, gate).
 * <p>
 * The rows never join the caller's transaction ({@code NOT_SUPPORTED}): other requests' rows go into the
 * same statement, so they must not wait for, or be rolled back with, anybody's transaction.
 */
@ApplicationScoped
public class ScanLedger {

    /** Rows per statement; a burst larger than this is written in several statements by the same holder. */
    static final int MAX_BATCH = 500;

    /**
     * Ids come from the application's sequence in the order of the rows ({@code ordinality}), so each
     * request gets its own id back; the CTE is referenced twice, so PostgreSQL evaluates it (and nextval)
     * once per row.
     */
    private static final String INSERT = """
            with scans as (
              select nextval('id_seq') as id, t.*
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]),
                          cast(? as bigint[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]),
                          cast(? as bigint[]), cast(? as bigint[]), cast(? as numeric[]))
                   with ordinality as t(scanned_at, gate, guard, permit_id, firm_id, park_id, key_id, result, gate_id,
                                        gate_park_id, temperature, o)
            ), stored as (
              insert into gate_scan (id, scanned_at, gate, guard, permit_id, firm_id, park_id, key_id, result, gate_id, gate_park_id,
                                     temperature)
              select id, cast(scanned_at as timestamptz), gate, guard, permit_id, firm_id, park_id, key_id, result, gate_id,
                     gate_park_id, temperature from scans
            )
            select id from scans order by o""";

    /**
     * A row of the log as the gate decided it: {@code parkId} is the permit's park, {@code gateParkId} the
     * park of the registered gate ({@code gateId}; both null for a refusal that named no gate of the guard's);
     * {@code temperature} the person's reading sent with the scan, if any.
     */
    public record Entry(Instant scannedAt, String gate, String guard, Long permitId, Long firmId, Long parkId,
                        String keyId, Verdict result, Long gateId, Long gateParkId, java.math.BigDecimal temperature) {
    }

    /** Settled by whichever request holds the writer lock; read after taking that lock, so no volatile needed. */
    private static final class Pending {
        final Entry entry;
        long id;
        RuntimeException failure;
        boolean settled;

        Pending(Entry entry) {
            this.entry = entry;
        }
    }

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    /** Stores the row, committed, and returns its id; a failed write (database away) throws. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public long append(Entry entry) {
        Pending mine = new Pending(entry);
        queue.add(mine);
        writer.lock();
        try {
            while (!mine.settled) {
                writeQueued();
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.id;
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        try {
            insert(batch);
        } catch (SQLException e) {
            if (batch.size() > 1 && isDataError(e)) {
                // One row the table refuses must not cost the others their log entry: write them one by one.
                for (Pending p : batch) {
                    try {
                        insert(List.of(p));
                    } catch (SQLException one) {
                        fail(List.of(p), one);
                    }
                }
            } else {
                fail(batch, e);
            }
        } catch (RuntimeException e) {
            fail(batch, e);
        }
    }

    private void insert(List<Pending> batch) throws SQLException {
        int n = batch.size();
        String[] at = new String[n], gate = new String[n], guard = new String[n], key = new String[n], result = new String[n];
        Long[] permit = new Long[n], firm = new Long[n], park = new Long[n], gateId = new Long[n], gatePark = new Long[n];
        java.math.BigDecimal[] temperature = new java.math.BigDecimal[n];
        for (int i = 0; i < n; i++) {
            Entry e = batch.get(i).entry;
            at[i] = e.scannedAt().toString();
            gate[i] = e.gate();
            guard[i] = e.guard();
            permit[i] = e.permitId();
            firm[i] = e.firmId();
            park[i] = e.parkId();
            key[i] = e.keyId();
            result[i] = e.result().name();
            gateId[i] = e.gateId();
            gatePark[i] = e.gateParkId();
            temperature[i] = e.temperature();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("text", at));
            ps.setArray(2, c.createArrayOf("text", gate));
            ps.setArray(3, c.createArrayOf("text", guard));
            ps.setArray(4, c.createArrayOf("bigint", permit));
            ps.setArray(5, c.createArrayOf("bigint", firm));
            ps.setArray(6, c.createArrayOf("bigint", park));
            ps.setArray(7, c.createArrayOf("text", key));
            ps.setArray(8, c.createArrayOf("text", result));
            ps.setArray(9, c.createArrayOf("bigint", gateId));
            ps.setArray(10, c.createArrayOf("bigint", gatePark));
            ps.setArray(11, c.createArrayOf("numeric", temperature));
            try (ResultSet rs = ps.executeQuery()) {
                for (Pending p : batch) {
                    if (!rs.next()) {
                        throw new SQLException("gate_scan: fewer ids than rows");
                    }
                    p.id = rs.getLong(1);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        for (Pending p : batch) {
            p.settled = true;
        }
    }

    private static void fail(List<Pending> batch, Exception cause) {
        for (Pending p : batch) {
            p.failure = new IllegalStateException("gate scan not logged", cause);
            p.settled = true;
        }
    }

    /** Integrity (23) or data (22) errors: the rows, not the database, are at fault. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
