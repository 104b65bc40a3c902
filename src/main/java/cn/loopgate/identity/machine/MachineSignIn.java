package cn.loopgate.identity.machine;

import cn.loopgate.identity.Answers;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.ReturnTarget;
import cn.loopgate.shared.persistence.TransactionEnd;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sign-in of a machine client with an API credential: {@code Authorization: Bearer lgk_...}, with or without
 * Keycloak. An unknown, expired or revoked secret answers 401; a call outside the credential's scope 403
 * ({@link ApiScope#allows}), before any resource or page runs. The caller becomes a machine {@link Caller}
 * (request attribute {@link #CALLER}); no session is made.
 * <p>
 * What a secret stands for is kept for {@code loopgate.identity.caller-cache-seconds}, like a user, so a scanner's
 * request borrows no database connection to be recognised; a revocation applies at once on the node that made it
 * ({@link #forget}) and within those seconds on the others. The last-used time is written off the request, at most
 * once a minute per credential and node.
 */
@ApplicationScoped
public class MachineSignIn {

    /** Request attribute holding the machine {@link Caller} of this request. */
    public static final String CALLER = "loopgate.machine.caller";
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(MachineSignIn.class.getName());
    private static final int MAX_CACHED = 50_000;

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    MachineUse use;
    @Resource
    ManagedExecutorService executor;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Inject
    @ConfigProperty(name = "loopgate.identity.caller-cache-seconds", defaultValue = "10")
    int cacheSeconds;

    /** What a secret's hash stands for, and until when (System.nanoTime) this node may reuse it. */
    record Known(long id, String name, String shown, ApiScope scope, Long firmId, Set<Long> parkIds, Instant expiresAt,
                 boolean revoked, long until) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<Long, Long> touched = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public AuthenticationStatus validate(String token, HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
        Known k = ApiTokens.wellFormed(token) ? lookup(ApiTokens.hash(token)) : null;
        Instant now = clock.instant();
        if (k == null || k.revoked() || !now.isBefore(k.expiresAt())) {
            // Never the secret in the log: the first characters name the credential well enough.
            LOG.fine(() -> "API credential refused: " + (k == null ? "unknown" : k.shown()));
            return Answers.unauthorized(request, response, "Bearer realm=\"loopgate\"");
        }
        if (!allowed(k.scope(), request)) {
            return forbidden(request, response);
        }
        Caller caller = Caller.machine("api:" + k.shown(), k.name(), k.scope(), k.firmId(), k.parkIds());
        request.setAttribute(CALLER, caller);
        touch(k.id(), now);
        return context.notifyContainerAboutLogin(caller.username(), Set.of(caller.role().group()));
    }

    /** Whether the scope's allow-list holds this request's method and path. */
    public static boolean allowed(ApiScope scope, HttpServletRequest request) {
        return scope.allows(request.getMethod(), ReturnTarget.path(request));
    }

    /** 403 for a machine calling outside its scope (problem+json on the API, a short page elsewhere). */
    public static AuthenticationStatus forbidden(HttpServletRequest request, HttpServletResponse response) {
        return Answers.failure(request, response, 403, "error.forbidden");
    }

    private Known lookup(String hash) {
        long now = System.nanoTime();
        Known cached = known.get(hash);
        if (cached != null && now - cached.until() < 0) {
            return cached;
        }
        long seen = generation.get();
        Known fresh = em.createNamedQuery("ApiCredential.byHash", ApiCredential.class).setParameter("hash", hash)
                .getResultStream().findFirst()
                .map(c -> new Known(c.getId(), c.getName(), c.getTokenPrefix(), c.getScope(), c.getFirmId(), c.getParkIds(),
                        c.getExpiresAt(), c.getRevokedAt() != null, now + Duration.ofSeconds(cacheSeconds).toNanos()))
                .orElse(null);
        if (fresh != null && cacheSeconds > 0 && generation.get() == seen) {
            if (known.size() >= MAX_CACHED) {
                known.clear();
            }
            known.put(hash, fresh);
            if (generation.get() != seen) {
                known.remove(hash, fresh);
            }
        }
        return fresh;
    }

    /**
     * Drops what this node remembers of a credential (a revocation): now, and again when the current transaction
     * ends, so that a request reading it meanwhile cannot keep what it read before the revocation committed.
     */
    public void forget(long id) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evict(id));
    }

    private void evict(long id) {
        generation.incrementAndGet();
        known.values().removeIf(k -> k.id() == id);
    }

    /** Records the use off the request, at most once a minute per credential on this node. */
    private void touch(long id, Instant now) {
        long nanos = System.nanoTime();
        Long last = touched.get(id);
        if (last != null && nanos - last < TOUCH_EVERY.toNanos()) {
            return;
        }
        if ((last == null ? touched.putIfAbsent(id, nanos) != null : !touched.replace(id, last, nanos))) {
            return; // another request of the same credential is recording it
        }
        if (touched.size() > MAX_CACHED) {
            touched.clear();
        }
        try {
            executor.execute(() -> {
                try {
                    use.record(id, now);
                } catch (RuntimeException e) {
                    LOG.warning("last use of API credential " + id + " not recorded: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            touched.remove(id);
        }
    }
}
