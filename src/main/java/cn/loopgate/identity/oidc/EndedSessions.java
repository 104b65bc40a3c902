package cn.loopgate.identity.oidc;

import cn.loopgate.identity.SignInAlarm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider sessions that ended by a back-channel logout (Keycloak signed the user out, an operator disabled
 * them or revoked their sessions). The logout reaches one node; the database tells every node. A signed-in
 * identity is checked on each request, from a per-node memo of {@code loopgate.identity.caller-cache-seconds}
 * (the same bound as a disabled built-in user), so other nodes end the session within those seconds and the
 * node that received the logout at once.
 */
@ApplicationScoped
public class EndedSessions {

    /** Longer than any provider session (Keycloak's SSO session maximum is 10 h by default). */
    static final Duration KEEP = Duration.ofDays(2);
    private static final int MAX_MEMO = 100_000;

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    jakarta.enterprise.event.Event<SignInAlarm> alarms;
    @Inject
    @ConfigProperty(name = "loopgate.identity.caller-cache-seconds", defaultValue = "10")
    int memoSeconds;

    private record Checked(boolean ended, long until) {
    }

    private final Map<String, Checked> memo = new ConcurrentHashMap<>();

    /** Records a verified logout: its provider session, or (no {@code sid}) every session of its subject issued before it. */
    @Transactional
    public void record(OidcClient.Logout logout) {
        Instant now = clock.instant();
        em.createNativeQuery("delete from oidc_ended_session where ended_at < ?1")
                .setParameter(1, Timestamp.from(now.minus(KEEP))).executeUpdate();
        em.createNativeQuery("insert into oidc_ended_session (session_id, subject, ended_at) values (?1, ?2, ?3)")
                .setParameter(1, logout.sessionId()).setParameter(2, logout.subject())
                .setParameter(3, Timestamp.from(logout.sessionId() != null ? now : max(now, logout.issuedAt())))
                .executeUpdate();
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        if (logout.subject() != null) {
            after.put("subject", logout.subject());
        }
        if (logout.sessionId() != null) {
            after.put("session", logout.sessionId());
        }
        // Audited in this transaction (the kernel knows no audit package: account.SignInAudit observes the alarm).
        alarms.fire(new SignInAlarm("User", null, "SIGNED_OUT_BY_PROVIDER", after, "back-channel logout from the identity provider"));
        // Logouts are rare: forget every memo of "not ended" on this node (a subject-wide logout also ends sessions
        // remembered under their sid), and remember the ended session at once.
        memo.clear();
        if (logout.sessionId() != null) {
            memo.put("sid:" + logout.sessionId(), new Checked(true, Long.MAX_VALUE));
        }
    }

    /** True when the provider ended the session this identity was issued in. */
    public boolean ended(OidcIdentity identity) {
        String key = identity.sessionId() != null ? "sid:" + identity.sessionId()
                : "sub:" + identity.subject() + "|" + identity.issuedAt();
        long now = System.nanoTime();
        Checked c = memo.get(key);
        if (c != null && now - c.until() < 0) {
            return c.ended();
        }
        boolean ended = !em.createNativeQuery("""
                        select 1 from oidc_ended_session
                        where (session_id is not null and session_id = ?1)
                           or (session_id is null and subject = ?2 and ended_at >= ?3)
                        limit 1""")
                .setParameter(1, identity.sessionId() == null ? "" : identity.sessionId())
                .setParameter(2, identity.subject() == null ? "" : identity.subject())
                .setParameter(3, Timestamp.from(identity.issuedAt() == null ? Instant.EPOCH : identity.issuedAt()))
                .getResultList().isEmpty();
        if (memo.size() >= MAX_MEMO) {
            memo.clear();
        }
        memo.put(key, new Checked(ended, ended ? Long.MAX_VALUE : now + Duration.ofSeconds(Math.max(memoSeconds, 0)).toNanos()));
        return ended;
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
