package cn.loopgate.account;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
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
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> list() {
        access.requireAdmin();
        return em.createQuery("select u from UserAccount u order by u.role, u.username", UserAccount.class).getResultList();
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
        validation.check(d, checkBinding(d));
        Map<String, Object> before = snapshot(u);
        apply(u, d);
        directory.forget(u.getUsername());
        audit.record(subject(u), "UPDATE", before, snapshot(u), null);
        return u;
    }

    private void apply(UserAccount u, UserData d) {
        u.describe(d.displayName(), d.email(), d.enabled());
        u.bind(d.role(), d.firmId(), d.parkIds());
        if (d.password() != null) {
            u.setPasswordHash(directory.hashPassword(d.password()));
        }
    }

    private List<FieldError> checkBinding(UserData d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.role() == Role.FIRM_MANAGER && (d.firmId() == null || em.find(cn.loopgate.firm.Firm.class, d.firmId()) == null)) {
            errors.add(new FieldError("firmId", "validation.managerNeedsFirm"));
        }
        if (d.role() == Role.LIAISON) {
            if (d.parkIds().isEmpty()) {
                errors.add(new FieldError("parkIds", "validation.liaisonNeedsParks"));
            } else if (d.parkIds().stream().anyMatch(p -> p == null || em.find(cn.loopgate.park.Park.class, p) == null)) {
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
