package cn.loopgate.account;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.Passwords;
import cn.loopgate.identity.RememberedDevices;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.notification.DirectMessages;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Masking;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manager accounts by invitation, and passwords: an administrator or the park's liaison invites a firm's
 * manager, who sets their password through a one-time activation link (mail and/or SMS); liaisons (their
 * parks' managers) and administrators reset a password (the old one stops working, a new link goes out)
 * and disable accounts; everyone signed in with the built-in login changes their own password; "forgot my
 * password" answers the same whether or not the account exists. With Keycloak, passwords are Keycloak's:
 * the password operations here answer 404 (docs/security.md).
 */
@ApplicationScoped
@Transactional
public class AccountService {

    public static final Duration ACTIVATION_VALIDITY = Duration.ofDays(7);
    public static final Duration RESET_VALIDITY = Duration.ofHours(2);
    /** A self-service reset link is not sent again within this time (no mail/SMS flooding of a person). */
    static final Duration RESET_REQUEST_INTERVAL = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    UserDirectory directory;
    @Inject
    Passwords passwords;
    @Inject
    RememberedDevices devices;
    @Inject
    DirectMessages messages;
    @Inject
    OidcSettings oidc;
    @Inject
    Clock clock;

    /**
     * Where a link went. {@code link} is set only when no channel could carry it (no mail server, no SMS
     * gateway, or neither address known): the inviter then hands it over in person; it is shown once.
     */
    public record Delivery(long userId, String username, List<String> channels, String link) implements java.io.Serializable {
    }

    /** A firm's manager accounts; phones masked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> managers(long firmId) {
        Firm f = firm(firmId);
        access.checkManagerAccounts(f.getId(), f.getPark().getId());
        return em.createQuery("select u from UserAccount u where u.firmId = :firm and u.role = :role order by u.username",
                UserAccount.class).setParameter("firm", firmId).setParameter("role", Role.FIRM_MANAGER).getResultList();
    }

    public Delivery invite(long firmId, InviteData data) {
        Firm f = firm(firmId);
        access.checkManagerAccounts(f.getId(), f.getPark().getId());
        InviteData d = (data == null ? new InviteData(null, null, null, null) : data).normalized();
        List<FieldError> errors = new ArrayList<>();
        if (d.username() != null && directory.find(d.username()).isPresent()) {
            errors.add(new FieldError("username", "validation.duplicateUsername"));
        }
        if (d.email() == null && d.phone() == null) {
            errors.add(new FieldError("email", "validation.emailOrPhone"));
        }
        validation.check(d, errors);
        UserAccount u = new UserAccount(d.username(), d.displayName(), Role.FIRM_MANAGER, clock.instant());
        u.bind(Role.FIRM_MANAGER, f.getId(), Set.of());
        u.describe(d.displayName(), d.email(), true);
        u.setPhone(d.phone());
        em.persist(u);
        em.flush();
        audit.record(subject(u, f), "INVITE", null, snapshot(u), null);
        return issue(u, "ACTIVATE");
    }

    /**
     * The manager account of a firm that registered itself, made when its park confirms the registration
     * (registration.RegistrationService): the password the applicant chose (its hash, checked by
     * {@link PasswordRules} when they registered), enabled at once, no link needed. Audited as {@code REGISTER}.
     */
    public UserAccount createRegistered(long firmId, String username, String displayName, String email, String phone, String passwordHash) {
        Firm f = firm(firmId);
        access.checkManagerAccounts(f.getId(), f.getPark().getId());
        if (oidc.enabled()) {
            throw DomainException.notFound();
        }
        if (username == null || passwordHash == null || directory.find(username).isPresent()) {
            throw DomainException.conflict("registration.usernameTaken");
        }
        UserAccount u = new UserAccount(username, displayName, Role.FIRM_MANAGER, clock.instant());
        u.bind(Role.FIRM_MANAGER, f.getId(), Set.of());
        u.describe(displayName, email, true);
        u.setPhone(phone);
        u.setPasswordHash(passwordHash);
        em.persist(u);
        em.flush();
        directory.forget(username);
        audit.record(subject(u, f), "REGISTER", null, snapshot(u), null);
        return u;
    }

    /** A new link for a user; their password stops working at once (a reset is often for a leaked one). */
    public Delivery reset(long userId) {
        UserAccount u = manageable(userId);
        u.setPasswordHash(null);
        devices.revokeAll(u.getId());
        directory.forget(u.getUsername());
        audit.record(subject(u, null), "RESET", null, null, null);
        return issue(u, "RESET");
    }

    public UserAccount setEnabled(long userId, boolean enabled) {
        UserAccount u = manageable(userId);
        if (u.isEnabled() != enabled) {
            Map<String, Object> before = snapshot(u);
            u.describe(u.getDisplayName(), u.getEmail(), enabled);
            if (!enabled) {
                devices.revokeAll(u.getId());
            }
            directory.forget(u.getUsername());
            audit.record(subject(u, null), enabled ? "ENABLE" : "DISABLE", before, snapshot(u), null);
        }
        return u;
    }

    /**
     * "Forgot my password": sends a reset link when the account exists, is enabled and has somewhere to send
     * it, at most once per {@link #RESET_REQUEST_INTERVAL}; the old password keeps working until the link is
     * used. Says nothing either way.
     */
    public void requestReset(ResetRequest request) {
        String username = request == null || request.username() == null ? "" : request.username().strip();
        if (oidc.enabled() || username.isEmpty() || username.length() > 64) {
            return;
        }
        UserAccount u = directory.find(username).orElse(null);
        if (u == null || !u.isEnabled() || (u.getEmail() == null && u.getPhone() == null)) {
            return;
        }
        Instant now = clock.instant();
        long recent = ((Number) em.createNativeQuery(
                        "select count(*) from activation_token where user_id = ?1 and purpose = 'RESET' and created_at > ?2")
                .setParameter(1, u.getId()).setParameter(2, Timestamp.from(now.minus(RESET_REQUEST_INTERVAL)))
                .getSingleResult()).longValue();
        if (recent > 0) {
            return;
        }
        audit.record(subject(u, null), "RESET_REQUEST", null, null, null);
        Delivery d = issue(u, "RESET");
        if (d.link() != null) {
            // No channel reached the person: nobody else may see a self-service link, so it is void at once.
            em.createNativeQuery("update activation_token set used_at = ?1 where user_id = ?2 and used_at is null")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, u.getId()).executeUpdate();
        }
    }

    /** Uses an activation or reset link: sets the password, voids the user's other links. Returns the username. */
    public String activate(Activation activation) {
        if (oidc.enabled()) {
            throw DomainException.notFound();
        }
        Instant now = clock.instant();
        String hash = OneTimeTokens.hash(activation == null ? null : activation.token());
        List<?> rows = hash == null ? List.of() : em.createNativeQuery("""
                        select user_id, purpose from activation_token
                        where token_hash = ?1 and used_at is null and expires_at > ?2 for update""")
                .setParameter(1, hash).setParameter(2, Timestamp.from(now)).getResultList();
        UserAccount u = rows.isEmpty() ? null : em.find(UserAccount.class, ((Number) ((Object[]) rows.get(0))[0]).longValue());
        if (u == null || !u.isEnabled()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "activation.invalid");
        }
        String purpose = (String) ((Object[]) rows.get(0))[1];
        validation.check(activation, PasswordRules.check("newPassword", activation.newPassword(), u.getUsername()));
        u.setPasswordHash(passwords.hashPassword(activation.newPassword()));
        em.createNativeQuery("update activation_token set used_at = ?1 where user_id = ?2 and used_at is null")
                .setParameter(1, Timestamp.from(now)).setParameter(2, u.getId()).executeUpdate();
        // A reset also lifts a lock-out: the person has just proved they hold the mailbox or the phone.
        em.createNativeQuery("update app_user set failed_attempts = 0, locked_until = null where id = ?1")
                .setParameter(1, u.getId()).executeUpdate();
        devices.revokeAll(u.getId());
        directory.forget(u.getUsername());
        audit.record(subject(u, null), "ACTIVATE".equals(purpose) ? "ACTIVATE" : "PASSWORD_RESET", null, null, null);
        return u.getUsername();
    }

    /** The signed-in user's own password (built-in login only). */
    public void changeOwnPassword(PasswordChange change) {
        Caller c = access.caller();
        if (c.role() == null) {
            throw DomainException.forbidden();
        }
        if (oidc.enabled()) {
            throw DomainException.notFound();
        }
        PasswordChange p = change == null ? new PasswordChange(null, null) : change;
        List<FieldError> errors = new ArrayList<>(PasswordRules.check("newPassword", p.newPassword(), c.username()));
        if (p.currentPassword() == null || p.currentPassword().length() > 200
                || passwords.verify(c.username(), p.currentPassword(), Passwords.passwordChangeSource(c.username())) != Passwords.Check.VALID) {
            errors.add(0, new FieldError("currentPassword", "password.currentWrong"));
        } else if (p.currentPassword().equals(p.newPassword())) {
            errors.add(new FieldError("newPassword", "password.unchanged"));
        }
        validation.check(p, errors);
        UserAccount u = directory.find(c.username()).orElseThrow(DomainException::notFound);
        u.setPasswordHash(passwords.hashPassword(p.newPassword()));
        // A changed password ends every remembered device, this one included (the person may be changing it
        // because a phone was lost).
        devices.revokeAll(u.getId());
        directory.forget(u.getUsername());
        audit.record(subject(u, null), "PASSWORD", null, null, null);
    }

    /** A user the caller may reset or disable: any for administrators, their parks' managers for liaisons. */
    private UserAccount manageable(long userId) {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        UserAccount u = em.find(UserAccount.class, userId);
        if (u == null) {
            throw DomainException.notFound();
        }
        if (c.is(Role.LIAISON)) {
            Firm f = u.getRole() == Role.FIRM_MANAGER && u.getFirmId() != null ? em.find(Firm.class, u.getFirmId()) : null;
            if (f == null) {
                throw DomainException.notFound();
            }
            access.checkManagerAccounts(f.getId(), f.getPark().getId());
        }
        if (u.getUsername().equals(c.username())) {
            throw DomainException.invalid("id", "account.notYourself");
        }
        return u;
    }

    private Delivery issue(UserAccount u, String purpose) {
        if (oidc.enabled()) {
            throw DomainException.notFound();
        }
        Instant now = clock.instant();
        em.createNativeQuery("update activation_token set used_at = ?1 where user_id = ?2 and used_at is null")
                .setParameter(1, Timestamp.from(now)).setParameter(2, u.getId()).executeUpdate();
        String token = OneTimeTokens.newToken();
        Duration validity = "ACTIVATE".equals(purpose) ? ACTIVATION_VALIDITY : RESET_VALIDITY;
        em.createNativeQuery("""
                        insert into activation_token (token_hash, user_id, purpose, created_at, expires_at, created_by)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, OneTimeTokens.hash(token)).setParameter(2, u.getId()).setParameter(3, purpose)
                .setParameter(4, Timestamp.from(now)).setParameter(5, Timestamp.from(now.plus(validity)))
                .setParameter(6, access.caller().username()).executeUpdate();
        String link = "/activate.xhtml?token=" + token;
        long hours = validity.toHours();
        List<String> channels = messages.send(u.getEmail(), u.getPhone(),
                "ACTIVATE".equals(purpose) ? "mail.activation" : "mail.reset", link, u.getDisplayName(), u.getUsername(), hours);
        return new Delivery(u.getId(), u.getUsername(), channels, channels.isEmpty() ? link : null);
    }

    private Firm firm(long firmId) {
        Firm f = em.find(Firm.class, firmId);
        if (f == null) {
            throw DomainException.notFound();
        }
        return f;
    }

    private Subject subject(UserAccount u, Firm f) {
        Long parkId = f != null ? f.getPark().getId() : null;
        if (f == null && u.getFirmId() != null) {
            Firm own = em.find(Firm.class, u.getFirmId());
            parkId = own == null ? null : own.getPark().getId();
        }
        return new Subject("User", u.getId(), u.getFirmId(), parkId);
    }

    static Map<String, Object> snapshot(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.getUsername());
        m.put("displayName", u.getDisplayName());
        m.put("role", u.getRole().name());
        m.put("firmId", u.getFirmId());
        m.put("phone", u.getPhone() == null ? null : Masking.phone(u.getPhone()));
        m.put("enabled", u.isEnabled());
        return m;
    }
}
