package cn.loopgate.shared.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Fails requests at once while PostgreSQL cannot be reached. Without it every request of an outage waits the pool's
 * whole {@code max-wait-time} (10 s) for a connection that cannot be made, so the HTTP threads fill with requests
 * that are certain to fail and the user watches a spinner for ten seconds before the same 503. The breaker opens
 * when a request fails because the database is unreachable (connection refused or lost, unknown host: SQL state
 * class 08) — not when the pool is merely busy; while open, requests for the API and the pages are answered 503
 * without touching the pool (the authentication mechanism asks {@link #admits()}), and one request a second probes
 * with a connection of its own outside any transaction, which fails in milliseconds while the server is away.
 * The first probe that gets a valid connection closes the breaker. Health checks are never held back.
 * <p>
 * Per node and in memory: each node finds out for itself. Wall time ({@link System#nanoTime()}), not the
 * business clock, which a drill may stop.
 */
@ApplicationScoped
public class DatabaseBreaker {

    private static final Logger LOG = Logger.getLogger(DatabaseBreaker.class.getName());
    static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static volatile boolean open;
    private static volatile long nextProbe;
    private static final AtomicBoolean PROBING = new AtomicBoolean();

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** True when a request that needs the database may go on: the breaker is closed, or this call's probe found it back. */
    public boolean admits() {
        if (!open) {
            return true;
        }
        if (System.nanoTime() - nextProbe < 0 || !PROBING.compareAndSet(false, true)) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                open = false;
                LOG.info("the database answers again: requests are served");
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            // Still away.
        } finally {
            nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
            PROBING.set(false);
        }
        return false;
    }

    /** A request failed with {@code e}: when the database is unreachable, later requests fail at once. */
    public static void failed(Throwable e) {
        if (!open && unreachable(e)) {
            nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
            open = true;
            LOG.warning("the database cannot be reached: requests are answered 503 at once until it answers again");
        }
    }

    public static boolean isOpen() {
        return open;
    }

    /** Connection refused or lost, or no such host: the server is away (not a busy pool, not a bad statement). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** For tests: closed, as after a start. */
    static void reset() {
        open = false;
        nextProbe = 0;
    }
}
