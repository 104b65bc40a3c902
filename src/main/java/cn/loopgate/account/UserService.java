package cn.loopgate.account;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.Passwords;
import cn.loopgate.identity.RememberedDevices;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import cn.loopgate.shared.persistence.Page;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Users and role bindings, managed by administrators. */
@ApplicationScoped
@Transactional
public class UserService {

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
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> list() {
        access.requireAdmin();
        return em.createQuery("select u from UserAccount u order by u.role, u.username", UserAccount.class).getResultList();
    }

    /** Filters of the users page; null or blank means any. {@code text} matches username or name. */
    public record Filter(String text, Role role) {
    }

    /** One page of users, for the lazy table of 25,000 (admin/users.xhtml); indexed by username. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserAccount> search(Filter filter, int offset, int limit) {
        access.requireAdmin();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.text() != null && !filter.text().isBlank()) {
            String t = filter.text().strip().toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "");
            where.append(" and (lower(u.username) like :prefix or lower(u.displayName) like :text)");
            params.put("prefix", t + "%");
            params.put("text", "%" + t + "%");
        }
        if (filter.role() != null) {
            where.append(" and u.role = :role");
            params.put("role", filter.role());
        }
        TypedQuery<UserAccount> q = em.createQuery("select u from UserAccount u" + where + " order by u.role, u.username", UserAccount.class);
        TypedQuery<Long> count = em.createQuery("select count(u) from UserAccount u" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page<>(q.setFirstResult(offset).setMaxResults(Math.min(limit, Page.MAX_LIMIT)).getResultList(),
                count.getSingleResult(), offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserAccount get(long id) {
        access.requireAdmin();
        UserAccount u = em.find(UserAccount.class, id);
        if (u == null) {
            throw DomainException.notFound();
        }
        return u;
    }

    public UserAccount create(UserData data) {
        access.requireAdmin();
        UserData d = data.normalized();
        List<FieldError> errors = checkBinding(d);
        if (d.password() != null) {
            errors.addAll(PasswordRules.check("password", d.password(), d.username()));
        }
        if (d.username() != null && directory.find(d.username()).isPresent()) {
            errors.add(new FieldError("username", "validation.duplicateUsername"));
        }
        validation.check(d, errors);
        UserAccount u = new UserAccount(d.username(), d.displayName(), d.role(), clock.instant());
        apply(u, d);
        em.persist(u);
        em.flush();
        audit.record(subject(u), "CREATE", null, snapshot(u), null);
        return u;
    }

    public UserAccount update(long id, UserData data) {
        UserAccount u = get(id);
        UserData d = new UserData(u.getUsername(), data.displayName(), data.role(), data.firmId(), data.parkIds(),
                data.email(), data.enabled(), data.password()).normalized();
        List<FieldError> errors = checkBinding(d);
        if (d.password() != null) {
            errors.addAll(PasswordRules.check("password", d.password(), d.username()));
        }
        validation.check(d, errors);
        Map<String, Object> before = snapshot(u);
        apply(u, d);
        if (!d.enabled() || d.password() != null) {
            devices.revokeAll(u.getId());
        }
        directory.forget(u.getUsername());
        audit.record(subject(u), "UPDATE", before, snapshot(u), null);
        return u;
    }

    private void apply(UserAccount u, UserData d) {
        u.describe(d.displayName(), d.email(), d.enabled());
        u.bind(d.role(), d.firmId(), d.parkIds());
        if (d.password() != null) {
            u.setPasswordHash(passwords.hashPassword(d.password()));
        }
    }

    private List<FieldError> checkBinding(UserData d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.role() == Role.FIRM_MANAGER && (d.firmId() == null || em.find(cn.loopgate.firm.Firm.class, d.firmId()) == null)) {
            errors.add(new FieldError("firmId", "validation.managerNeedsFirm"));
        }
        if (d.role() == Role.LIAISON) {
            // No parks: a firm-bound liaison officer (一企一专员), who sees exactly the firms assigned to them (issue 18).
            if (d.parkIds().stream().anyMatch(p -> p == null || em.find(cn.loopgate.park.Park.class, p) == null)) {
                errors.add(new FieldError("parkIds", "validation.unknownPark"));
            }
        }
        return errors;
    }

    private static Subject subject(UserAccount u) {
        return new Subject("User", u.getId(), u.getFirmId(), null);
    }

    private static Map<String, Object> snapshot(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.getUsername());
        m.put("displayName", u.getDisplayName());
        m.put("role", u.getRole().name());
        m.put("firmId", u.getFirmId());
        m.put("parkIds", new TreeSet<>(u.getParkIds()));
        m.put("enabled", u.isEnabled());
        return m;
    }
}
