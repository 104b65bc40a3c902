package cn.loopgate.whitelist;

import cn.loopgate.ops.BusinessMetrics;
import cn.loopgate.audit.AuditEntry;
import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import cn.loopgate.permit.ValidityWindow;
import cn.loopgate.roster.Worker;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whitelist cards: a firm's manager applies for a batch of workers; the park's liaison officer
 * approves all, some, or rejects with reasons; approved workers get cards (permits). Cards are revoked
 * by the liaison or the firm and reissued under a new number; expiry and suspension are computed at
 * reading time ({@link PermitService#stateAt}).
 */
@ApplicationScoped
@Transactional
public class CardService {

    static final int MAX_BATCH = 5000;
    static final int MAX_DAYS = 366;

    @PersistenceContext
    EntityManager em;
    @Inject
    BusinessMetrics metrics;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    PermitService permits;
    @Inject
    PermitDocuments documents;
    @Inject
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    public CardBatch apply(long firmId, CardCommands.Apply cmd) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        validation.check(cmd);
        ValidityWindow.check(firm.getPark().today(clock.instant()), cmd.validFrom(), cmd.validTo(), MAX_DAYS);
        Set<Long> ids = new LinkedHashSet<>(cmd.workerIds());
        if (ids.isEmpty()) {
            throw DomainException.invalid("workerIds", "whitelist.noWorkers");
        }
        if (ids.size() > MAX_BATCH) {
            throw DomainException.invalid("workerIds", "whitelist.tooMany", MAX_BATCH);
        }
        List<Worker> workers = em.createQuery("select w from Worker w where w.id in :ids and w.firm = :firm and w.status = :active", Worker.class)
                .setParameter("ids", ids).setParameter("firm", firm).setParameter("active", Worker.Status.ACTIVE).getResultList();
        if (workers.size() != ids.size()) {
            throw DomainException.invalid("workerIds", "whitelist.unknownWorker");
        }
        CardBatch batch = new CardBatch(firm, cmd.validFrom(), cmd.validTo(), clock.instant(), c.username());
        workers.forEach(w -> batch.add(new CardBatchItem(batch, w)));
        em.persist(batch);
        em.flush();
        audit.record(subject(batch), "APPLY", null, Map.of("workers", workers.size(), "validFrom", cmd.validFrom().toString(),
                "validTo", cmd.validTo().toString()), null);
        notifications.notify(notifications.liaisonsOfFirm(batch.getFirm().getId(), batch.getParkId()), "CARD_BATCH", "whitelist.notice.applied",
                "/liaison/cards.xhtml?batch=" + batch.getId(), firm.getName(), workers.size());
        return batch;
    }

    /** Ids of the firm's active workers matching a roster filter (the page's "select all"). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> activeWorkerIds(long firmId, String text) {
        Firm firm = firms.get(firmId);
        access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        String t = text == null ? "" : text.strip().replace("%", "").replace("_", "").replace("\\", "");
        Worker.IdSearch id = Worker.IdSearch.of(t);
        return em.createQuery("select w.id from Worker w where w.firm = :firm and w.status = :active"
                        + " and (:t = '' or w.name like :name or w.residentIdIndex = :idIndex or w.residentIdTail = :idTail)"
                        + " order by w.name, w.id", Long.class)
                .setParameter("firm", firm).setParameter("active", Worker.Status.ACTIVE).setParameter("t", t)
                .setParameter("name", "%" + t + "%").setParameter("idIndex", id.index()).setParameter("idTail", id.tail())
                .setMaxResults(MAX_BATCH).getResultList();
    }

    /**
     * Batches in the caller's scope: a firm's own, a liaison's parks; none for other roles (they name people).
     * One page costs three statements whatever its size: the page (with its firms), the total, and the
     * pending items of the page's batches counted together (the liaison's queue holds thousands of cards).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CardViews.BatchRow> batches(CardBatch.Status status, Long firmId, int offset, int limit) {
        FirmScope scope = access.peopleScope();
        String where = " where " + scope.where("b.firm.id", "b.parkId")
                + (status == null ? "" : " and b.status = :status") + (firmId == null ? "" : " and b.firm.id = :firm");
        TypedQuery<CardBatch> q = em.createQuery("select b from CardBatch b join fetch b.firm" + where
                + " order by b.submittedAt desc, b.id desc", CardBatch.class);
        TypedQuery<Long> count = em.createQuery("select count(b) from CardBatch b" + where, Long.class);
        scope.bind(q);
        scope.bind(count);
        if (status != null) {
            q.setParameter("status", status);
            count.setParameter("status", status);
        }
        if (firmId != null) {
            q.setParameter("firm", firmId);
            count.setParameter("firm", firmId);
        }
        List<CardBatch> page = q.setFirstResult(offset).setMaxResults(limit).getResultList();
        Map<Long, Long> pending = new HashMap<>();
        if (!page.isEmpty()) {
            em.createQuery("select i.batch.id, count(i) from CardBatchItem i where i.batch.id in :ids and i.status = :pending"
                            + " group by i.batch.id", Object[].class)
                    .setParameter("ids", page.stream().map(CardBatch::getId).toList())
                    .setParameter("pending", CardBatchItem.Status.PENDING)
                    .getResultList().forEach(r -> pending.put((Long) r[0], (Long) r[1]));
        }
        List<CardViews.BatchRow> rows = page.stream().map(b -> CardViews.BatchRow.of(b, pending.getOrDefault(b.getId(), 0L))).toList();
        return new Page<>(rows, count.getSingleResult(), offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CardBatch batch(long batchId) {
        CardBatch b = em.find(CardBatch.class, batchId);
        if (b == null) {
            throw DomainException.notFound();
        }
        access.checkPeople(b.getFirm().getId(), b.getParkId());
        return b;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CardViews.Batch view(long batchId) {
        CardBatch b = batch(batchId);
        return new CardViews.Batch(CardViews.BatchRow.of(b), b.getItems().stream().map(CardViews.Item::of).toList());
    }

    /**
     * Decides items of a batch. Refused with 409 when the batch changed since the reviewer saw it
     * (another liaison acted). The batch row is locked first, so two reviews at the same moment
     * serialize on it and the second sees the new version: "changed meanwhile". The version check
     * of {@code @Version} stays as the last fence.
     */
    public CardBatch review(long batchId, CardCommands.Review cmd) {
        batch(batchId);
        // Row lock: a second reviewer waits here, then reads the new version and gets 409.
        CardBatch b = em.find(CardBatch.class, batchId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(b);
        Caller c = access.checkLiaison(b.getFirm().getId(), b.getParkId());
        if (cmd == null) {
            throw DomainException.invalid("version", "validation.required");
        }
        if (b.getVersion() != cmd.version() || b.getStatus() == CardBatch.Status.DECIDED) {
            throw DomainException.conflict("whitelist.changedMeanwhile");
        }
        Map<Long, CardBatchItem> byId = new HashMap<>();
        b.getItems().forEach(i -> byId.put(i.getId(), i));
        Map<Long, String> rejections = new LinkedHashMap<>();
        for (CardCommands.Rejection r : cmd.reject() == null ? List.<CardCommands.Rejection>of() : cmd.reject()) {
            validation.check(r);
            rejections.put(r.itemId(), r.reason().strip());
        }
        Set<Long> approvals = new LinkedHashSet<>(cmd.approve() == null ? List.of() : cmd.approve());
        if (cmd.approveAll()) {
            b.getItems().stream().filter(i -> i.getStatus() == CardBatchItem.Status.PENDING && !rejections.containsKey(i.getId()))
                    .forEach(i -> approvals.add(i.getId()));
        }
        for (Long id : union(approvals, rejections.keySet())) {
            CardBatchItem i = byId.get(id);
            if (i == null) {
                throw DomainException.invalid("itemId", "whitelist.unknownItem");
            }
            if (i.getStatus() != CardBatchItem.Status.PENDING || approvals.contains(id) && rejections.containsKey(id)) {
                throw DomainException.conflict("whitelist.changedMeanwhile");
            }
        }
        if (approvals.isEmpty() && rejections.isEmpty()) {
            throw DomainException.invalid("approve", "whitelist.nothingDecided");
        }
        b.reviewed(clock.instant(), c.username());
        em.flush();
        Firm firm = b.getFirm();
        ZoneId zone = firm.getPark().zone();
        Instant from = b.getValidFrom().atStartOfDay(zone).toInstant();
        Instant to = b.getValidTo().plusDays(1).atStartOfDay(zone).toInstant();
        int approved = 0;
        for (Long id : approvals) {
            CardBatchItem i = byId.get(id);
            Worker w = i.getWorker();
            if (w.getStatus() != Worker.Status.ACTIVE) {
                i.reject(cn.loopgate.shared.Messages.get(cn.loopgate.shared.Messages.DEFAULT_LOCALE, "whitelist.workerLeft"));
                continue;
            }
            Permit p = permits.issue(PermitType.CARD, firm, w.getName(), w.getResidentId(), w.getId(), from, to);
            i.approve(p.getId());
            approved++;
        }
        rejections.forEach((id, reason) -> byId.get(id).reject(reason));
        b.reviewed(clock.instant(), c.username());
        audit.record(subject(b), "REVIEW", null, Map.of("approved", approved, "rejected", rejections.size(),
                "status", b.getStatus().name()), null);
        metrics.approved("CARD", approved);
        // with cards approved, the notice opens the cards page ready to print this batch
        notifications.notify(notifications.managersOfFirm(firm.getId()), "CARD_BATCH",
                approved > 0 ? "whitelist.notice.reviewedPrint" : "whitelist.notice.reviewed",
                approved > 0 ? "/firm/cards.xhtml?batch=" + b.getId() : "/firm/cards.xhtml", approved, rejections.size(),
                String.valueOf(b.getId()));
        return b;
    }

    /**
     * The cards a batch issued that are still active, as one document: "print this batch" on the
     * manager's and the liaison's pages. Revoked, replaced and expired cards are left out; a batch with
     * none left is refused (409) rather than printing nothing, or everything.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PermitDocuments.Batch batchDocument(long batchId) {
        CardBatch b = batch(batchId);
        List<Long> issued = b.getItems().stream().map(CardBatchItem::getPermitId).filter(Objects::nonNull).toList();
        List<Long> active = issued.isEmpty() ? List.of() : em.createQuery("select p.id from Permit p where p.id in :ids"
                        + " and p.status = :active and p.validTo > :now", Long.class)
                .setParameter("ids", issued).setParameter("active", Permit.Status.ACTIVE).setParameter("now", clock.instant())
                .getResultList();
        if (active.isEmpty()) {
            throw DomainException.conflict("permit.nothingToPrint");
        }
        return documents.ofFirm(b.getFirm().getId(), PermitType.CARD, active);
    }

    /** The firm's cards with what a gate would see now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CardViews.Card> cards(long firmId, int offset, int limit) {
        Firm firm = firms.get(firmId);
        access.checkPeople(firm.getId(), firm.getPark().getId());
        Instant now = clock.instant();
        List<Permit> list = em.createQuery("select p from Permit p where p.type = :type and p.firmId = :firm order by p.issuedAt desc, p.id desc", Permit.class)
                .setParameter("type", PermitType.CARD).setParameter("firm", firm.getId())
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        long total = em.createQuery("select count(p) from Permit p where p.type = :type and p.firmId = :firm", Long.class)
                .setParameter("type", PermitType.CARD).setParameter("firm", firm.getId()).getSingleResult();
        return new Page<>(list.stream().map(p -> CardViews.Card.of(p, PermitService.stateAt(p, firm.isSuspended(), now), firm.getPark().zone())).toList(),
                total, offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CardViews.Card card(long firmId, long permitId) {
        Firm firm = firms.get(firmId);
        access.checkPeople(firm.getId(), firm.getPark().getId());
        Permit p = cardOf(firm, permitId);
        return CardViews.Card.of(p, PermitService.stateAt(p, firm.isSuspended(), clock.instant()), firm.getPark().zone());
    }

    /** Revokes a card at once (the liaison, or the firm's manager). */
    public Permit revoke(long firmId, long permitId, CardCommands.Reason cmd) {
        Firm firm = firms.get(firmId);
        access.checkRead(firm.getId(), firm.getPark().getId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        validation.check(cmd == null ? new CardCommands.Reason(null) : cmd);
        Permit p = permits.revoke(cardOf(firm, permitId).getId(), cmd.reason().strip());
        notifyOther(firm, "whitelist.notice.revoked", p.getNumber());
        return p;
    }

    /** A new card number for the same worker and window; the old card stops working. */
    public Permit reissue(long firmId, long permitId, CardCommands.Reason cmd) {
        Firm firm = firms.get(firmId);
        access.checkRead(firm.getId(), firm.getPark().getId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        validation.check(cmd == null ? new CardCommands.Reason(null) : cmd);
        Permit old = cardOf(firm, permitId);
        Worker w = em.find(Worker.class, old.getSubjectId());
        if (w == null || w.getStatus() != Worker.Status.ACTIVE) {
            throw DomainException.conflict("whitelist.workerLeft");
        }
        Permit fresh = permits.reissue(old.getId(), firm, w.getResidentId(), cmd.reason().strip());
        notifyOther(firm, "whitelist.notice.reissued", old.getNumber(), fresh.getNumber());
        return fresh;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CardViews.HistoryLine> history(long firmId, long permitId) {
        Firm firm = firms.get(firmId);
        access.checkPeople(firm.getId(), firm.getPark().getId());
        Permit p = cardOf(firm, permitId);
        return history(audit, p);
    }

    static List<CardViews.HistoryLine> history(AuditService audit, Permit p) {
        List<AuditEntry> entries = audit.historyOf("Permit", p.getId());
        return entries.stream().map(e -> new CardViews.HistoryLine(e.getAt(), e.getActor(), e.getAction(), e.getReason(),
                e.getAfterState())).toList();
    }

    private Permit cardOf(Firm firm, long permitId) {
        Permit p = em.find(Permit.class, permitId);
        if (p == null || p.getType() != PermitType.CARD || p.getFirmId() != firm.getId()) {
            throw DomainException.notFound();
        }
        return p;
    }

    /** The firm hears about the liaison's action and vice versa. */
    private void notifyOther(Firm firm, String key, Object... args) {
        List<Long> to = access.caller().is(Role.LIAISON) ? notifications.managersOfFirm(firm.getId())
                : notifications.liaisonsOfFirm(firm.getId(), firm.getPark().getId());
        notifications.notify(to, "CARD", key, null, args);
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    static Subject subject(CardBatch b) {
        return new Subject("CardBatch", b.getId(), b.getFirm().getId(), b.getParkId());
    }
}
