package cn.loopgate.problem;

import cn.loopgate.attachment.AttachmentService;
import cn.loopgate.attachment.FileType;
import cn.loopgate.attachment.StoredFile;
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
import cn.loopgate.park.Park;
import cn.loopgate.problem.ProblemView.AttachmentInfo;
import cn.loopgate.problem.ProblemView.TimelineEntry;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Problems raised by firms: the firm's manager raises, confirms or reopens; the park's liaison
 * officer acknowledges, comments, resolves or escalates; a bureau analyst assigns escalated problems
 * to a department ({@link AccessPolicy#checkProblemCoordination}). Every change is audited and tells
 * whoever must act next.
 */
@ApplicationScoped
@Transactional
public class ProblemService {

    /** What may be attached: scans and photos. */
    public static final Set<FileType> ATTACHMENT_TYPES = Set.of(FileType.PDF, FileType.PNG, FileType.JPEG);
    public static final int MAX_ATTACHMENTS = 10;
    public static final String TYPE = "Problem";

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    AttachmentService attachments;
    @Inject
    Validation validation;
    @Inject
    TimeLimits limits;
    @Inject
    Clock clock;

    /** List filters; null means any. */
    public record Filter(Status status, Long parkId, Category category, Boolean overdue, Boolean open) {
        public static final Filter ANY = new Filter(null, null, null, null, null);
    }

    // ---- reading

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProblemView> list(Filter filter, int offset, int limit) {
        access.require(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST, Role.ADMIN);
        FirmScope scope = access.firmScope();
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" where ").append(scope.where("p.firm.id", "p.parkId"));
        Map<String, Object> params = new LinkedHashMap<>();
        Filter f = filter == null ? Filter.ANY : filter;
        if (f.status() != null) {
            where.append(" and p.status = :status");
            params.put("status", f.status());
        }
        if (f.parkId() != null) {
            where.append(" and p.parkId = :park");
            params.put("park", f.parkId());
        }
        if (f.category() != null) {
            where.append(" and p.category = :category");
            params.put("category", f.category());
        }
        if (Boolean.TRUE.equals(f.open())) {
            where.append(" and p.status in :openOnly");
            params.put("openOnly", Status.OPEN);
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and " : " and not ").append(OVERDUE);
            bindOverdue(params, now);
        }
        TypedQuery<Problem> q = em.createQuery("select p from Problem p join fetch p.firm" + where
                + " order by p.raisedAt desc, p.id desc", Problem.class);
        TypedQuery<Long> count = em.createQuery("select count(p) from Problem p" + where, Long.class);
        scope.bind(q);
        scope.bind(count);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Problem> items = q.setFirstResult(offset).setMaxResults(limit).getResultList();
        Map<Long, String> parkCodes = parkCodes();
        return new Page<>(items.stream().map(p -> view(p, now, parkCodes, List.of(), Set.of())).toList(),
                count.getSingleResult(), offset, limit);
    }

    /** One problem in the caller's scope, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProblemView get(long id) {
        return view(find(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(long id) {
        Problem p = find(id);
        List<TimelineEntry> entries = new ArrayList<>();
        for (ProblemComment c : em.createQuery("select c from ProblemComment c where c.problemId = :id order by c.createdAt, c.id",
                ProblemComment.class).setParameter("id", p.getId()).getResultList()) {
            entries.add(new TimelineEntry(c.getCreatedAt(), c.getAuthorName(), c.getAuthorRole(), "COMMENT", c.getBody()));
        }
        for (AuditEntry a : audit.historyOf(TYPE, p.getId())) {
            if (!"COMMENT".equals(a.getAction())) {
                entries.add(new TimelineEntry(a.getAt(), a.getActor(), a.getActorRole(), a.getAction(), a.getReason()));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    /** An attached file, to whoever may read the problem. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredFile attachment(long id, long fileId) {
        Problem p = find(id);
        if (!p.getFileIds().contains(fileId)) {
            throw DomainException.notFound();
        }
        return attachments.get(fileId);
    }

    // ---- the firm

    public ProblemView raise(Commands.Raise command, List<Commands.Upload> uploads) {
        Caller c = access.require(Role.FIRM_MANAGER);
        Firm firm = firms.get(c.firmId());
        access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        Commands.Raise d = command.normalized();
        List<FieldError> more = uploads != null && uploads.size() > MAX_ATTACHMENTS
                ? List.of(new FieldError("attachments", "problem.tooManyAttachments", MAX_ATTACHMENTS)) : List.of();
        validation.check(d, more);
        Instant now = clock.instant();
        Problem p = new Problem(firm, firm.getPark().getId(), d.category(), d.urgency(), d.description(), c.username(), now,
                limits.acknowledgeWithin(d.urgency()), limits.resolveWithin(d.urgency()));
        em.persist(p);
        em.flush();
        if (uploads != null) {
            for (Commands.Upload u : uploads) {
                p.attach(store(firm, u), now);
            }
        }
        audit.record(subject(p), "RAISE", null, snapshot(p), null);
        notifications.notify(notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId()), "PROBLEM", "notify.problemRaised", link(p),
                firm.getName(), String.valueOf(p.getId()));
        return view(p);
    }

    public ProblemView confirm(long id) {
        Problem p = find(id);
        access.checkFirmWrite(p.getFirm().getId(), p.getParkId());
        Map<String, Object> before = snapshot(p);
        p.confirm(clock.instant());
        audit.record(subject(p), "CONFIRM", before, snapshot(p), null);
        notifications.notify(notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId()), "PROBLEM", "notify.problemConfirmed", link(p),
                p.getFirm().getName(), String.valueOf(p.getId()));
        return view(p);
    }

    public ProblemView reopen(long id, Commands.Reopen command) {
        Problem p = find(id);
        access.checkFirmWrite(p.getFirm().getId(), p.getParkId());
        Commands.Reopen d = new Commands.Reopen(strip(command.reason()));
        validation.check(d);
        Map<String, Object> before = snapshot(p);
        p.reopen(clock.instant(), limits.resolveWithin(p.getUrgency()));
        audit.record(subject(p), "REOPEN", before, snapshot(p), d.reason());
        notifications.notify(notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId()), "PROBLEM", "notify.problemReopened", link(p),
                p.getFirm().getName(), String.valueOf(p.getId()));
        return view(p);
    }

    // ---- firm and liaison

    public ProblemView comment(long id, Commands.Comment command) {
        Problem p = find(id);
        Caller c = access.require(Role.FIRM_MANAGER, Role.LIAISON);
        Commands.Comment d = new Commands.Comment(strip(command.comment()));
        validation.check(d);
        p.expect(ProblemAction.COMMENT);
        em.persist(new ProblemComment(p.getId(), c.username(), c.displayName() == null ? c.username() : c.displayName(),
                c.role().name(), d.comment(), clock.instant()));
        audit.record(subject(p), "COMMENT", null, null, d.comment());
        List<Long> next = c.is(Role.FIRM_MANAGER) ? notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId())
                : notifications.managersOfFirm(p.getFirm().getId());
        notifications.notify(next, "PROBLEM", "notify.problemComment", link(p), String.valueOf(p.getId()), c.displayName());
        return view(p);
    }

    public ProblemView attach(long id, Commands.Upload upload) {
        Problem p = find(id);
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        p.expect(ProblemAction.ATTACH);
        if (p.getFileIds().size() >= MAX_ATTACHMENTS) {
            throw DomainException.invalid("attachments", "problem.tooManyAttachments", MAX_ATTACHMENTS);
        }
        long fileId = store(p.getFirm(), upload);
        p.attach(fileId, clock.instant());
        audit.record(subject(p), "ATTACH", null, Map.of("fileId", fileId), null);
        return view(p);
    }

    // ---- the liaison officer

    public ProblemView acknowledge(long id) {
        Problem p = find(id);
        access.checkLiaison(p.getFirm().getId(), p.getParkId());
        Map<String, Object> before = snapshot(p);
        p.acknowledge(clock.instant());
        audit.record(subject(p), "ACKNOWLEDGE", before, snapshot(p), null);
        notifications.notify(notifications.managersOfFirm(p.getFirm().getId()), "PROBLEM", "notify.problemAcknowledged",
                link(p), String.valueOf(p.getId()));
        return view(p);
    }

    public ProblemView escalate(long id, Commands.Escalate command) {
        Problem p = find(id);
        access.checkLiaison(p.getFirm().getId(), p.getParkId());
        Commands.Escalate d = new Commands.Escalate(command.kind(), strip(command.reason()));
        validation.check(d);
        Map<String, Object> before = snapshot(p);
        p.escalate(d.kind(), clock.instant());
        audit.record(subject(p), "ESCALATE", before, snapshot(p), d.reason());
        notifications.notify(notifications.usersWithRole(Role.ANALYST), "PROBLEM", "notify.problemEscalated", link(p),
                p.getFirm().getName(), String.valueOf(p.getId()));
        notifications.notify(notifications.managersOfFirm(p.getFirm().getId()), "PROBLEM", "notify.problemEscalatedFirm",
                link(p), String.valueOf(p.getId()));
        return view(p);
    }

    public ProblemView resolve(long id, Commands.Resolve command) {
        Problem p = find(id);
        access.checkLiaison(p.getFirm().getId(), p.getParkId());
        Commands.Resolve d = new Commands.Resolve(strip(command.resolution()));
        validation.check(d);
        Map<String, Object> before = snapshot(p);
        p.resolve(d.resolution(), clock.instant());
        audit.record(subject(p), "RESOLVE", before, snapshot(p), d.resolution());
        notifications.notify(notifications.managersOfFirm(p.getFirm().getId()), "PROBLEM", "notify.problemResolved",
                link(p), String.valueOf(p.getId()));
        return view(p);
    }

    // ---- the bureau

    public ProblemView assign(long id, Commands.Assign command) {
        Problem p = find(id);
        access.checkProblemCoordination(p.getFirm().getId(), p.getParkId());
        Instant now = clock.instant();
        Commands.Assign d = new Commands.Assign(strip(command.department()), command.dueAt(), strip(command.note()));
        List<FieldError> more = d.dueAt() != null && !d.dueAt().isAfter(now)
                ? List.of(new FieldError("dueAt", "problem.dueInPast")) : List.of();
        validation.check(d, more);
        Map<String, Object> before = snapshot(p);
        p.assign(d.department(), d.dueAt(), now);
        audit.record(subject(p), "ASSIGN", before, snapshot(p), d.note());
        List<Long> next = new ArrayList<>(notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId()));
        next.addAll(notifications.managersOfFirm(p.getFirm().getId()));
        notifications.notify(next, "PROBLEM", "notify.problemAssigned", link(p), String.valueOf(p.getId()), d.department());
        return view(p);
    }

    // ---- helpers

    private Problem find(long id) {
        Problem p = em.find(Problem.class, id);
        if (p == null) {
            throw DomainException.notFound();
        }
        access.checkRead(p.getFirm().getId(), p.getParkId());
        return p;
    }

    private long store(Firm firm, Commands.Upload u) {
        StoredFile f = attachments.store("attachments", firm.getId(), u == null ? null : u.name(),
                u == null ? null : u.data(), ATTACHMENT_TYPES);
        em.flush();
        return f.getId();
    }

    private ProblemView view(Problem p) {
        return view(p, clock.instant(), parkCodes(), attachmentInfo(p), actions(p));
    }

    private ProblemView view(Problem p, Instant now, Map<Long, String> parkCodes, List<AttachmentInfo> files,
                             Set<ProblemAction> actions) {
        Set<Problem.Overdue> late = p.overdue(now);
        return new ProblemView(p.getId(), p.getFirm().getId(), p.getFirm().getName(), p.getParkId(),
                parkCodes.get(p.getParkId()), p.getCategory(), p.getUrgency(), p.getDescription(), p.getStatus(),
                p.getRaisedBy(), p.getRaisedAt(), p.getAcknowledgeDue(), p.getResolveDue(), p.getAcknowledgedAt(),
                p.getEscalation(), p.getEscalatedAt(), p.getDepartment(), p.getDepartmentDue(), p.getAssignedAt(),
                p.getResolution(), p.getResolvedAt(), p.getClosedAt(), p.getReopenCount(), !late.isEmpty(), late,
                files, p.getVersion(), actions);
    }

    /**
     * The steps the caller may take on {@code p} now: its state and the caller's role (the problem is in
     * their scope, or it would not be shown); attaching stops at {@link #MAX_ATTACHMENTS}.
     */
    private Set<ProblemAction> actions(Problem p) {
        Set<ProblemAction> out = ProblemAction.available(p.getStatus(), access.caller().role());
        if (p.getFileIds().size() >= MAX_ATTACHMENTS) {
            out.remove(ProblemAction.ATTACH);
        }
        return out;
    }

    private List<AttachmentInfo> attachmentInfo(Problem p) {
        if (p.getFileIds().isEmpty()) {
            return List.of();
        }
        return em.createQuery("select f.id, f.originalName, f.contentType, f.sizeBytes from StoredFile f where f.id in :ids order by f.id",
                        Object[].class).setParameter("ids", p.getFileIds()).getResultList().stream()
                .map(r -> new AttachmentInfo((Long) r[0], (String) r[1], (String) r[2], (Integer) r[3])).toList();
    }

    private Map<Long, String> parkCodes() {
        Map<Long, String> codes = new HashMap<>();
        em.createNamedQuery("Park.all", Park.class).getResultList().forEach(pk -> codes.put(pk.getId(), pk.getCode()));
        return codes;
    }

    /** {@link Problem#overdue} as a JPQL condition on alias {@code p}. */
    static final String OVERDUE = "(p.status in :openStatuses and ((p.acknowledgedAt is null and p.acknowledgeDue < :now)"
            + " or p.resolveDue < :now or (p.status = :assigned and p.departmentDue < :now)))";

    static void bindOverdue(Map<String, Object> params, Instant now) {
        params.put("openStatuses", Status.OPEN);
        params.put("now", now);
        params.put("assigned", Status.ASSIGNED);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    static String link(Problem p) {
        return "/problem.xhtml?id=" + p.getId();
    }

    public static Subject subject(Problem p) {
        return new Subject(TYPE, p.getId(), p.getFirm().getId(), p.getParkId());
    }

    static Map<String, Object> snapshot(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", p.getCategory().name());
        m.put("urgency", p.getUrgency().name());
        m.put("status", p.getStatus().name());
        m.put("acknowledgeDue", String.valueOf(p.getAcknowledgeDue()));
        m.put("resolveDue", String.valueOf(p.getResolveDue()));
        if (p.getEscalation() != null) {
            m.put("escalation", p.getEscalation().name());
        }
        if (p.getDepartment() != null) {
            m.put("department", p.getDepartment());
            m.put("departmentDue", String.valueOf(p.getDepartmentDue()));
        }
        m.put("attachments", p.getFileIds().size());
        m.put("reopenCount", p.getReopenCount());
        return m;
    }
}
