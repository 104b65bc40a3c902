package cn.loopgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Keep me signed in on this device" for the built-in login: a per-device, revocable cookie
 * ({@link RememberMeToken}) that signs its holder in without a password (and without the PBKDF2 that costs)
 * once their session has ended. Each use replaces the validator; a cookie whose selector is known but whose
 * validator is not the current one (nor the one replaced within the last {@link #GRACE}) is a copy used after the
 * real device moved on (or the reverse), so all the user's remembered devices are forgotten and the audit trail
 * says so. A device is forgotten when its holder
 * signs out on it or revokes it, and all of them when the password changes or is reset or the account is disabled.
 * The cookie's life is fixed at creation ({@code loopgate.identity.remember-me-days}), not extended by use.
 */
@ApplicationScoped
public class RememberedDevices {

    public static final String COOKIE = "LOOPGATE_REMEMBER";
    /**
     * How long the validator just replaced still signs in (without replacing it again): a browser restoring two
     * tabs, or retrying a request whose answer was lost, sends the same cookie twice within moments. Later, that
     * old validator is a copy being replayed.
     */
    static final Duration GRACE = Duration.ofSeconds(10);

    @PersistenceContext
    EntityManager em;
    @Inject
    UserDirectory directory;
    @Inject
    Clock clock;
    @Inject
    Event<SignInAlarm> alarms;
    @Inject
    @ConfigProperty(name = "loopgate.identity.remember-me-days", defaultValue = "30")
    int days;
    @Inject
    @ConfigProperty(name = "loopgate.cookie.secure", defaultValue = "true")
    boolean secureCookie;

    private final SecureRandom random = new SecureRandom();

    /** One remembered device as its owner sees it; {@code current} is the device asking. */
    public record Device(long id, String device, Instant createdAt, Instant lastUsedAt, Instant expiresAt, boolean current)
            implements java.io.Serializable {
    }

    /** Remembers the device of a request that has just signed in with a password; sets the cookie. */
    @Transactional
    public void remember(String username, HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = directory.find(username).orElse(null);
        if (user == null || days <= 0) {
            return;
        }
        Instant now = clock.instant();
        em.createNativeQuery("delete from remembered_device where user_id = ?1 and expires_at <= ?2")
                .setParameter(1, user.getId()).setParameter(2, Timestamp.from(now)).executeUpdate();
        RememberMeToken token = RememberMeToken.random(random);
        Instant expires = now.plus(Duration.ofDays(days));
        em.createNativeQuery("""
                        insert into remembered_device (user_id, selector, validator_hash, device, created_at, last_used_at, expires_at)
                        values (?1, ?2, ?3, ?4, ?5, ?5, ?6)""")
                .setParameter(1, user.getId()).setParameter(2, token.selector()).setParameter(3, token.validatorHash())
                .setParameter(4, RememberMeToken.deviceLabel(request.getHeader("User-Agent")))
                .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(expires)).executeUpdate();
        setCookie(request, response, token.cookieValue(), Duration.between(now, expires).toSeconds());
    }

    /**
     * Signs in the holder of a valid cookie: answers their username and replaces the cookie's validator, or null
     * (the cookie is then cleared). Commits on its own, so a detected replay's revocation and audit stay.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String redeem(HttpServletRequest request, HttpServletResponse response) {
        String value = cookie(request);
        if (value == null) {
            return null;
        }
        Optional<RememberMeToken> presented = RememberMeToken.parse(value);
        Instant now = clock.instant();
        List<?> rows = presented.isEmpty() ? List.of() : em.createNativeQuery("""
                        select d.id, d.user_id, d.validator_hash, d.expires_at, u.username, d.device, d.previous_hash, d.rotated_at
                        from remembered_device d join app_user u on u.id = d.user_id
                        where d.selector = ?1 for update of d""")
                .setParameter(1, presented.get().selector()).getResultList();
        if (rows.isEmpty()) {
            clearCookie(request, response);
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        long id = ((Number) row[0]).longValue();
        long userId = ((Number) row[1]).longValue();
        String username = (String) row[4];
        boolean current = presented.get().matches((String) row[2]);
        boolean justReplaced = !current && row[7] != null && presented.get().matches((String) row[6])
                && toInstant(row[7]).plus(GRACE).isAfter(now);
        if (!current && !justReplaced) {
            int forgotten = em.createNativeQuery("delete from remembered_device where user_id = ?1")
                    .setParameter(1, userId).executeUpdate();
            alarms.fire(new SignInAlarm("User", userId, "REMEMBER_ME_REPLAYED",
                    Map.of("device", row[5], "forgottenDevices", forgotten), "remembered-device cookie used twice"));
            clearCookie(request, response);
            return null;
        }
        if (!toInstant(row[3]).isAfter(now) || directory.resolve(username).role() == null) {
            em.createNativeQuery("delete from remembered_device where id = ?1").setParameter(1, id).executeUpdate();
            clearCookie(request, response);
            return null;
        }
        RememberMeToken next = null;
        if (current) {
            next = presented.get().rotate(random);
            em.createNativeQuery("update remembered_device set previous_hash = validator_hash, rotated_at = ?2,"
                            + " validator_hash = ?1, last_used_at = ?2 where id = ?3")
                    .setParameter(1, next.validatorHash()).setParameter(2, Timestamp.from(now)).setParameter(3, id).executeUpdate();
        }
        em.createNativeQuery("update app_user set last_login_at = ?1 where id = ?2")
                .setParameter(1, Timestamp.from(now)).setParameter(2, userId).executeUpdate();
        alarms.fire(new SignInAlarm("User", userId, "LOGIN_REMEMBERED", Map.of("device", row[5], "deviceId", id), null));
        if (next != null) {
            setCookie(request, response, next.cookieValue(), Duration.between(now, toInstant(row[3])).toSeconds());
        }
        // Else the same browser's other request got the new cookie moments ago: this one keeps what it has.
        return username;
    }

    /** Sign-out on this device: forgets it (when the cookie is the signed-in user's) and clears the cookie. */
    @Transactional
    public void forgetThisDevice(String username, HttpServletRequest request, HttpServletResponse response) {
        RememberMeToken.parse(cookie(request)).ifPresent(t -> em.createNativeQuery(
                        "delete from remembered_device where selector = ?1 and user_id = (select id from app_user where username = ?2)")
                .setParameter(1, t.selector()).setParameter(2, username).executeUpdate());
        if (cookie(request) != null) {
            clearCookie(request, response);
        }
    }

    /** A user's remembered devices, newest use first; {@code currentCookie} marks the asking device. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Device> list(long userId, String currentCookie) {
        String current = RememberMeToken.parse(currentCookie).map(RememberMeToken::selector).orElse("");
        List<?> rows = em.createNativeQuery("""
                        select id, device, created_at, last_used_at, expires_at, selector from remembered_device
                        where user_id = ?1 and expires_at > ?2 order by last_used_at desc, id desc""")
                .setParameter(1, userId).setParameter(2, Timestamp.from(clock.instant())).getResultList();
        return rows.stream().map(o -> (Object[]) o).map(r -> new Device(((Number) r[0]).longValue(), (String) r[1],
                toInstant(r[2]), toInstant(r[3]), toInstant(r[4]), current.equals(((String) r[5]).strip()))).toList();
    }

    /** Forgets one of a user's devices; false when it is not theirs (or already gone). */
    @Transactional
    public boolean revoke(long userId, long deviceId) {
        return em.createNativeQuery("delete from remembered_device where id = ?1 and user_id = ?2")
                .setParameter(1, deviceId).setParameter(2, userId).executeUpdate() > 0;
    }

    /** Forgets all of a user's devices (password changed or reset, account disabled, "revoke all"); how many. */
    @Transactional
    public int revokeAll(long userId) {
        return em.createNativeQuery("delete from remembered_device where user_id = ?1").setParameter(1, userId).executeUpdate();
    }

    public static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** Written as a header: Payara 6 drops a Cookie's SameSite attribute (see glassfish-web.xml). */
    private void setCookie(HttpServletRequest request, HttpServletResponse response, String value, long maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + Math.max(0, maxAge)
                + "; HttpOnly; SameSite=Lax" + (secureCookie ? "; Secure" : ""));
    }

    private void clearCookie(HttpServletRequest request, HttpServletResponse response) {
        setCookie(request, response, "", 0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
