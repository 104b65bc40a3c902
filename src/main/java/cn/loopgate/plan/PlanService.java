package cn.loopgate.plan;

import cn.loopgate.ops.BusinessMetrics;
import cn.loopgate.attachment.AttachmentService;
import cn.loopgate.attachment.FileType;
import cn.loopgate.attachment.StoredFile;
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
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans: the firm's manager files and refiles; the park's liaison officer returns (comments per
 * section), rejects (reason required) or approves (with conditions). Approval sets the firm's
 * resumption date and issues a resumption certificate valid for {@link #CERTIFICATE_DAYS} days.
 */
@ApplicationScoped
@Transactional
public class PlanService {

    public static final int CERTIFICATE_DAYS = 180;
    static final Set<FileType> COMMITMENT_TYPES = Set.of(FileType.PDF, FileType.PNG, FileType.JPEG);

    @PersistenceContext
    EntityManager em;
    @Inject
    BusinessMetrics metrics;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    AttachmentService attachments;
    @Inject
    PermitService permits;
    @Inject
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /**
     * One plan as the caller may see it, in one transaction: versions, conditions, the on-site officer's
     * phone in full for those who call (AccessPolicy#canCallContact), and the steps the caller may take now.
     */
    public PlanDetail detail(long planId) {
        return describe(get(planId), true);
    }

    /** The firm's plans, newest first, as a list shows them (officers' phones masked), with their actions. */
    public List<PlanDetail> details(long firmId) {
        firms.get(firmId);
        return ofFirmUnchecked(firmId).stream().map(p -> describe(p, false)).toList();
    }

    /** The firm's latest plan as a single record (the firm's own page), or null when it has filed none. */
    public PlanDetail latest(long firmId) {
        firms.get(firmId);
        List<ResumptionPlan> all = ofFirmUnchecked(firmId);
        return all.isEmpty() ? null : describe(all.get(0), true);
    }

    private PlanDetail describe(ResumptionPlan p, boolean single) {
        Caller c = access.caller();
        Firm firm = em.find(Firm.class, p.getFirmId());
        return PlanDetail.of(p, firm.getName(), versionsUnchecked(p.getId()), conditionsUnchecked(p.getId()),
                single && access.canCallContact(p.getFirmId(), p.getParkId()), PlanAction.available(p.getStatus(), c.role()));
    }

    /** Stores a signed commitment letter (PDF, PNG or JPEG) for the firm's next filing. */
    public StoredFile uploadCommitment(long firmId, String name, byte[] data) {
        Firm firm = firms.get(firmId);
        access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        StoredFile f = attachments.store("commitmentFileId", firm.getId(), name, data, COMMITMENT_TYPES);
        em.flush();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", f.getOriginalName());
        after.put("contentType", f.getContentType());
        after.put("bytes", f.getSizeBytes());
        after.put("sha256", f.getSha256());
        audit.record(new Subject("StoredFile", f.getId(), firm.getId(), firm.getPark().getId()), "UPLOAD_COMMITMENT", null, after, null);
        return f;
    }

    /**
     * The page's one-step submission: stores the uploaded letter (if any) and files or refiles the
     * plan in one transaction, so a refused plan leaves no orphan upload. Without a new upload a
     * refiled plan keeps the letter of its current version.
     */
    public PlanDetail submit(long firmId, Long planId, PlanData data, String fileName, byte[] file) {
        PlanData d = data == null ? new PlanData(null, null, null, null, null, null, null, null, null, null, null) : data;
        Long fileId = d.commitmentFileId();
        if (file != null && file.length > 0) {
            fileId = uploadCommitment(firmId, fileName, file).getId();
        } else if (planId != null && fileId == null) {
            fileId = current(get(planId)).getCommitmentFileId();
        }
        PlanData withFile = new PlanData(d.plannedDate(), d.headcount(), d.dormitory(), d.meals(), d.shuttle(), d.disinfection(),
                d.healthChecks(), d.emergencyPlan(), d.officerName(), d.officerPhone(), fileId);
        return planId == null ? file(firmId, withFile) : resubmit(planId, withFile);
    }

    public PlanDetail file(long firmId, PlanData data) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        PlanData d = check(firm, data);
        // Serialises concurrent filings of one firm, so the one-open-plan rule answers 409, never a 500.
        em.lock(firm, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        List<ResumptionPlan> existing = ofFirmUnchecked(firm.getId());
        if (existing.stream().anyMatch(p -> p.getStatus().open())) {
            throw DomainException.conflict("plan.alreadyOpen");
        }
        if (existing.stream().anyMatch(p -> p.getStatus() == PlanStatus.APPROVED)) {
            throw DomainException.conflict("plan.alreadyApproved");
        }
        Instant now = clock.instant();
        ResumptionPlan plan = new ResumptionPlan(firm.getId(), firm.getPark().getId(), now);
        em.persist(plan);
        em.flush();
        em.persist(new PlanVersion(plan.getId(), 1, d, now, c.username()));
        audit.record(subject(plan), "SUBMIT", null, snapshot(plan, d), null);
        notifications.notify(notifications.liaisonsOfFirm(firm.getId(), firm.getPark().getId()), "PLAN", "plan.notify.submitted",
                "/liaison/plan.xhtml?id=" + plan.getId(), firm.getName());
        return describe(plan, true);
    }

    /** The firm refiles a returned plan: a new version, kept beside the earlier ones. */
    public PlanDetail resubmit(long planId, PlanData data) {
        ResumptionPlan plan = get(planId);
        Caller c = access.checkFirmWrite(plan.getFirmId(), plan.getParkId());
        expect(plan, PlanAction.RESUBMIT);
        Firm firm = firms.get(plan.getFirmId());
        PlanData d = check(firm, data);
        Map<String, Object> before = snapshot(plan, current(plan).data());
        plan.resubmit(clock.instant());
        em.persist(new PlanVersion(plan.getId(), plan.getCurrentVersion(), d, clock.instant(), c.username()));
        audit.record(subject(plan), "RESUBMIT", before, snapshot(plan, d), null);
        notifications.notify(notifications.liaisonsOfFirm(plan.getFirmId(), plan.getParkId()), "PLAN", "plan.notify.submitted",
                "/liaison/plan.xhtml?id=" + plan.getId(), firm.getName());
        return describe(plan, true);
    }

    /** Back to the firm with comments per section; at least one comment is required. */
    public PlanDetail returnForChanges(long planId, Map<PlanSection, String> comments) {
        ResumptionPlan plan = get(planId);
        Caller c = access.checkLiaison(plan.getFirmId(), plan.getParkId());
        expect(plan, PlanAction.RETURN);
        Map<PlanSection, String> clean = new EnumMap<>(PlanSection.class);
        if (comments != null) {
            comments.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    clean.put(k, v.strip().length() > 1000 ? v.strip().substring(0, 1000) : v.strip());
                }
            });
        }
        if (clean.isEmpty()) {
            throw DomainException.invalid("comments", "plan.commentsRequired");
        }
        PlanVersion v = current(plan);
        Map<String, Object> before = snapshot(plan, v.data());
        v.comment(clean);
        plan.returnToFirm(clock.instant(), c.username());
        audit.record(subject(plan), "RETURN", before, snapshot(plan, v.data()), String.join(" | ", clean.values()));
        notifications.notify(notifications.managersOfFirm(plan.getFirmId()), "PLAN", "plan.notify.returned",
                "/firm/plan.xhtml", plan.getCurrentVersion());
        return describe(plan, true);
    }

    /**
     * Approves the current version: conditions (may be empty) are attached, the firm resumes on the
     * planned date and receives its resumption certificate from the start of that day in the park's zone.
     */
    public PlanDetail approve(long planId, List<String> conditions) {
        ResumptionPlan plan = get(planId);
        Caller c = access.checkLiaison(plan.getFirmId(), plan.getParkId());
        expect(plan, PlanAction.APPROVE);
        List<String> clean = cleanConditions(conditions);
        PlanVersion v = current(plan);
        Map<String, Object> before = snapshot(plan, v.data());
        Instant now = clock.instant();
        for (String text : clean) {
            em.persist(new PlanCondition(plan.getId(), text, now, c.username()));
        }
        Firm firm = em.find(Firm.class, plan.getFirmId());
        String resumedBefore = String.valueOf(firm.getResumedOn());
        firm.resumeOn(v.getPlannedDate(), now);
        audit.record(new Subject("Firm", firm.getId(), firm.getId(), firm.getPark().getId()), "RESUME",
                Map.of("resumedOn", resumedBefore), Map.of("resumedOn", v.getPlannedDate().toString()), "plan " + plan.getId());
        Instant from = v.getPlannedDate().atStartOfDay(firm.getPark().zone()).toInstant();
        Permit certificate = permits.issue(PermitType.CERTIFICATE, firm, firm.getName(), firm.getCreditCode(), plan.getId(),
                from, from.plus(Duration.ofDays(CERTIFICATE_DAYS)));
        plan.approve(now, c.username(), certificate.getId());
        audit.record(subject(plan), "APPROVE", before, snapshot(plan, v.data()),
                clean.isEmpty() ? null : String.join(" | ", clean));
        metrics.approved("PLAN", 1);
        notifications.notify(notifications.managersOfFirm(plan.getFirmId()), "PLAN", "plan.notify.approved",
                "/firm/plan.xhtml", v.getPlannedDate().toString());
        return describe(plan, true);
    }

    public PlanDetail reject(long planId, String reason) {
        ResumptionPlan plan = get(planId);
        Caller c = access.checkLiaison(plan.getFirmId(), plan.getParkId());
        expect(plan, PlanAction.REJECT);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "validation.required");
        }
        String r = reason.strip().length() > 1000 ? reason.strip().substring(0, 1000) : reason.strip();
        PlanVersion v = current(plan);
        Map<String, Object> before = snapshot(plan, v.data());
        plan.reject(clock.instant(), c.username(), r);
        audit.record(subject(plan), "REJECT", before, snapshot(plan, v.data()), r);
        notifications.notify(notifications.managersOfFirm(plan.getFirmId()), "PLAN", "plan.notify.rejected",
                "/firm/plan.xhtml", r);
        return describe(plan, true);
    }

    /** A firm-specific condition (一企一策), also after approval; not on a rejected plan. */
    public PlanDetail addCondition(long planId, String text) {
        ResumptionPlan plan = get(planId);
        Caller c = access.checkLiaison(plan.getFirmId(), plan.getParkId());
        expect(plan, PlanAction.ADD_CONDITION);
        List<String> clean = cleanConditions(text == null ? List.of() : List.of(text));
        if (clean.isEmpty()) {
            throw DomainException.invalid("text", "validation.required");
        }
        PlanCondition pc = new PlanCondition(plan.getId(), clean.get(0), clock.instant(), c.username());
        em.persist(pc);
        audit.record(subject(plan), "CONDITION", null, Map.of("condition", pc.getText()), null);
        notifications.notify(notifications.managersOfFirm(plan.getFirmId()), "PLAN", "plan.notify.condition",
                "/firm/plan.xhtml", pc.getText());
        return describe(plan, true);
    }

    /** A plan the caller may read, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResumptionPlan get(long planId) {
        ResumptionPlan p = em.find(ResumptionPlan.class, planId);
        if (p == null) {
            throw DomainException.notFound();
        }
        access.checkRead(p.getFirmId(), p.getParkId());
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlanVersion> versions(long planId) {
        get(planId);
        return versionsUnchecked(planId);
    }

    private List<PlanVersion> versionsUnchecked(long planId) {
        return em.createQuery("select v from PlanVersion v where v.planId = :p order by v.number", PlanVersion.class)
                .setParameter("p", planId).getResultList();
    }

    private List<PlanCondition> conditionsUnchecked(long planId) {
        return em.createQuery("select c from PlanCondition c where c.planId = :p order by c.createdAt, c.id", PlanCondition.class)
                .setParameter("p", planId).getResultList();
    }

    /** The firm's plans, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResumptionPlan> ofFirm(long firmId) {
        firms.get(firmId);
        return ofFirmUnchecked(firmId);
    }

    /** Plans awaiting the calling liaison's review, oldest submission first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<QueueItem> queue() {
        access.require(Role.LIAISON);
        FirmScope scope = access.firmScope();
        List<Object[]> rows = scope.bind(em.createQuery(
                        "select p, f.name from ResumptionPlan p, Firm f where f.id = p.firmId and p.status = :s and "
                                + scope.where("p.firmId", "p.parkId") + " order by p.submittedAt, p.id", Object[].class))
                .setParameter("s", PlanStatus.SUBMITTED).setMaxResults(500).getResultList();
        Instant now = clock.instant();
        return rows.stream().map(r -> {
            ResumptionPlan p = (ResumptionPlan) r[0];
            return new QueueItem(p.getId(), p.getFirmId(), (String) r[1], p.getCurrentVersion(), p.getSubmittedAt(),
                    Duration.between(p.getSubmittedAt(), now).toHours());
        }).toList();
    }

    /** A row of the review queue; {@code ageHours} since the latest submission. */
    public record QueueItem(long planId, long firmId, String firmName, int version, Instant submittedAt, long ageHours) implements java.io.Serializable {
    }

    /** The commitment letter of a version, for whoever may read the plan. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredFile commitment(long planId, int number) {
        PlanVersion v = versions(planId).stream().filter(x -> x.getNumber() == number).findFirst()
                .orElseThrow(DomainException::notFound);
        if (v.getCommitmentFileId() == null) {
            throw DomainException.notFound();
        }
        return attachments.get(v.getCommitmentFileId());
    }

    public PlanVersion current(ResumptionPlan plan) {
        return em.createQuery("select v from PlanVersion v where v.planId = :p and v.number = :n", PlanVersion.class)
                .setParameter("p", plan.getId()).setParameter("n", plan.getCurrentVersion()).getSingleResult();
    }

    private List<ResumptionPlan> ofFirmUnchecked(long firmId) {
        return em.createQuery("select p from ResumptionPlan p where p.firmId = :f order by p.createdAt desc, p.id desc", ResumptionPlan.class)
                .setParameter("f", firmId).getResultList();
    }

    private PlanData check(Firm firm, PlanData data) {
        PlanData d = (data == null ? new PlanData(null, null, null, null, null, null, null, null, null, null, null) : data).normalized();
        List<FieldError> more = new ArrayList<>();
        if (d.plannedDate() != null && d.plannedDate().isBefore(firm.getPark().today(clock.instant()))) {
            more.add(new FieldError("plannedDate", "plan.dateInPast"));
        }
        if (d.headcount() != null && d.headcount() > firm.getRegisteredStaff()) {
            more.add(new FieldError("headcount", "plan.headcountAboveStaff", firm.getRegisteredStaff()));
        }
        if (d.commitmentFileId() != null) {
            StoredFile f = em.find(StoredFile.class, d.commitmentFileId());
            if (f == null || !firm.getId().equals(f.getFirmId())) {
                more.add(new FieldError("commitmentFileId", "plan.unknownFile"));
            }
        }
        validation.check(d, more);
        return d;
    }

    private static List<String> cleanConditions(List<String> conditions) {
        List<String> out = new ArrayList<>();
        if (conditions != null) {
            for (String s : conditions) {
                if (s != null && !s.isBlank()) {
                    if (s.strip().length() > 1000) {
                        throw DomainException.invalid("conditions", "plan.conditionTooLong", 1000);
                    }
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** 409 when the plan's state does not allow {@code action} ({@link PlanAction} holds the table). */
    private static void expect(ResumptionPlan plan, PlanAction action) {
        if (!action.allowedIn(plan.getStatus())) {
            throw DomainException.conflict(action.conflictKey());
        }
    }

    static Subject subject(ResumptionPlan p) {
        return new Subject("ResumptionPlan", p.getId(), p.getFirmId(), p.getParkId());
    }

    static Map<String, Object> snapshot(ResumptionPlan p, PlanData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", p.getStatus().name());
        m.put("version", p.getCurrentVersion());
        m.put("plannedDate", String.valueOf(d.plannedDate()));
        m.put("headcount", d.headcount());
        return m;
    }
}
