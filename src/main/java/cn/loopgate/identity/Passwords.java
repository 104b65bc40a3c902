package cn.loopgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in users' passwords: hashes them (PBKDF2), checks them, counts failures with {@link LoginThrottle}
 * and raises the sign-in alarms the audit trail keeps. API clients that send Basic credentials with every request
 * would pay the deliberately slow hash each time, so a successful check is remembered for a few minutes as an
 * HMAC under a key that never leaves this process ({@link UserDirectory#forget} drops it).
 */
@ApplicationScoped
public class Passwords {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;
    @Inject
    Pbkdf2PasswordHash hash;
    @Inject
    Clock clock;
    @Inject
    UserDirectory directory;
    @Inject
    LoginThrottle throttle;
    @Inject
    jakarta.enterprise.event.Event<SignInAlarm> alarms;

    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(byte[] mac, Instant until) {
    }

    public Passwords() {
        new SecureRandom().nextBytes(cacheKey);
    }

    @jakarta.annotation.PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256"));
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
        UserAccount user = directory.find(username).orElse(null);
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

    /** Forgets the remembered checks of a user (their password, role or state changed). */
    void forgetChecks(String username) {
        verified.remove(username);
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
