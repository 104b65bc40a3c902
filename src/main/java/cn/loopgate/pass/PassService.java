package cn.loopgate.pass;

import cn.loopgate.ops.BusinessMetrics;
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
import cn.loopgate.permit.ValidityWindow;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import cn.loopgate.whitelist.CardViews;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vehicle passes: the firm's manager applies; the park's liaison officer approves (a PASS permit is
 * issued: the holder is the driver, the key the plate) or rejects with a reason; either revokes; a
 * reissue gives a new number. Expiry and suspension are read from the permit at the moment of checking.
 */
@ApplicationScoped
@Transactional
public class PassService {

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
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** A liaison's decision on a pass as they saw it ({@code version}). */
    public record Review(long version, boolean approve, String reason) {
    }

    public record Reason(@cn.loopgate.shared.validation.Required @cn.loopgate.shared.validation.Length(max = 300) String reason) {
    }

    public VehiclePass apply(long firmId, PassData data) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        PassData d = data.normalized();
        List<FieldError> more = new ArrayList<>();
        boolean anyCo = d.coDriverName() != null || d.coDriverResidentId() != null || d.coDriverPhone() != null;
        if (anyCo && d.coDriverName() == null) {
            more.add(new FieldError("coDriverName", "validation.required"));
        }
        if (anyCo && d.coDriverResidentId() == null) {
            more.add(new FieldError("coDriverResidentId", "validation.required"));
        }
        if (anyCo && d.coDriverPhone() == null) {
            more.add(new FieldError("coDriverPhone", "validation.required"));
        }
        validation.check(d, more);
        ValidityWindow.check(firm.getPark().today(clock.instant()), d.validFrom(), d.validTo(), firm.getPark().getPassMaxDays());
        VehiclePass p = new VehiclePass(firm, d, clock.instant(), c.username());
        em.persist(p);
        em.flush();
        audit.record(subject(p), "APPLY", null, snapshot(p), null);
        notifications.notify(notifications.liaisonsOfFirm(p.getFirm().getId(), p.getParkId()), "PASS", "pass.notice.applied",
                "/liaison/passes.xhtml", firm.getName(), p.getPlate());
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PassView> list(VehiclePass.Status status, Long firmId, int offset, int limit) {
        FirmScope scope = access.peopleScope();
        String where = " where " + scope.where("v.firm.id", "v.parkId")
                + (status == null ? "" : " and v.status = :status") + (firmId == null ? "" : " and v.firm.id = :firm");
        TypedQuery<VehiclePass> q = em.createQuery("select v from VehiclePass v" + where + " order by v.submittedAt desc, v.id desc", VehiclePass.class);
        TypedQuery<Long> count = em.createQuery("select count(v) from VehiclePass v" + where, Long.class);
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
        Instant now = clock.instant();
        return new Page<>(q.setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(v -> view(v, now)).toList(),
                count.getSingleResult(), offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VehiclePass get(long id) {
        VehiclePass p = em.find(VehiclePass.class, id);
        if (p == null) {
            throw DomainException.notFound();
        }
        access.checkPeople(p.getFirm().getId(), p.getParkId());
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PassView view(long id) {
        return view(get(id), clock.instant());
    }

    public VehiclePass review(long id, Review cmd) {
        get(id);
        VehiclePass p = em.find(VehiclePass.class, id, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(p);
        Caller c = access.checkLiaison(p.getFirm().getId(), p.getParkId());
        if (cmd == null) {
            throw DomainException.invalid("version", "validation.required");
        }
        if (p.getVersion() != cmd.version() || p.getStatus() != VehiclePass.Status.SUBMITTED) {
            throw DomainException.conflict("whitelist.changedMeanwhile");
        }
        Map<String, Object> before = snapshot(p);
        if (cmd.approve()) {
            Firm firm = p.getFirm();
            ZoneId zone = firm.getPark().zone();
            Permit permit = permits.issue(PermitType.PASS, firm, p.getDriverName(), p.getPlate(), p.getId(),
                    p.getValidFrom().atStartOfDay(zone).toInstant(), p.getValidTo().plusDays(1).atStartOfDay(zone).toInstant());
            metrics.approved("PASS", 1);
            p.approve(permit.getId(), clock.instant(), c.username());
        } else {
            if (cmd.reason() == null || cmd.reason().isBlank()) {
                throw DomainException.invalid("reason", "validation.required");
            }
            p.reject(cmd.reason().strip().length() > 300 ? cmd.reason().strip().substring(0, 300) : cmd.reason().strip(),
                    clock.instant(), c.username());
        }
        audit.record(subject(p), cmd.approve() ? "APPROVE" : "REJECT", before, snapshot(p), cmd.reason());
        notifications.notify(notifications.managersOfFirm(p.getFirm().getId()), "PASS",
                cmd.approve() ? "pass.notice.approved" : "pass.notice.rejected", "/firm/passes.xhtml", p.getPlate());
        return p;
    }

    public VehiclePass revoke(long id, Reason cmd) {
        VehiclePass p = changeable(id, cmd);
        permits.revoke(p.getPermitId(), cmd.reason().strip());
        audit.record(subject(p), "REVOKE", null, snapshot(p), cmd.reason());
        return p;
    }

    public VehiclePass reissue(long id, Reason cmd) {
        VehiclePass p = changeable(id, cmd);
        Permit fresh = permits.reissue(p.getPermitId(), p.getFirm(), p.getPlate(), cmd.reason().strip());
        Map<String, Object> before = snapshot(p);
        p.replacedBy(fresh.getId());
        audit.record(subject(p), "REISSUE", before, snapshot(p), cmd.reason());
        return p;
    }

    /** The pass's own history and that of every permit it has had. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CardViews.HistoryLine> history(long id) {
        VehiclePass p = get(id);
        List<CardViews.HistoryLine> lines = new ArrayList<>();
        audit.historyOf("VehiclePass", p.getId()).forEach(e -> lines.add(
                new CardViews.HistoryLine(e.getAt(), e.getActor(), e.getAction(), e.getReason(), e.getAfterState())));
        for (Permit permit : permits.ofSubject(PermitType.PASS, p.getId())) {
            audit.historyOf("Permit", permit.getId()).forEach(e -> lines.add(
                    new CardViews.HistoryLine(e.getAt(), e.getActor(), e.getAction(), e.getReason(), e.getAfterState())));
        }
        lines.sort(java.util.Comparator.comparing(CardViews.HistoryLine::at));
        return lines;
    }

    private VehiclePass changeable(long id, Reason cmd) {
        VehiclePass p = get(id);
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        validation.check(cmd == null ? new Reason(null) : cmd);
        if (p.getStatus() != VehiclePass.Status.APPROVED || p.getPermitId() == null) {
            throw DomainException.conflict("permit.notActive");
        }
        return p;
    }

    private PassView view(VehiclePass v, Instant now) {
        Permit permit = v.getPermitId() == null ? null : em.find(Permit.class, v.getPermitId());
        return PassView.of(v, permit, permit == null ? null : PermitService.stateAt(permit, v.getFirm().isSuspended(), now));
    }

    static Subject subject(VehiclePass p) {
        return new Subject("VehiclePass", p.getId(), p.getFirm().getId(), p.getParkId());
    }

    static Map<String, Object> snapshot(VehiclePass p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plate", p.getPlate());
        m.put("driver", Masking.name(p.getDriverName()));
        m.put("driverResidentId", Masking.residentId(p.getDriverResidentId()));
        m.put("route", p.getOrigin() + " -> " + (p.getTransferPoint() == null ? "" : p.getTransferPoint() + " -> ") + p.getDestination());
        m.put("purpose", p.getPurpose().name());
        m.put("validFrom", p.getValidFrom().toString());
        m.put("validTo", p.getValidTo().toString());
        m.put("status", p.getStatus().name());
        m.put("permitId", p.getPermitId());
        return m;
    }
}
