package cn.loopgate.identity;

import cn.loopgate.identity.oidc.OidcIdentity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in user store: finds users, checks passwords (PBKDF2) and locks an account after
 * {@link UserAccount#MAX_FAILURES} failures in a row. API clients that send Basic credentials with
 * every request would pay the deliberately slow hash each time, so a successful check is remembered
 * for a few minutes as an HMAC under a key that never leaves this process.
 * <p>
 * The caller a username resolves to (role, firm, parks, enabled) is also kept for a few seconds
 * ({@code loopgate.identity.caller-cache-seconds}), so that an authenticated request does not borrow a
 * database connection just to learn who it is (docs/performance.md, "Filing throughput"). On this node
 * {@link #forget} drops it at once and again when the changing transaction ends; other nodes of a
 * cluster see a disabled user or a new role within that many seconds.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;
    @Inject
    Pbkdf2PasswordHash hash;
    @Inject
    Clock clock;
    @Inject
    TenantLookup tenants;
    @Inject
    LoginThrottle throttle;
    @Inject
    jakarta.enterprise.event.Event<SignInAlarm> alarms;
    @Inject
    @ConfigProperty(name = "loopgate.identity.caller-cache-seconds", defaultValue = "10")
    int callerCacheSeconds;
    @Resource
    TransactionSynchronizationRegistry transactions;

    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final Map<String, Resolved> callers = new ConcurrentHashMap<>();
    /** Bumped by every {@link #forget}: a lookup that overlapped one does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    private record Remembered(byte[] mac, Instant until) {
    }

    /** A resolved caller and when it must be read again (System.nanoTime, not the business clock). */
    private record Resolved(Caller caller, long until) {
    }

    public UserDirectory() {
        new SecureRandom().nextBytes(cacheKey);
    }

    @jakarta.annotation.PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256"));
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
                .map(UserAccount::toCaller)
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

    /**
     * The caller for a verified OpenID Connect identity: the role from the token's realm roles, the firm
     * from its credit code claim (firm managers), the parks from their codes (liaison officers). Bindings
     * come from the token, not from the local account; an unknown firm or park binds to nothing (fails
     * closed). A local account of the same name, when it exists, lends its id (notifications) and must
     * not be disabled.
     */
    public Caller resolve(OidcIdentity identity) {
        Optional<UserAccount> local = find(identity.username());
        Role role = local.filter(u -> !u.isEnabled()).isPresent() ? null : roleOf(identity);
        Long firmId = null;
        Set<Long> parkIds = Set.of();
        if (role == Role.FIRM_MANAGER && identity.firmCreditCode() != null) {
            firmId = tenants.firmByCreditCode(identity.firmCreditCode()).orElse(null);
        }
        if (role == Role.LIAISON && !identity.parkCodes().isEmpty()) {
            parkIds = tenants.parksByCodes(identity.parkCodes());
        }
        return new Caller(identity.username(), identity.displayName(), role, firmId, parkIds,
                local.map(UserAccount::getId).orElse(null));
    }

    /** One role per person; should a token carry several, the one declared last in {@link Role} wins (admin first). */
    static Role roleOf(OidcIdentity identity) {
        Role chosen = null;
        for (Role r : Role.values()) {
            if (identity.roles().contains(r.group())) {
                chosen = r;
            }
        }
        return chosen;
    }

    public String hashPassword(String password) {
        return hash.generate(password.toCharArray());
    }

    /** Outcome of a password check. */
    public enum Check { VALID, INVALID, LOCKED }

    /**
     * True when this password was checked for this user in the last few minutes: no database, no
     * transaction. {@link #verify} does the full check.
     */
    public boolean remembered(String username, String password) {
        Remembered r = verified.get(username);
        return r != null && r.until().isAfter(clock.instant()) && MessageDigest.isEqual(r.mac(), mac(username, password));
    }

    /**
     * The source under which a signed-in user's wrong current password (changing their own password) is counted:
     * a bucket of that user's own, so guessing there locks only that user's form, never their sign-in, and one
     * user's (or a fuzzer's) failures never throttle another user's change.
     */
    public static String passwordChangeSource(String username) {
        return "own-password-change:" + username;
    }

    /**
     * The full check of a password from a source address. Unknown users, disabled users and a (username, address)
     * pair locked by {@link LoginThrottle} all cost one PBKDF2 like a real check and answer alike to the caller
     * (the login says "wrong password, or locked" either way), so neither the answer nor its time tells
     * which usernames exist or are locked. An address in back-off is refused before any check.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Check verify(String username, String password, String address) {
        Instant now = clock.instant();
        if (throttle.addressBlocked(address, now)) {
            return Check.LOCKED;
        }
        byte[] mac = mac(username, password);
        Remembered r = verified.get(username);
        if (r != null && r.until().isAfter(now) && MessageDigest.isEqual(r.mac(), mac)) {
            return Check.VALID;
        }
        UserAccount user = find(username).orElse(null);
        if (user == null || !user.isEnabled() || user.getPasswordHash() == null) {
            hash.verify(password.toCharArray(), DUMMY_HASH);
            failed(username, address, now, null);
            return Check.INVALID;
        }
        if (throttle.locked(username, address, now)) {
            hash.verify(password.toCharArray(), DUMMY_HASH);
            failed(username, address, now, user);
            return Check.LOCKED;
        }
        if (!hash.verify(password.toCharArray(), user.getPasswordHash())) {
            verified.remove(username);
            loginFailed(user.getId(), now);
            return failed(username, address, now, user) ? Check.LOCKED : Check.INVALID;
        }
        throttle.succeeded(username, address);
        loginSucceeded(user.getId(), now);
        verified.put(username, new Remembered(mac, now.plus(REMEMBER)));
        return Check.VALID;
    }

    /**
     * Counts a failure; audits the moments that matter (a pair locked, an address starting its back-off) rather
     * than every failure, so an attack cannot flood the append-only trail. True when the pair is now locked.
     */
    private boolean failed(String username, String address, Instant now, UserAccount user) {
        LoginThrottle.Outcome o = throttle.failed(username, address, now);
        if (o.pairLocked() && user != null) {
            alarms.fire(new SignInAlarm("User", user.getId(), "LOGIN_LOCKED",
                    Map.of("address", address, "until", now.plus(UserAccount.LOCK_TIME).toString()), "failed sign-ins from one address"));
        }
        if (o.addressBlocked()) {
            alarms.fire(new SignInAlarm("LoginSource", null, "LOGIN_THROTTLED",
                    Map.of("address", address), "failed sign-ins from one address for many usernames"));
        }
        return o.pairLocked() || throttle.locked(username, address, now);
    }

    /*
     * The login bookkeeping is one atomic UPDATE each, not a change of the (versioned) entity: several
     * requests of one API client arrive at once with the same Basic credentials before the memo above knows
     * them, and with the entity all but one failed at commit on the optimistic lock, which the container
     * answered with an empty 500 (found by ApiFuzzIT with parallel requests). Concurrent failures now all
     * count, and a login no longer changes the version an administrator's edit of the user is based on.
     */

    /**
     * Counts a failed login on the account, for the administrator's users page (failures in a row, and until when the
     * fifth put it "locked"). Informational only: who may try again is {@link LoginThrottle}'s decision, per address.
     */
    private boolean loginFailed(long userId, Instant now) {
        List<?> lockedUntil = em.createNativeQuery("""
                        update app_user set
                            failed_attempts = case when failed_attempts + 1 >= ?1 then 0 else failed_attempts + 1 end,
                            locked_until = case when failed_attempts + 1 >= ?1 then ?2 else locked_until end
                        where id = ?3 returning locked_until""")
                .setParameter(1, UserAccount.MAX_FAILURES).setParameter(2, Timestamp.from(now.plus(UserAccount.LOCK_TIME)))
                .setParameter(3, userId).getResultList();
        Object until = lockedUntil.isEmpty() ? null : lockedUntil.get(0);
        return until != null && toInstant(until).isAfter(now);
    }

    private void loginSucceeded(long userId, Instant now) {
        em.createNativeQuery("update app_user set failed_attempts = 0, locked_until = null, last_login_at = ?1 where id = ?2")
                .setParameter(1, Timestamp.from(now)).setParameter(2, userId).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }

    /**
     * Forgets remembered checks and the cached caller of a user, e.g. after a password change, disabling
     * or a new role: now, and once more when the current transaction ends, so that a request resolving
     * the user meanwhile cannot keep what it read before the change committed.
     */
    public void forget(String username) {
        evict(username);
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    evict(username);
                }
            });
        }
    }

    private void evict(String username) {
        generation.incrementAndGet();
        verified.remove(username);
        callers.remove(username);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            m.update(username.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String DUMMY_HASH =
            "PBKDF2WithHmacSHA256:210000:c2FsdHNhbHRzYWx0c2FsdA==:ZHVtbXlkdW1teWR1bW15ZHVtbXlkdW1teWR1bW15ZHU=";
}
