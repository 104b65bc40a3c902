package cn.loopgate.audit;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records and reads the audit trail. {@link #record} joins the caller's transaction (MANDATORY), so a
 * change and its audit entry commit together or not at all. Snapshots are small maps the services
 * choose; personal data in them is masked.
 */
@ApplicationScoped
public class AuditService {

    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    Clock clock;

    /** What changed: the object, and where it belongs (for scoping who may read the entry). */
    public record Subject(String type, Long id, Long firmId, Long parkId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Subject subject, String action, Map<String, ?> before, Map<String, ?> after, String reason) {
        recordAs(access.caller(), subject, action, before, after, reason);
    }

    /**
     * The same, for an actor that is not this request's caller: work done off a request (an API credential's first
     * use is recorded by a background task, in the credential's name).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(Caller c, Subject subject, String action, Map<String, ?> before, Map<String, ?> after, String reason) {
        em.persist(new AuditEntry(clock.instant(), c.username(), c.role() == null ? null : c.role().name(),
                subject.type(), subject.id(), subject.firmId(), subject.parkId(), action,
                before == null ? null : JSON.toJson(before), after == null ? null : JSON.toJson(after),
                reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000)));
    }

    /** Filters of the audit page; null means any. */
    public record Filter(String actor, String objectType, Long objectId, String action, Instant from, Instant to, Long firmId) {
        public Filter(String actor, String objectType, Long objectId, String action, Instant from, Instant to) {
            this(actor, objectType, objectId, action, from, to, null);
        }
    }

    /** An entry with the names a person reads in place of the actor's username and the firm's id. */
    public record Named(AuditEntry entry, String actorName, String firmName) {
    }

    /** The audit page: one page of entries and, in the same transaction, the names of their actors and firms. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Named> searchNamed(Filter f, int offset, int limit) {
        Page<AuditEntry> page = search(f, offset, limit);
        Map<String, String> actors = new java.util.HashMap<>();
        Map<Long, String> firms = new java.util.HashMap<>();
        List<String> usernames = page.items().stream().map(AuditEntry::getActor).distinct().toList();
        List<Long> firmIds = page.items().stream().map(AuditEntry::getFirmId).filter(java.util.Objects::nonNull).distinct().toList();
        if (!usernames.isEmpty()) {
            em.createQuery("select u.username, u.displayName from UserAccount u where u.username in :names", Object[].class)
                    .setParameter("names", usernames).getResultList()
                    .forEach(r -> actors.put((String) r[0], (String) r[1]));
        }
        if (!firmIds.isEmpty()) {
            em.createQuery("select f.id, f.name from Firm f where f.id in :ids", Object[].class)
                    .setParameter("ids", firmIds).getResultList()
                    .forEach(r -> firms.put((Long) r[0], (String) r[1]));
        }
        return page.map(e -> new Named(e, actors.getOrDefault(e.getActor(), e.getActor()),
                e.getFirmId() == null ? null : firms.get(e.getFirmId())));
    }

    /** Firms for the audit page's firm filter (administrators and analysts see all). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, String> firmNames() {
        access.require(Role.ADMIN, Role.ANALYST);
        Map<Long, String> names = new LinkedHashMap<>();
        em.createQuery("select f.id, f.name from Firm f order by f.name", Object[].class).setMaxResults(2000).getResultList()
                .forEach(r -> names.put((Long) r[0], (String) r[1]));
        return names;
    }

    /** The whole trail, for administrators and bureau analysts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> search(Filter f, int offset, int limit) {
        access.require(Role.ADMIN, Role.ANALYST);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.actor() != null && !f.actor().isBlank()) {
            where.append(" and a.actor = :actor");
            params.put("actor", f.actor().strip());
        }
        if (f.objectType() != null && !f.objectType().isBlank()) {
            where.append(" and a.objectType = :type");
            params.put("type", f.objectType());
        }
        if (f.objectId() != null) {
            where.append(" and a.objectId = :oid");
            params.put("oid", f.objectId());
        }
        if (f.action() != null && !f.action().isBlank()) {
            where.append(" and a.action = :action");
            params.put("action", f.action());
        }
        if (f.firmId() != null) {
            where.append(" and a.firmId = :firm");
            params.put("firm", f.firmId());
        }
        if (f.from() != null) {
            where.append(" and a.at >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and a.at < :to");
            params.put("to", f.to());
        }
        TypedQuery<AuditEntry> q = em.createQuery("select a from AuditEntry a" + where + " order by a.at desc, a.id desc", AuditEntry.class);
        TypedQuery<Long> count = em.createQuery("select count(a) from AuditEntry a" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page<>(q.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult(), offset, limit);
    }

    /**
     * One object's history, shown on its own page: visible to whoever may read the firm it belongs
     * to; entries about master data without a firm only to administrators and analysts.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> historyOf(String type, long id) {
        FirmScope scope = access.firmScope();
        List<AuditEntry> entries = em.createQuery(
                        "select a from AuditEntry a where a.objectType = :type and a.objectId = :id order by a.at, a.id", AuditEntry.class)
                .setParameter("type", type).setParameter("id", id)
                .setMaxResults(1000)
                .getResultList();
        boolean all = scope.kind() == FirmScope.Kind.ALL;
        return entries.stream()
                .filter(e -> all || e.getFirmId() != null && e.getParkId() != null && scope.includes(e.getFirmId(), e.getParkId()))
                .toList();
    }
}
