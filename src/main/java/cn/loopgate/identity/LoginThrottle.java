package cn.loopgate.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted so that guessing is slow but nobody can lock someone else out (issue 19, item 7).
 * <ul>
 *   <li>Per (username, source address): the fifth failure in a row locks that pair for
 *   {@link UserAccount#LOCK_TIME}. The real user signing in from elsewhere is not affected, so five requests
 *   from an attacker no longer lock {@code admin} out.</li>
 *   <li>Per source address, whatever the usernames: beyond {@link #ADDRESS_ALLOWANCE} failures within
 *   {@link UserAccount#LOCK_TIME}, each further attempt from the address waits twice as long as the last
 *   (1 s, 2 s, 4 s … at most {@link UserAccount#LOCK_TIME}) and is refused unchecked until then: spraying many
 *   usernames from one address slows to a crawl.</li>
 * </ul>
 * Kept in memory on each node (a cluster of N nodes allows N times the attempts; documented in
 * docs/security.md), bounded in size. The source address is the TCP peer: behind a reverse proxy, configure
 * Payara to take the client address from the proxy's header (docs/deployment.md).
 */
@ApplicationScoped
public class LoginThrottle {

    /** Failures from one address (any usernames) before its back-off starts. */
    static final int ADDRESS_ALLOWANCE = 30;
    private static final int MAX_ENTRIES = 100_000;

    private record Pair(int failures, Instant lockedUntil, Instant last) {
    }

    private record Address(int failures, Instant blockedUntil, Instant last) {
    }

    /**
     * The source address of the sign-in being checked, set by {@link LoopgateAuthenticationMechanism} around the
     * identity store's check (the store's API carries only the credential).
     */
    static final ThreadLocal<String> SOURCE = new ThreadLocal<>();

    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
    private final Map<String, Address> addresses = new ConcurrentHashMap<>();

    /** True while the address must wait before its next attempt is even checked. */
    public boolean addressBlocked(String address, Instant now) {
        Address a = addresses.get(address);
        return a != null && a.blockedUntil() != null && a.blockedUntil().isAfter(now);
    }

    /** True while this username is locked for this address. */
    public boolean locked(String username, String address, Instant now) {
        Pair p = pairs.get(key(username, address));
        return p != null && p.lockedUntil() != null && p.lockedUntil().isAfter(now);
    }

    /** What a failure did. */
    public record Outcome(boolean pairLocked, boolean addressBlocked) {
    }

    /** Counts a failure for the pair and the address; says whether it locked the pair or started blocking the address. */
    public Outcome failed(String username, String address, Instant now) {
        bound(now);
        Pair p = pairs.compute(key(username, address), (k, old) -> {
            int n = old == null || stale(old.last(), now) ? 1 : old.failures() + 1;
            return n >= UserAccount.MAX_FAILURES ? new Pair(0, now.plus(UserAccount.LOCK_TIME), now) : new Pair(n, old == null ? null : old.lockedUntil(), now);
        });
        Address a = addresses.compute(address, (k, old) -> {
            int n = old == null || stale(old.last(), now) ? 1 : old.failures() + 1;
            Instant until = null;
            if (n > ADDRESS_ALLOWANCE) {
                long seconds = Math.min(UserAccount.LOCK_TIME.toSeconds(), 1L << Math.min(20, n - ADDRESS_ALLOWANCE - 1));
                until = now.plusSeconds(seconds);
            }
            return new Address(n, until, now);
        });
        return new Outcome(p.failures() == 0 && p.lockedUntil() != null && p.lockedUntil().isAfter(now),
                a.failures() == ADDRESS_ALLOWANCE + 1);
    }

    /** A correct password from this address: the pair and the address start afresh. */
    public void succeeded(String username, String address) {
        pairs.remove(key(username, address));
        addresses.remove(address);
    }

    private static boolean stale(Instant last, Instant now) {
        return Duration.between(last, now).compareTo(UserAccount.LOCK_TIME) > 0;
    }

    private void bound(Instant now) {
        if (pairs.size() > MAX_ENTRIES) {
            pairs.values().removeIf(p -> stale(p.last(), now));
            if (pairs.size() > MAX_ENTRIES) {
                pairs.clear();
            }
        }
        if (addresses.size() > MAX_ENTRIES) {
            addresses.values().removeIf(a -> stale(a.last(), now));
        }
    }

    private static String key(String username, String address) {
        return username + '\n' + address;
    }
}
