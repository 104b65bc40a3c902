package cn.loopgate.health;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.roster.Worker;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbreak response (追阳断链). A positive result suspends the worker's cards at once (a {@link HealthHold} the
 * gate reads in its one query) and opens an {@link HealthIncident} that traces the worker's shift/team and
 * dormitory room, the vehicles they drove, and their gate scans of the last 7 days; the park's liaison officers,
 * the firm's managers and the bureau's analysts are told. When the park's policy says so, the firm's other cards
 * are suspended too. The park's liaison officers work the incident (acknowledge, actions, close) and lift holds;
 * each step is audited.
 */
@ApplicationScoped
@Transactional
public class OutbreakService {

    /** How far back the worker's gate scans are listed. */
    static final Duration TRACE_BACK = Duration.ofDays(7);
    static final int MAX_LISTED = 500;

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** Called in the transaction that stored a positive result (the caller's access already checked). */
    void positive(HealthTest t, Caller by, Instant now) {
        Worker w = t.getWorker();
        long firmId = t.getFirmId();
        long parkId = t.getParkId();
        HealthIncident open = em.createQuery("select i from HealthIncident i where i.workerId = :w and i.status <> :closed",
                        HealthIncident.class).setParameter("w", w.getId()).setParameter("closed", HealthIncident.Status.CLOSED)
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (open != null) {
            // The same case tested again: one incident, the new result recorded on it.
            em.persist(new HealthIncidentAction(open.getId(), now, by.username(), "+ " + t.getResult() + " " + t.getSampledAt()));
            audit.record(subject(open), "POSITIVE_AGAIN", null, Map.of("test", t.getId()), null);
            return;
        }
        HealthRules.Policy policy = rules(parkId);
        HealthIncident incident = new HealthIncident(t, policy.suspendFirm(), now, by.username());
        em.persist(incident);
        em.flush();
        audit.record(subject(incident), "OPEN", null, Map.of("test", t.getId(), "worker", Masking.name(w.getName()),
                "firmSuspended", policy.suspendFirm()), null);
        if (!held(firmId, w.getId())) {
            hold(new HealthHold(firmId, w.getId(), incident.getId(), now, by.username()), parkId);
        }
        if (policy.suspendFirm() && !held(firmId, null)) {
            hold(new HealthHold(firmId, null, incident.getId(), now, by.username()), parkId);
        }
        Set<Long> told = new LinkedHashSet<>(notifications.liaisonsOfFirm(firmId, parkId));
        told.addAll(notifications.managersOfFirm(firmId));
        told.addAll(notifications.usersWithRole(Role.ANALYST));
        notifications.notify(told, "HEALTH_INCIDENT", "health.incident.opened", "/health.xhtml?incident=" + incident.getId(),
                w.getFirm().getName(), Masking.name(w.getName()));
    }

    private void hold(HealthHold h, long parkId) {
        em.persist(h);
        em.flush();
        audit.record(new Subject("HealthHold", h.getId(), h.getFirmId(), parkId), "SUSPEND", null,
                Map.of("scope", h.getWorkerId() == null ? "FIRM" : "WORKER", "incident", h.getIncidentId()), null);
    }

    private boolean held(long firmId, Long workerId) {
        var q = em.createQuery("select count(h) from HealthHold h where h.firmId = :f and h.liftedAt is null and "
                + (workerId == null ? "h.workerId is null" : "h.workerId = :w"), Long.class).setParameter("f", firmId);
        if (workerId != null) {
            q.setParameter("w", workerId);
        }
        return q.getSingleResult() > 0;
    }

    /** Incidents in the caller's scope, newest first: the firm's managers, the park's liaison officers, analysts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentRow> incidents(HealthIncident.Status status) {
        access.require(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST);
        FirmScope scope = access.firmScope();
        var q = em.createQuery("select i, f.name, w.name from HealthIncident i, Firm f, Worker w where f.id = i.firmId and w.id = i.workerId and "
                + scope.where("i.firmId", "i.parkId") + (status == null ? "" : " and i.status = :status")
                + " order by i.openedAt desc, i.id desc", Object[].class);
        scope.bind(q);
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.setMaxResults(MAX_LISTED).getResultList().stream().map(r -> {
            HealthIncident i = (HealthIncident) r[0];
            return new IncidentRow(i.getId(), i.getStatus(), i.getFirmId(), (String) r[1], i.getParkId(), Masking.name((String) r[2]),
                    i.getOpenedAt(), i.isFirmSuspended());
        }).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IncidentDetail incident(long id) {
        HealthIncident i = find(id);
        access.require(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST);
        return detail(i);
    }

    /** The park's liaison officers acknowledge a new incident. */
    public IncidentDetail acknowledge(long id, Long version) {
        HealthIncident i = find(id);
        access.checkLiaison(i.getFirmId(), i.getParkId());
        stale(i, version);
        i.acknowledge(clock.instant(), access.caller().username());
        audit.record(subject(i), "ACKNOWLEDGE", null, Map.of("status", i.getStatus().name()), null);
        return detail(i);
    }

    /** An action taken (traced, isolated, disinfected): the park's liaison officers and the firm's managers. */
    public IncidentDetail act(long id, IncidentData data) {
        HealthIncident i = find(id);
        Caller c = access.checkPeople(i.getFirmId(), i.getParkId());
        IncidentData d = (data == null ? new IncidentData(null, null) : data).normalized();
        validation.check(d);
        i.checkWorkable();
        em.persist(new HealthIncidentAction(i.getId(), clock.instant(), c.username(), d.text()));
        audit.record(subject(i), "ACTION", null, Map.of("text", d.text()), null);
        em.flush();
        return detail(i);
    }

    /** Closes an acknowledged incident with a note; the holds stay until lifted explicitly. */
    public IncidentDetail close(long id, IncidentData data) {
        HealthIncident i = find(id);
        access.checkLiaison(i.getFirmId(), i.getParkId());
        IncidentData d = (data == null ? new IncidentData(null, null) : data).normalized();
        validation.check(d);
        stale(i, d.version());
        i.close(clock.instant(), access.caller().username(), d.text());
        audit.record(subject(i), "CLOSE", null, Map.of("status", i.getStatus().name()), d.text());
        return detail(i);
    }

    /** A firm's holds in force (the worker's name as the caller may see it): the firm's managers, its park's liaison officers, analysts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HoldRow> holds(long firmId) {
        Firm firm = em.find(Firm.class, firmId);
        if (firm == null) {
            throw DomainException.notFound();
        }
        access.checkRead(firmId, firm.getPark().getId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST);
        boolean names = access.canSeeWorkers(firmId, firm.getPark().getId());
        return em.createQuery("select h from HealthHold h where h.firmId = :f and h.liftedAt is null order by h.since desc", HealthHold.class)
                .setParameter("f", firmId).getResultList().stream().map(h -> row(h, names)).toList();
    }

    /** Lifts a hold: an explicit act of the park's liaison officers, with a reason, audited. */
    public HoldRow lift(long holdId, IncidentData data) {
        HealthHold h = em.find(HealthHold.class, holdId);
        Firm firm = h == null ? null : em.find(Firm.class, h.getFirmId());
        if (firm == null) {
            throw DomainException.notFound();
        }
        access.checkLiaison(firm.getId(), firm.getPark().getId());
        IncidentData d = (data == null ? new IncidentData(null, null) : data).normalized();
        validation.check(d);
        if (d.version() != null && d.version() != h.getVersion()) {
            throw DomainException.conflict("error.concurrentChange");
        }
        h.lift(clock.instant(), access.caller().username(), d.text());
        audit.record(new Subject("HealthHold", h.getId(), h.getFirmId(), firm.getPark().getId()), "LIFT",
                Map.of("scope", h.getWorkerId() == null ? "FIRM" : "WORKER"), Map.of("lifted", true), d.text());
        em.flush();
        return row(h, true);
    }

    private HoldRow row(HealthHold h, boolean names) {
        String name = null;
        if (h.getWorkerId() != null) {
            Worker w = em.find(Worker.class, h.getWorkerId());
            name = w == null ? null : names ? w.getName() : Masking.name(w.getName());
        }
        return new HoldRow(h.getId(), h.getFirmId(), h.getWorkerId(), name, h.getIncidentId(), h.getSince(), h.getPlacedBy(),
                h.getLiftedAt(), h.getLiftedBy(), h.getLiftReason(), h.getVersion());
    }

    private HealthIncident find(long id) {
        HealthIncident i = em.find(HealthIncident.class, id);
        if (i == null) {
            throw DomainException.notFound();
        }
        access.checkRead(i.getFirmId(), i.getParkId());
        return i;
    }

    private static void stale(HealthIncident i, Long version) {
        if (version != null && version != i.getVersion()) {
            throw DomainException.conflict("error.concurrentChange");
        }
    }

    private HealthRules.Policy rules(long parkId) {
        return em.createQuery("select p from HealthPolicy p where p.parkId = :park order by p.id desc", HealthPolicy.class)
                .setParameter("park", parkId).setMaxResults(1).getResultStream().findFirst()
                .map(HealthPolicy::rules).orElse(HealthRules.Policy.DEFAULT);
    }

    static Subject subject(HealthIncident i) {
        return new Subject("HealthIncident", i.getId(), i.getFirmId(), i.getParkId());
    }

    private IncidentDetail detail(HealthIncident i) {
        boolean names = access.canSeeWorkers(i.getFirmId(), i.getParkId());
        Worker w = em.find(Worker.class, i.getWorkerId());
        Firm firm = w.getFirm();
        HealthTest t = em.find(HealthTest.class, i.getTestId());
        List<IncidentDetail.Contact> shift = w.getShiftTeam() == null ? List.of() : contacts(w, "w.shiftTeam = :v", w.getShiftTeam(), names);
        List<IncidentDetail.Contact> room = w.getDormitory() == null ? List.of() : contacts(w, "w.dormitory = :v", w.getDormitory(), names);
        Instant since = i.getOpenedAt().minus(TRACE_BACK);
        List<IncidentDetail.Vehicle> vehicles = new ArrayList<>();
        // Drivers' IDs are sealed at rest without a blind index: the firm's recent approved passes are few, so they are
        // opened here and compared (docs/security.md, "Personal data at rest").
        cn.loopgate.shared.crypto.PersonalDataCipher cipher = cn.loopgate.shared.crypto.PersonalDataKeys.cipher();
        @SuppressWarnings("unchecked")
        List<Object[]> passes = em.createNativeQuery("select v.id, v.plate, v.driver_name, v.driver_resident_id_enc, v.co_driver_name,"
                        + " v.co_driver_resident_id_enc, v.valid_from, v.valid_to from vehicle_pass v where v.firm_id = ?1"
                        + " and v.status = 'APPROVED' and v.valid_to >= ?2 order by v.valid_from desc")
                .setParameter(1, i.getFirmId())
                .setParameter(2, java.sql.Date.valueOf(since.atZone(firm.getPark().zone()).toLocalDate())).getResultList();
        for (Object[] r : passes) {
            boolean drove = r[3] != null && w.getResidentId().equals(cipher.decrypt((String) r[3]));
            if (!drove && (r[5] == null || !w.getResidentId().equals(cipher.decrypt((String) r[5])))) {
                continue;
            }
            String other = (String) (drove ? r[4] : r[2]);
            vehicles.add(new IncidentDetail.Vehicle(((Number) r[0]).longValue(), (String) r[1],
                    other == null ? null : names ? other : Masking.name(other),
                    ((java.sql.Date) r[6]).toLocalDate(), ((java.sql.Date) r[7]).toLocalDate()));
            if (vehicles.size() >= MAX_LISTED) {
                break;
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> scanRows = em.createNativeQuery("select s.scanned_at, s.gate, s.result, s.temperature from gate_scan s"
                        + " join permit p on p.id = s.permit_id where p.type = 'CARD' and p.subject_id = ?1 and s.scanned_at >= ?2"
                        + " order by s.scanned_at desc")
                .setParameter(1, w.getId()).setParameter(2, Timestamp.from(since)).setMaxResults(MAX_LISTED).getResultList();
        List<IncidentDetail.Scan> scans = scanRows.stream().map(r -> new IncidentDetail.Scan(instant(r[0]), (String) r[1], (String) r[2],
                (BigDecimal) r[3])).toList();
        List<IncidentDetail.Action> actions = em.createQuery("select a from HealthIncidentAction a where a.incidentId = :i order by a.at, a.id",
                        HealthIncidentAction.class).setParameter("i", i.getId()).getResultList().stream()
                .map(a -> new IncidentDetail.Action(a.getAt(), a.getActor(), a.getText())).toList();
        List<HoldRow> holds = em.createQuery("select h from HealthHold h where h.incidentId = :i order by h.since", HealthHold.class)
                .setParameter("i", i.getId()).getResultList().stream().map(h -> row(h, names)).toList();
        return new IncidentDetail(i.getId(), i.getStatus(), i.getFirmId(), firm.getName(), i.getParkId(), w.getId(),
                names ? w.getName() : Masking.name(w.getName()), Masking.residentId(w.getResidentId()), t.getSampledAt(), i.isFirmSuspended(),
                i.getOpenedAt(), i.getOpenedBy(), i.getAcknowledgedAt(), i.getAcknowledgedBy(), i.getClosedAt(), i.getClosedBy(),
                i.getClosingNote(), i.getVersion(), shift, room, vehicles, scans, actions, holds);
    }

    private List<IncidentDetail.Contact> contacts(Worker w, String condition, String value, boolean names) {
        return em.createQuery("select w from Worker w where w.firm = :firm and w.id <> :self and w.status = :active and " + condition
                        + " order by w.name, w.id", Worker.class)
                .setParameter("firm", w.getFirm()).setParameter("self", w.getId()).setParameter("active", Worker.Status.ACTIVE)
                .setParameter("v", value).setMaxResults(MAX_LISTED).getResultList().stream()
                .map(c -> new IncidentDetail.Contact(c.getId(), names ? c.getName() : Masking.name(c.getName()),
                        Masking.residentId(c.getResidentId()), c.getShiftTeam(), c.getDormitory())).toList();
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) o;
    }
}
