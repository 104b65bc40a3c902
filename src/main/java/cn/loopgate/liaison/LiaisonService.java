package cn.loopgate.liaison;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is each firm's liaison officer (一企一专员). Assigning is for administrators, and for park-wide liaison officers
 * within their own parks; firm-bound officers and everyone else are refused. The officer receiving a firm must be an
 * enabled liaison officer who can see it: firm-bound (any park) or park-wide in the firm's park.
 */
@ApplicationScoped
@Transactional
public class LiaisonService {

    /** Firms one request may assign: a page of a park's list or an import's worth, not the city at once. */
    public static final int MAX_FIRMS = 5000;

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    UserDirectory directory;
    @Inject
    Clock clock;

    /**
     * Gives the firms to the officer ({@code liaisonUserId}), or takes their officer away (null): one audit entry per
     * firm that changed, with the officer before and after. All or nothing: one refused firm refuses the request.
     */
    public Assigned assign(AssignmentData data) {
        Caller c = assigner();
        List<Long> ids = data == null || data.firmIds() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(data.firmIds().stream().filter(java.util.Objects::nonNull).toList()));
        List<Firm> firms = List.of();
        if (!ids.isEmpty() && ids.size() <= MAX_FIRMS) {
            // Access first: a firm outside the caller's scope answers 404 whatever else is wrong with the request.
            firms = em.createQuery("select f from Firm f join fetch f.park where f.id in :ids", Firm.class)
                    .setParameter("ids", ids).getResultList();
            if (firms.size() != ids.size()) {
                throw DomainException.notFound();
            }
            for (Firm f : firms) {
                access.checkLiaisonAssignment(f.getId(), f.getPark().getId());
            }
        }
        List<FieldError> errors = new ArrayList<>();
        if (ids.isEmpty()) {
            errors.add(new FieldError("firmIds", "liaison.noFirms"));
        } else if (ids.size() > MAX_FIRMS) {
            errors.add(new FieldError("firmIds", "liaison.tooManyFirms", MAX_FIRMS));
        }
        UserAccount to = null;
        if (data != null && data.liaisonUserId() != null) {
            to = em.find(UserAccount.class, data.liaisonUserId());
            if (to == null || to.getRole() != Role.LIAISON || !to.isEnabled()) {
                errors.add(new FieldError("liaisonUserId", "liaison.notALiaison"));
                to = null;
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (to != null && !to.getParkIds().isEmpty()) {
            for (Firm f : firms) {
                if (!to.getParkIds().contains(f.getPark().getId())) {
                    throw DomainException.invalid("liaisonUserId", "liaison.outsideParks", f.getName());
                }
            }
        }
        Map<Long, FirmLiaison> current = new HashMap<>();
        em.createQuery("select l from FirmLiaison l where l.firmId in :ids", FirmLiaison.class).setParameter("ids", ids)
                .getResultList().forEach(l -> current.put(l.getFirmId(), l));
        Map<Long, String> names = usernames(current.values().stream().map(FirmLiaison::getUserId).toList());
        Instant now = clock.instant();
        Set<String> touched = new TreeSet<>();
        int changed = 0;
        for (Firm f : firms) {
            FirmLiaison before = current.get(f.getId());
            Long from = before == null ? null : before.getUserId();
            Long target = to == null ? null : to.getId();
            if (java.util.Objects.equals(from, target)) {
                continue;
            }
            if (target == null) {
                em.remove(before);
            } else if (before == null) {
                em.persist(new FirmLiaison(f.getId(), target, now, c.username()));
            } else {
                before.reassign(target, now, c.username());
            }
            String fromName = from == null ? null : names.get(from);
            if (fromName != null) {
                touched.add(fromName);
            }
            if (to != null) {
                touched.add(to.getUsername());
            }
            Map<String, Object> was = new LinkedHashMap<>();
            was.put("liaison", fromName);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("liaison", to == null ? null : to.getUsername());
            audit.record(new Subject("Firm", f.getId(), f.getId(), f.getPark().getId()), "ASSIGN_LIAISON", was, after, null);
            changed++;
        }
        em.flush();
        // A firm-bound officer's scope is their firms: the cached caller of everyone concerned is read again.
        touched.forEach(directory::forget);
        return new Assigned(changed, firms.size() - changed);
    }

    /** One firm's officer (null: none), as {@code PUT /firms/{id}/liaison} sets it. */
    public AssignedFirm assignOne(long firmId, Long liaisonUserId) {
        assign(new AssignmentData(List.of(firmId), liaisonUserId));
        return firm(firmId);
    }

    /** One firm with its officer: whoever may read the firm. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AssignedFirm firm(long firmId) {
        Firm f = em.find(Firm.class, firmId);
        if (f == null) {
            throw DomainException.notFound();
        }
        access.checkRead(f.getId(), f.getPark().getId());
        return rows(List.of(f)).get(0);
    }

    /**
     * The firms an officer is named for: administrators for anyone, a liaison officer for themself; a park-wide
     * officer reading another officer sees only the firms of their own parks. Others: 403.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignedFirm> firmsOf(long userId) {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        if (c.is(Role.LIAISON) && !java.util.Objects.equals(c.userId(), userId) && c.isFirmBoundLiaison()) {
            throw DomainException.forbidden();
        }
        UserAccount u = em.find(UserAccount.class, userId);
        if (u == null) {
            throw DomainException.notFound();
        }
        FirmScope scope = access.firmScope();
        TypedQuery<Firm> q = em.createQuery("select f from Firm f join fetch f.park, FirmLiaison l where l.firmId = f.id"
                + " and l.userId = :u and " + scope.where("f.id", "f.park.id") + " order by f.name, f.id", Firm.class);
        return rows(scope.bind(q).setParameter("u", userId).setMaxResults(MAX_FIRMS).getResultList());
    }

    /** The liaison list of the assignment page: firms in the caller's assigning scope, filtered, a page at a time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AssignedFirm> firms(Long parkId, String text, Long liaisonUserId, boolean unassignedOnly, int offset, int limit) {
        assigner();
        FirmScope scope = access.firmScope();
        StringBuilder where = new StringBuilder(" where ").append(scope.where("f.id", "f.park.id"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (parkId != null) {
            where.append(" and f.park.id = :park");
            params.put("park", parkId);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(f.name) like :text or f.creditCode like :code)");
            String t = text.strip().toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "");
            params.put("text", "%" + t + "%");
            params.put("code", t.toUpperCase(Locale.ROOT) + "%");
        }
        if (liaisonUserId != null) {
            where.append(" and exists (select l from FirmLiaison l where l.firmId = f.id and l.userId = :liaison)");
            params.put("liaison", liaisonUserId);
        } else if (unassignedOnly) {
            where.append(" and not exists (select l from FirmLiaison l where l.firmId = f.id)");
        }
        TypedQuery<Firm> q = em.createQuery("select f from Firm f join fetch f.park" + where + " order by f.name, f.id", Firm.class);
        TypedQuery<Long> count = em.createQuery("select count(f) from Firm f" + where, Long.class);
        scope.bind(q);
        scope.bind(count);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Firm> page = q.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(rows(page), count.getSingleResult(), offset, limit);
    }

    /**
     * The liaison officers the caller may assign firms to: for an administrator all enabled ones; for a park-wide
     * officer the firm-bound ones and those of their own parks. Filtered by name or username, at most 50.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LiaisonOption> liaisons(String text) {
        Caller c = assigner();
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "");
        List<UserAccount> users = em.createQuery("select u from UserAccount u where u.role = :r and u.enabled = true"
                        + " and (lower(u.username) like :t or lower(u.displayName) like :t) order by u.username", UserAccount.class)
                .setParameter("r", Role.LIAISON).setParameter("t", "%" + t + "%").setMaxResults(200).getResultList().stream()
                .filter(u -> c.is(Role.ADMIN) || u.getParkIds().isEmpty() || u.getParkIds().stream().anyMatch(c.parkIds()::contains))
                .limit(50).toList();
        Map<Long, Long> counts = new HashMap<>();
        if (!users.isEmpty()) {
            em.createQuery("select l.userId, count(l) from FirmLiaison l where l.userId in :ids group by l.userId", Object[].class)
                    .setParameter("ids", users.stream().map(UserAccount::getId).toList()).getResultList()
                    .forEach(r -> counts.put((Long) r[0], (Long) r[1]));
        }
        return users.stream().map(u -> new LiaisonOption(u.getId(), u.getUsername(), u.getDisplayName(), u.getParkIds().isEmpty(),
                counts.getOrDefault(u.getId(), 0L))).toList();
    }

    /** One liaison officer as an option (the page's converter); null when not one the caller may pick. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LiaisonOption option(String username) {
        return liaisons(username).stream().filter(o -> o.username().equals(username)).findFirst().orElse(null);
    }

    private Caller assigner() {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        if (c.isFirmBoundLiaison()) {
            throw DomainException.forbidden();
        }
        return c;
    }

    private List<AssignedFirm> rows(List<Firm> firms) {
        if (firms.isEmpty()) {
            return List.of();
        }
        Map<Long, FirmLiaison> assigned = new HashMap<>();
        em.createQuery("select l from FirmLiaison l where l.firmId in :ids", FirmLiaison.class)
                .setParameter("ids", firms.stream().map(Firm::getId).toList()).getResultList()
                .forEach(l -> assigned.put(l.getFirmId(), l));
        Map<Long, UserAccount> users = new HashMap<>();
        List<Long> userIds = assigned.values().stream().map(FirmLiaison::getUserId).distinct().toList();
        if (!userIds.isEmpty()) {
            em.createQuery("select u from UserAccount u where u.id in :ids", UserAccount.class).setParameter("ids", userIds)
                    .getResultList().forEach(u -> users.put(u.getId(), u));
        }
        List<AssignedFirm> out = new ArrayList<>();
        for (Firm f : firms) {
            FirmLiaison l = assigned.get(f.getId());
            UserAccount u = l == null ? null : users.get(l.getUserId());
            out.add(new AssignedFirm(f.getId(), f.getName(), f.getCreditCode(), f.getPark().getId(), f.getPark().getName(),
                    u == null ? null : u.getId(), u == null ? null : u.getUsername(), u == null ? null : u.getDisplayName(),
                    l == null ? null : l.getAssignedAt()));
        }
        return out;
    }

    private Map<Long, String> usernames(List<Long> ids) {
        Map<Long, String> m = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select u.id, u.username from UserAccount u where u.id in :ids", Object[].class).setParameter("ids", ids)
                    .getResultList().forEach(r -> m.put((Long) r[0], (String) r[1]));
        }
        return m;
    }
}
