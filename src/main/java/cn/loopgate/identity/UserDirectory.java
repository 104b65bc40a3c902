package cn.loopgate.identity;

import cn.loopgate.shared.persistence.TransactionEnd;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.Principal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in users: finds an account and resolves a username to the {@link Caller} it stands for.
 * Passwords are {@link Passwords}' job; callers signed in through an identity provider are resolved by
 * {@code oidc.OidcCallers}.
 * <p>
 * The caller a username resolves to (role, firm, parks, enabled) is also kept for a few seconds
 * ({@code loopgate.identity.caller-cache-seconds}), so that an authenticated request does not borrow a
 * database connection just to learn who it is (docs/performance.md, "Filing throughput"). On this node
 * {@link #forget} drops it at once and again when the changing transaction ends; other nodes of a
 * cluster see a disabled user or a new role within that many seconds.
 */
@ApplicationScoped
public class UserDirectory {

    @PersistenceContext
    EntityManager em;
    @Inject
    Passwords passwords;
    @Inject
    @ConfigProperty(name = "loopgate.identity.caller-cache-seconds", defaultValue = "10")
    int callerCacheSeconds;
    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<String, Resolved> callers = new ConcurrentHashMap<>();
    /** Bumped by every {@link #forget}: a lookup that overlapped one does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    /** A resolved caller and when it must be read again (System.nanoTime, not the business clock). */
    private record Resolved(Caller caller, long until) {
    }

    public Optional<UserAccount> find(String username) {
        return em.createNamedQuery("UserAccount.byUsername", UserAccount.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The caller for an authenticated principal; an unknown or disabled user resolves to no role. */
    public Caller resolve(Principal principal) {
        return resolve(principal.getName());
    }

    /**
     * The caller a built-in username stands for, from the short-lived cache when fresh; an unknown or
     * disabled user resolves to a caller without a role (who passes no access check).
     */
    public Caller resolve(String username) {
        long now = System.nanoTime();
        Resolved cached = callers.get(username);
        if (cached != null && now - cached.until() < 0) {
            return cached.caller();
        }
        long seen = generation.get();
        Caller c = find(username)
                .filter(UserAccount::isEnabled)
                .map(this::callerOf)
                .orElse(new Caller(username, username, null, null, null, null));
        if (callerCacheSeconds > 0 && generation.get() == seen) {
            if (callers.size() >= MAX_CACHED) {
                callers.clear(); // crude bound; a city has a few thousand active users, not this many
            }
            Resolved fresh = new Resolved(c, now + Duration.ofSeconds(callerCacheSeconds).toNanos());
            callers.put(username, fresh);
            if (generation.get() != seen) {
                callers.remove(username, fresh); // a forget slipped in between the check and the put
            }
        }
        return c;
    }

    private static final int MAX_CACHED = 100_000;

    /** The caller an enabled account stands for: a liaison officer without parks carries their assigned firms. */
    private Caller callerOf(UserAccount u) {
        Caller c = u.toCaller();
        if (c.isFirmBoundLiaison() && c.userId() != null) {
            return new Caller(c.username(), c.displayName(), c.role(), null, Set.of(), c.userId(), liaisonFirms(c.userId()));
        }
        return c;
    }

    /**
     * The firms assigned to a liaison officer (table {@code firm_liaison}, kept by the {@code liaison} feature). They
     * are the whole read scope of a firm-bound liaison officer; for a park-wide one they only route notifications.
     */
    public Set<Long> liaisonFirms(long userId) {
        List<?> ids = em.createNativeQuery("select firm_id from firm_liaison where user_id = ?1")
                .setParameter(1, userId).getResultList();
        Set<Long> out = new HashSet<>();
        for (Object id : ids) {
            out.add(((Number) id).longValue());
        }
        return out;
    }

    /**
     * Forgets remembered checks and the cached caller of a user, e.g. after a password change, disabling
     * or a new role: now, and once more when the current transaction ends, so that a request resolving
     * the user meanwhile cannot keep what it read before the change committed.
     */
    public void forget(String username) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evict(username));
    }

    private void evict(String username) {
        generation.incrementAndGet();
        passwords.forgetChecks(username);
        callers.remove(username);
    }

}
