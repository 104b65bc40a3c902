package cn.loopgate.account;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.Passwords;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first administrator of a production start (empty database, no demo data, built-in login). A start
 * that finds no administrator issues a one-time set-up token, valid {@link #VALIDITY}, that
 * {@link FirstAdministratorStartup} prints once in the log; whoever holds it creates the first administrator
 * on /setup.xhtml or through {@code POST /api/v1/public/setup}. Once an administrator exists, set-up is
 * closed for good, whatever tokens remain. With Keycloak the realm carries the administrator, and no token
 * is issued.
 */
@ApplicationScoped
@Transactional
public class FirstAdministrator {

    public static final Duration VALIDITY = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;
    @Inject
    UserDirectory directory;
    @Inject
    Passwords passwords;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    OidcSettings oidc;
    @Inject
    Clock clock;

    /** Whether set-up is possible at all: built-in login and no administrator yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean open() {
        return !oidc.enabled() && !administratorExists();
    }

    /**
     * A new token when set-up is open, to be printed once; only its hash is stored. Tokens issued by earlier
     * starts stay valid until they expire, so nodes of a cluster starting together do not void each other's.
     */
    public Optional<String> issueToken() {
        if (!open()) {
            return Optional.empty();
        }
        String token = OneTimeTokens.newToken();
        Instant now = clock.instant();
        em.createNativeQuery("insert into setup_token (token_hash, created_at, expires_at) values (?1, ?2, ?3)")
                .setParameter(1, OneTimeTokens.hash(token)).setParameter(2, Timestamp.from(now))
                .setParameter(3, Timestamp.from(now.plus(VALIDITY))).executeUpdate();
        return Optional.of(token);
    }

    /** Creates the first administrator with a valid token; uses the token up. */
    public UserAccount create(SetupData data) {
        if (oidc.enabled()) {
            throw DomainException.notFound();
        }
        // One decision at a time, across nodes: two tabs or two people with two tokens cannot both succeed.
        em.createNativeQuery("lock table setup_token in exclusive mode").executeUpdate();
        if (administratorExists()) {
            throw DomainException.conflict("setup.closed");
        }
        SetupData d = (data == null ? new SetupData(null, null, null, null, null) : data).normalized();
        Instant now = clock.instant();
        String tokenHash = OneTimeTokens.hash(d.token());
        if (tokenHash == null || em.createNativeQuery(
                        "select 1 from setup_token where token_hash = ?1 and used_at is null and expires_at > ?2")
                .setParameter(1, tokenHash).setParameter(2, Timestamp.from(now)).getResultList().isEmpty()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "setup.tokenInvalid");
        }
        List<FieldError> errors = PasswordRules.check("newPassword", d.password(), d.username());
        if (d.username() != null && directory.find(d.username()).isPresent()) {
            errors.add(new FieldError("username", "validation.duplicateUsername"));
        }
        validation.check(d, errors);
        UserAccount u = new UserAccount(d.username(), d.displayName(), Role.ADMIN, now);
        u.describe(d.displayName(), d.email(), true);
        u.setPasswordHash(passwords.hashPassword(d.password()));
        em.persist(u);
        em.flush();
        em.createNativeQuery("update setup_token set used_at = ?1, used_by = ?2 where token_hash = ?3")
                .setParameter(1, Timestamp.from(now)).setParameter(2, u.getUsername()).setParameter(3, tokenHash)
                .executeUpdate();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("username", u.getUsername());
        after.put("displayName", u.getDisplayName());
        after.put("role", Role.ADMIN.name());
        audit.record(new Subject("User", u.getId(), null, null), "BOOTSTRAP", null, after, "setup token");
        directory.forget(u.getUsername());
        return u;
    }

    private boolean administratorExists() {
        return em.createQuery("select count(u) from UserAccount u where u.role = :role", Long.class)
                .setParameter("role", Role.ADMIN).getSingleResult() > 0;
    }
}
