package cn.loopgate.health;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.park.Park;
import cn.loopgate.roster.Worker;
import cn.loopgate.roster.WorkerService;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Identifiers;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test records and the parks' health policies. A firm's manager records their workers' tests; the park's
 * liaison officers may record (or resolve a pending test as) a positive result, which starts the outbreak
 * response ({@link OutbreakService}); analysts read. The policy is set by administrators and the park's
 * liaison officers; each change is a new version.
 */
@ApplicationScoped
@Transactional
public class HealthService {

    /** A sample time later than this beyond now is refused (clocks of sampling devices drift a little). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);
    static final BigDecimal LOWEST_THRESHOLD = new BigDecimal("36.0");
    static final BigDecimal HIGHEST_THRESHOLD = new BigDecimal("39.0");

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    WorkerService workers;
    @Inject
    OutbreakService outbreak;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** A firm's tests, newest sample first, optionally of one worker: the firm's manager, its park's liaison officers, analysts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<HealthTestRow> tests(long firmId, Long workerId, int offset, int limit) {
        Firm firm = firms.get(firmId);
        access.checkRead(firm.getId(), firm.getPark().getId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST);
        boolean names = access.canSeeWorkers(firm.getId(), firm.getPark().getId());
        String where = " where t.firmId = :firm" + (workerId == null ? "" : " and t.worker.id = :worker");
        var q = em.createQuery("select t from HealthTest t join fetch t.worker" + where + " order by t.sampledAt desc, t.id desc",
                HealthTest.class).setParameter("firm", firmId);
        var count = em.createQuery("select count(t) from HealthTest t" + where, Long.class).setParameter("firm", firmId);
        if (workerId != null) {
            q.setParameter("worker", workerId);
            count.setParameter("worker", workerId);
        }
        List<HealthTestRow> rows = q.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(t -> row(t, names)).toList();
        return new Page<>(rows, count.getSingleResult(), offset, limit);
    }

    static HealthTestRow row(HealthTest t, boolean names) {
        Worker w = t.getWorker();
        return new HealthTestRow(t.getId(), w.getId(), names ? w.getName() : Masking.name(w.getName()), Masking.residentId(w.getResidentId()),
                t.getSampledAt(), t.getResult(), t.getSite(), t.getSource(), t.getEnteredBy(), t.getEnteredAt(), t.getVersion());
    }

    /**
     * Records a test of one of the firm's workers. The firm's manager records any result; the park's liaison
     * officers only a positive one (追阳: the case reported to them). A positive result suspends the worker's
     * cards and opens an incident in the same transaction.
     */
    public HealthTestRow record(long firmId, HealthTestData data, HealthTest.Source source) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkPeople(firm.getId(), firm.getPark().getId());
        HealthTestData d = (data == null ? new HealthTestData(null, null, null, null, null) : data).normalized();
        if (c.is(Role.LIAISON) && d.result() != null && d.result() != TestResult.POSITIVE) {
            throw DomainException.forbidden();
        }
        List<FieldError> more = new ArrayList<>();
        Instant now = clock.instant();
        if (d.sampledAt() != null && d.sampledAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            more.add(new FieldError("sampledAt", "health.test.future"));
        }
        Worker worker = null;
        if (d.workerId() == null && d.residentId() == null) {
            more.add(new FieldError("workerId", "validation.required"));
        } else if (d.workerId() != null) {
            worker = em.find(Worker.class, d.workerId());
            if (worker == null || worker.getFirm().getId() != firmId) {
                worker = null;
                more.add(new FieldError("workerId", "health.test.notOnRoster"));
            }
        } else if (Identifiers.isResidentId(d.residentId(), firm.getPark().today(now))) {
            worker = workers.byResidentIds(firmId, List.of(d.residentId())).get(d.residentId());
            if (worker == null) {
                more.add(new FieldError("residentId", "health.test.notOnRoster"));
            }
        }
        validation.check(d, more);
        return row(store(worker, d.sampledAt(), d.result(), d.site(), source, c, now), true);
    }

    /** Stores a checked test (also for the import), audits it, and starts the outbreak response on a positive result. */
    HealthTest store(Worker worker, Instant sampledAt, TestResult result, String site, HealthTest.Source source, Caller c, Instant now) {
        HealthTest t = new HealthTest(worker, sampledAt, result, site, source, c.username(), now);
        em.persist(t);
        em.flush();
        audit.record(subject(t), "CREATE", null, snapshot(t), null);
        if (result == TestResult.POSITIVE) {
            outbreak.positive(t, c, now);
        }
        return t;
    }

    /** The laboratory's answer to a pending test (409 when already answered or on a stale version). */
    public HealthTestRow resolve(long firmId, long testId, TestResult result, Long version) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkPeople(firm.getId(), firm.getPark().getId());
        HealthTest t = em.find(HealthTest.class, testId);
        if (t == null || t.getFirmId() != firmId) {
            throw DomainException.notFound();
        }
        if (result == null) {
            throw DomainException.invalid("result", "validation.required");
        }
        if (c.is(Role.LIAISON) && result != TestResult.POSITIVE) {
            throw DomainException.forbidden();
        }
        if (version != null && version != t.getVersion()) {
            throw DomainException.conflict("error.concurrentChange");
        }
        answer(t, result, c, clock.instant());
        em.flush();
        return row(t, true);
    }

    /** Records the laboratory's answer to a pending test (also for the import): audited; a positive one starts the outbreak response. */
    void answer(HealthTest t, TestResult result, Caller c, Instant now) {
        Map<String, Object> before = snapshot(t);
        t.resolve(result);
        audit.record(subject(t), "RESULT", before, snapshot(t), null);
        if (result == TestResult.POSITIVE) {
            outbreak.positive(t, c, now);
        }
    }

    /**
     * The firm's counts of a day in its park's zone (tests sampled, positives, gate temperatures, readings at or over the
     * park's threshold), for the daily report's form: the firm's manager and its park's liaison officers.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DayCounts dayCounts(long firmId, java.time.LocalDate day) {
        Firm firm = firms.get(firmId);
        access.checkPeople(firm.getId(), firm.getPark().getId());
        java.time.ZoneId zone = firm.getPark().zone();
        java.sql.Timestamp from = java.sql.Timestamp.from(day.atStartOfDay(zone).toInstant());
        java.sql.Timestamp to = java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
        Object[] tests = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where result = 'POSITIVE') from health_test"
                + " where firm_id = ?1 and sampled_at >= ?2 and sampled_at < ?3")
                .setParameter(1, firmId).setParameter(2, from).setParameter(3, to).getSingleResult();
        Object[] scans = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where temperature >= ?4) from gate_scan"
                + " where firm_id = ?1 and scanned_at >= ?2 and scanned_at < ?3 and temperature is not null")
                .setParameter(1, firmId).setParameter(2, from).setParameter(3, to)
                .setParameter(4, rules(firm.getPark().getId()).feverThreshold()).getSingleResult();
        return new DayCounts(((Number) tests[0]).intValue(), ((Number) tests[1]).intValue(), ((Number) scans[0]).intValue(),
                ((Number) scans[1]).intValue());
    }

    /** Where a park requires no test, coverage counts a negative sample of the last 72 hours. */
    static final int COVERAGE_HOURS_WITHOUT_POLICY = 72;

    /**
     * A park's figures of a day, from the scan log, the tests, the policy version in force at the day's end and the
     * incidents: administrators, analysts and the park's liaison officers (another park's: 403).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public HealthFigures figures(long parkId, java.time.LocalDate day) {
        Caller c = access.require(Role.ADMIN, Role.ANALYST, Role.LIAISON);
        if (c.is(Role.LIAISON) && !c.parkIds().contains(parkId)) {
            throw DomainException.forbidden();
        }
        Park park = park(parkId);
        Instant now = clock.instant();
        java.time.LocalDate d = day == null ? park.today(now) : day;
        Instant start = d.atStartOfDay(park.zone()).toInstant();
        Instant end = d.plusDays(1).atStartOfDay(park.zone()).toInstant();
        Instant asOf = end.isAfter(now) ? now : end;
        HealthPolicy p = em.createQuery("select p from HealthPolicy p where p.parkId = :park and p.setAt < :end order by p.id desc",
                HealthPolicy.class).setParameter("park", parkId).setParameter("end", asOf).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        HealthRules.Policy rules = p == null ? HealthRules.Policy.DEFAULT : p.rules();
        int hours = rules.testRequired() ? rules.intervalHours() : COVERAGE_HOURS_WITHOUT_POLICY;
        Object[] r = (Object[]) em.createNativeQuery("""
                        with onsite as (
                          select distinct p.subject_id as worker_id from gate_scan s join permit p on p.id = s.permit_id
                          where p.type = 'CARD' and s.gate_park_id = ?1 and s.scanned_at >= ?2 and s.scanned_at < ?3)
                        select (select count(*) from onsite),
                               (select count(*) from onsite o where exists (select 1 from health_test t where t.worker_id = o.worker_id
                                  and t.result = 'NEGATIVE' and t.sampled_at < ?3 and t.sampled_at >= ?4)
                                  and not exists (select 1 from health_test t where t.worker_id = o.worker_id and t.result = 'POSITIVE'
                                  and t.sampled_at < ?3 and t.sampled_at >= ?4)),
                               (select count(*) from gate_scan s where s.gate_park_id = ?1 and s.scanned_at >= ?2 and s.scanned_at < ?3
                                  and s.temperature >= ?5),
                               (select count(*) from health_incident i where i.park_id = ?1 and i.opened_at >= ?2 and i.opened_at < ?3)""")
                .setParameter(1, parkId).setParameter(2, java.sql.Timestamp.from(start)).setParameter(3, java.sql.Timestamp.from(asOf))
                .setParameter(4, java.sql.Timestamp.from(asOf.minus(Duration.ofHours(hours)))).setParameter(5, rules.feverThreshold())
                .getSingleResult();
        int onSite = ((Number) r[0]).intValue();
        int covered = ((Number) r[1]).intValue();
        return new HealthFigures(parkId, d, onSite, covered, onSite - covered,
                onSite == 0 ? null : Math.round(covered * 1000.0 / onSite) / 10.0, ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                hours, asOf);
    }

    /**
     * The health figures of a day for every park in the caller's scope (administrators and analysts: all; liaison
     * officers: their parks), or of one park: the dashboard's table. Computed live, one statement per park
     * ({@link #figures}); {@code day} null is each park's today.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ParkHealthRow> byPark(java.time.LocalDate day, Long parkId) {
        Caller c = access.require(Role.ADMIN, Role.ANALYST, Role.LIAISON);
        return em.createQuery("select p from Park p order by p.code", Park.class).getResultList().stream()
                .filter(p -> parkId == null || parkId.longValue() == p.getId())
                .filter(p -> !c.is(Role.LIAISON) || c.parkIds().contains(p.getId()))
                .map(p -> new ParkHealthRow(p.getId(), p.getName(), figures(p.getId(), day)))
                .toList();
    }

    /** The park's policy in force (the default when it set none): every signed-in role but guards. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PolicyRow policy(long parkId) {
        access.require(Role.ADMIN, Role.LIAISON, Role.ANALYST, Role.FIRM_MANAGER);
        park(parkId);
        HealthPolicy p = current(parkId);
        return p == null ? PolicyRow.defaultOf(parkId) : PolicyRow.of(p);
    }

    /** Every version of the park's policy, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyRow> policyHistory(long parkId) {
        access.require(Role.ADMIN, Role.LIAISON, Role.ANALYST, Role.FIRM_MANAGER);
        park(parkId);
        return em.createQuery("select p from HealthPolicy p where p.parkId = :park order by p.id desc", HealthPolicy.class)
                .setParameter("park", parkId).getResultList().stream().map(PolicyRow::of).toList();
    }

    /** Sets a new version of the park's policy: administrators and the park's liaison officers (403 for another park's). */
    public PolicyRow setPolicy(long parkId, PolicyData data) {
        access.checkParkSteward(parkId);
        park(parkId);
        PolicyData d = data == null ? new PolicyData(null, null, null, null) : data;
        List<FieldError> more = new ArrayList<>();
        BigDecimal threshold = d.feverThreshold() == null ? HealthRules.DEFAULT_FEVER : d.feverThreshold();
        if (threshold.compareTo(LOWEST_THRESHOLD) < 0 || threshold.compareTo(HIGHEST_THRESHOLD) > 0
                || threshold.stripTrailingZeros().scale() > 1) {
            more.add(new FieldError("feverThreshold", "health.policy.threshold"));
        }
        validation.check(d, more);
        HealthPolicy old = current(parkId);
        HealthPolicy p = new HealthPolicy(parkId, new HealthRules.Policy(d.testIntervalHours(), d.overdueAction(),
                threshold.setScale(1, RoundingMode.UNNECESSARY), Boolean.TRUE.equals(d.suspendFirm())), clock.instant(),
                access.caller().username());
        em.persist(p);
        em.flush();
        audit.record(new Subject("HealthPolicy", p.getId(), null, parkId), "SET", old == null ? null : snapshot(old), snapshot(p), null);
        return PolicyRow.of(p);
    }

    /** The rules in force at the park, for the outbreak response (no access check: callers have checked). */
    HealthRules.Policy rules(long parkId) {
        HealthPolicy p = current(parkId);
        return p == null ? HealthRules.Policy.DEFAULT : p.rules();
    }

    private HealthPolicy current(long parkId) {
        return em.createQuery("select p from HealthPolicy p where p.parkId = :park order by p.id desc", HealthPolicy.class)
                .setParameter("park", parkId).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    private Park park(long parkId) {
        Park p = em.find(Park.class, parkId);
        if (p == null) {
            throw DomainException.notFound();
        }
        return p;
    }

    static Subject subject(HealthTest t) {
        return new Subject("HealthTest", t.getId(), t.getFirmId(), t.getParkId());
    }

    /** Audit snapshots never hold the full resident ID or name. */
    static Map<String, Object> snapshot(HealthTest t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker", Masking.name(t.getWorker().getName()));
        m.put("residentId", Masking.residentId(t.getWorker().getResidentId()));
        m.put("sampledAt", t.getSampledAt().toString());
        m.put("result", t.getResult().name());
        m.put("site", t.getSite());
        m.put("source", t.getSource().name());
        return m;
    }

    static Map<String, Object> snapshot(HealthPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testIntervalHours", p.getTestIntervalHours());
        m.put("overdueAction", p.getOverdueAction().name());
        m.put("feverThreshold", p.getFeverThreshold().toPlainString());
        m.put("suspendFirm", p.isSuspendFirm());
        return m;
    }
}
