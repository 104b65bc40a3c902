package cn.loopgate.park;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gates of each park and the guards bound to them. Administrators and the park's liaison officers
 * register gates, rename or deactivate them, bind guards and set the park's gate policy; analysts read
 * them all, liaison officers their parks', a gate guard their own active gates (to pick one at the scanner).
 */
@ApplicationScoped
@Transactional
public class GateRegistry {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** A gate guard who may be bound to gates (for the binding form). */
    public record GuardOption(long id, String username, String displayName) {
    }

    /** The gates the caller may see, optionally of one park, by park and name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Gate> gates(Long parkId) {
        Caller c = access.require(Role.ADMIN, Role.ANALYST, Role.LIAISON, Role.GUARD);
        StringBuilder q = new StringBuilder("select g from Gate g join fetch g.park p where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (parkId != null) {
            q.append(" and p.id = :park");
            params.put("park", parkId);
        }
        if (c.is(Role.LIAISON)) {
            if (c.parkIds().isEmpty()) {
                return List.of();
            }
            q.append(" and p.id in :mine");
            params.put("mine", c.parkIds());
        } else if (c.is(Role.GUARD)) {
            q.append(" and g.active = true and :me member of g.guardIds");
            params.put("me", c.userId() == null ? -1L : c.userId());
        }
        q.append(" order by p.code, g.name");
        var query = em.createQuery(q.toString(), Gate.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    /** One gate; 404 when it is not among {@link #gates} of the caller. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Gate gate(long id) {
        Caller c = access.require(Role.ADMIN, Role.ANALYST, Role.LIAISON, Role.GUARD);
        Gate g = em.find(Gate.class, id);
        if (g == null || (c.is(Role.LIAISON) && !c.parkIds().contains(g.getPark().getId()))
                || (c.is(Role.GUARD) && (!g.isActive() || !g.getGuardIds().contains(c.userId())))) {
            throw DomainException.notFound();
        }
        return g;
    }

    public Gate register(GateData data) {
        GateData d = data == null ? new GateData(null, null, null, null) : data.normalized();
        Park park = d.parkId() == null ? null : em.find(Park.class, d.parkId());
        if (park != null) {
            access.checkParkSteward(park.getId());
        } else {
            access.require(Role.ADMIN, Role.LIAISON);
        }
        List<FieldError> errors = new ArrayList<>();
        if (d.parkId() != null && park == null) {
            errors.add(new FieldError("parkId", "validation.unknownPark"));
        }
        if (park != null && d.name() != null && nameTaken(park.getId(), d.name(), null)) {
            errors.add(new FieldError("name", "gate.nameTaken"));
        }
        Set<Long> guards = guardIds(d.guards(), errors);
        validation.check(d, errors);
        Gate g = new Gate(park, d.name(), clock.instant());
        g.update(d.name(), d.active() == null || d.active());
        g.bindGuards(guards == null ? Set.of() : guards);
        em.persist(g);
        em.flush();
        audit.record(subject(g), "CREATE", null, snapshot(g), null);
        return g;
    }

    /** Renames, (de)activates and rebinds a gate; its park never changes (the scan log counts on it). */
    public Gate update(long id, GateData data) {
        Gate g = em.find(Gate.class, id);
        if (g == null) {
            throw DomainException.notFound();
        }
        access.checkParkSteward(g.getPark().getId());
        GateData d = data == null ? new GateData(null, null, null, null) : data.normalized();
        d = new GateData(g.getPark().getId(), d.name(), d.active(), d.guards());
        List<FieldError> errors = new ArrayList<>();
        if (d.name() != null && nameTaken(g.getPark().getId(), d.name(), g.getId())) {
            errors.add(new FieldError("name", "gate.nameTaken"));
        }
        Set<Long> guards = guardIds(d.guards(), errors);
        validation.check(d, errors);
        Map<String, Object> before = snapshot(g);
        g.update(d.name(), d.active() == null ? g.isActive() : d.active());
        if (guards != null) {
            g.bindGuards(guards);
        }
        audit.record(subject(g), "UPDATE", before, snapshot(g), null);
        return g;
    }

    /** The park's gate policy: whether its gates admit permits of other parks. */
    public Park admitOtherParks(long parkId, Boolean admits) {
        Park p = em.find(Park.class, parkId);
        if (p == null) {
            throw DomainException.notFound();
        }
        access.checkParkSteward(parkId);
        if (admits == null) {
            throw DomainException.invalid("admitsOtherParks", "validation.required");
        }
        boolean before = p.isAdmitsOtherParks();
        p.admitOtherParks(admits);
        audit.record(new Subject("Park", parkId, null, parkId), "GATE_POLICY", Map.of("admitsOtherParks", before),
                Map.of("admitsOtherParks", admits), null);
        return p;
    }

    /** Every enabled gate guard, for binding (administrators and liaison officers). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GuardOption> guardOptions() {
        access.require(Role.ADMIN, Role.LIAISON);
        return em.createQuery("select u from UserAccount u where u.role = :role and u.enabled = true order by u.username",
                        UserAccount.class).setParameter("role", Role.GUARD).getResultList().stream()
                .map(u -> new GuardOption(u.getId(), u.getUsername(), u.getDisplayName())).toList();
    }

    /** The usernames of the guards bound to a gate, sorted; only for those who manage the binding. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> guardNames(Gate g) {
        if (g.getGuardIds().isEmpty() || !access.caller().isAnyOf(Role.ADMIN, Role.LIAISON)) {
            return List.of();
        }
        return new ArrayList<>(new TreeSet<>(em.createQuery("select u.username from UserAccount u where u.id in :ids", String.class)
                .setParameter("ids", g.getGuardIds()).getResultList()));
    }

    /** The named users as guard ids; a name that is no enabled gate guard is a field error. Null: unchanged. */
    private Set<Long> guardIds(List<String> usernames, List<FieldError> errors) {
        if (usernames == null) {
            return null;
        }
        Set<Long> ids = new HashSet<>();
        for (String name : usernames) {
            List<UserAccount> found = em.createNamedQuery("UserAccount.byUsername", UserAccount.class)
                    .setParameter("username", name).getResultList();
            if (found.isEmpty() || found.get(0).getRole() != Role.GUARD || !found.get(0).isEnabled()) {
                errors.add(new FieldError("guards", "gate.notAGuard", name.length() > 64 ? name.substring(0, 64) : name));
            } else {
                ids.add(found.get(0).getId());
            }
        }
        return ids;
    }

    private boolean nameTaken(long parkId, String name, Long except) {
        return em.createQuery("select g.id from Gate g where g.park.id = :park and g.name = :name", Long.class)
                .setParameter("park", parkId).setParameter("name", name).getResultList().stream()
                .anyMatch(id -> !id.equals(except));
    }

    private static Subject subject(Gate g) {
        return new Subject("Gate", g.getId(), null, g.getPark().getId());
    }

    private static Map<String, Object> snapshot(Gate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("park", g.getPark().getCode());
        m.put("name", g.getName());
        m.put("active", g.isActive());
        m.put("guards", new TreeSet<>(g.getGuardIds()));
        return m;
    }
}
