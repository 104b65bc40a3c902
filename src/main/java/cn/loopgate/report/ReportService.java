package cn.loopgate.report;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filing daily reports: one row per firm and park-day whatever happens (the first filing inserts
 * with {@code ON CONFLICT DO NOTHING}, so concurrent identical submissions meet the same row); the
 * same facts again answer the existing report; different facts are a correction, allowed until the
 * day's deadline, afterwards only inside a window the liaison opened. Every filing and correction
 * fires {@link ReportFiled}; an abnormal one alerts the park's liaison officers at once.
 */
@ApplicationScoped
@Transactional
public class ReportService {

    /** How many days back a missed report may still be filed (marked late). */
    public static final int BACKFILL_DAYS = 7;
    private static final Jsonb JSON = JsonbBuilder.create();

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
    Validation validation;
    @Inject
    Event<ReportFiled> filedEvents;
    @Inject
    Clock clock;

    /** The outcome of a filing: the report, and whether this call created it. */
    public record Filed(DailyReport report, boolean created) {
    }

    /** An earlier state of a corrected report. */
    public record Revision(int revision, String snapshot, Instant replacedAt, String replacedBy, String reason) {
    }

    /** Files (or corrects) the firm's report for {@code day} (null: today in the park). */
    public Filed file(long firmId, LocalDate day, ReportFacts facts) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        return record(firm, c, day, facts, null);
    }

    /**
     * The park's liaison officer files or corrects the firm's report for it (代报), when its manager cannot.
     * Marked on the report ({@code onBehalf}, {@code submittedBy} = the officer) and in the audit with the
     * reason; a correction keeps what the firm filed as a revision, like every correction, and the firm's
     * managers are told. The officer may correct after the deadline (they are who opens correction windows),
     * within the same {@link #BACKFILL_DAYS} days as a filing.
     */
    public Filed fileOnBehalf(long firmId, LocalDate day, ReportFacts facts, String reason) {
        Firm firm = firms.get(firmId);
        Caller c = access.checkLiaison(firm.getId(), firm.getPark().getId());
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 300) {
            throw DomainException.invalid("reason", why.isEmpty() ? "report.onBehalf.reasonRequired" : "report.onBehalf.reasonLength", 300);
        }
        Filed filed = record(firm, c, day, facts, why);
        notifications.notify(notifications.managersOfFirm(firm.getId()), "REPORT", "report.notify.onBehalf",
                "/firm/reports.xhtml", filed.report().getReportDate().toString(), c.displayName(), why);
        return filed;
    }

    /** Files or corrects; {@code onBehalfReason} non-null when a liaison officer files for the firm. */
    private Filed record(Firm firm, Caller c, LocalDate day, ReportFacts facts, String onBehalfReason) {
        boolean onBehalf = onBehalfReason != null;
        Park park = firm.getPark();
        Instant now = clock.instant();
        LocalDate today = park.today(now);
        LocalDate d = day == null ? today : day;
        ReportFacts f = normalized(facts);
        List<FieldError> more = new ArrayList<>();
        if (d.isAfter(today)) {
            more.add(new FieldError("reportDate", "report.futureDay"));
        } else if (d.isBefore(today.minusDays(BACKFILL_DAYS))) {
            more.add(new FieldError("reportDate", "report.tooOld", BACKFILL_DAYS));
        }
        if (f.staffOnSite() > firm.getRegisteredStaff()) {
            more.add(new FieldError("staffOnSite", "report.staffAboveRegistered", firm.getRegisteredStaff()));
        }
        if (f.abnormal() && f.abnormalDetails() == null) {
            more.add(new FieldError("abnormalDetails", "report.detailsRequired"));
        }
        validation.check(f, more);

        boolean late = now.isAfter(park.deadlineOf(d));
        // One round trip creates the row and reads it back (RETURNING *, mapped to the entity).
        List<?> inserted = em.createNativeQuery("""
                        insert into daily_report (firm_id, park_id, report_date, submitted_at, submitted_by, late, zero_report,
                            staff_on_site, registered_staff, temperature_checks, fever_count, symptom_count, positive_count,
                            isolated_count, tests_done, abnormal_details, production_status, capacity_pct, on_behalf)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, nullif(cast(?16 as varchar), ''), ?17, ?18, ?19)
                        on conflict (firm_id, report_date) do nothing returning *""", DailyReport.class)
                .setParameter(1, firm.getId()).setParameter(2, park.getId()).setParameter(3, java.sql.Date.valueOf(d))
                .setParameter(4, Timestamp.from(now)).setParameter(5, c.username()).setParameter(6, late)
                .setParameter(7, !f.abnormal()).setParameter(8, f.staffOnSite()).setParameter(9, firm.getRegisteredStaff())
                .setParameter(10, f.temperatureChecks()).setParameter(11, f.feverCount()).setParameter(12, f.symptomCount())
                .setParameter(13, f.positiveCount()).setParameter(14, f.isolatedCount()).setParameter(15, f.testsDone())
                .setParameter(16, f.abnormalDetails() == null ? "" : f.abnormalDetails())
                .setParameter(17, f.productionStatus().name()).setParameter(18, f.capacityPct()).setParameter(19, onBehalf)
                .getResultList();
        if (!inserted.isEmpty()) {
            DailyReport r = (DailyReport) inserted.get(0);
            audit.record(subject(r), onBehalf ? "FILE_ON_BEHALF" : "FILE", null, snapshot(r), onBehalfReason);
            afterFiling(firm, r);
            return new Filed(r, true);
        }
        // The row exists (perhaps committed a moment ago by a concurrent identical request): lock it.
        DailyReport r = em.createQuery("select r from DailyReport r where r.firmId = :f and r.reportDate = :d", DailyReport.class)
                .setParameter("f", firm.getId()).setParameter("d", d)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        if (r.facts().equals(f)) {
            return new Filed(r, false);
        }
        boolean beforeDeadline = !now.isAfter(park.deadlineOf(d));
        boolean consented = r.getCorrectionUntil() != null && !now.isAfter(r.getCorrectionUntil());
        if (!beforeDeadline && !consented && !onBehalf) {
            throw DomainException.invalid("reportDate", "report.correctionClosed");
        }
        Map<String, Object> before = snapshot(r);
        em.createNativeQuery("insert into daily_report_revision (report_id, revision, snapshot, replaced_at, replaced_by, reason) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, r.getId()).setParameter(2, r.getRevision()).setParameter(3, JSON.toJson(before))
                .setParameter(4, Timestamp.from(now)).setParameter(5, c.username())
                .setParameter(6, onBehalf ? "on-behalf: " + onBehalfReason : beforeDeadline ? "before-deadline" : "consented")
                .executeUpdate();
        r.nextRevision();
        r.fill(f, now, c.username(), r.isLate(), onBehalf);
        em.flush();
        audit.record(subject(r), onBehalf ? "CORRECT_ON_BEHALF" : "CORRECT", before, snapshot(r), onBehalfReason);
        afterFiling(firm, r);
        return new Filed(r, false);
    }

    /** Today's zero-report in one action: the last report's figures, nothing abnormal. */
    public Filed fileZero(long firmId) {
        return file(firmId, null, zeroFacts(firmId));
    }

    /** What a zero-report would state: pre-filled from the firm's last report (or nobody on site). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReportFacts zeroFacts(long firmId) {
        Firm firm = firms.get(firmId);
        List<DailyReport> last = em.createQuery("select r from DailyReport r where r.firmId = :f order by r.reportDate desc", DailyReport.class)
                .setParameter("f", firm.getId()).setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            return new ReportFacts(0, 0, 0, 0, 0, 0, 0, null, ProductionStatus.STOPPED, 0);
        }
        DailyReport r = last.get(0);
        int staff = Math.min(r.getStaffOnSite(), firm.getRegisteredStaff());
        return new ReportFacts(staff, Math.min(r.getTemperatureChecks(), 1_000_000), 0, 0, 0, 0, r.getTestsDone(), null,
                r.getProductionStatus(), r.getCapacityPct());
    }

    /** The liaison lets the firm correct a report after its deadline, for {@code hours} from now. */
    public DailyReport allowCorrection(long reportId, int hours, String reason) {
        DailyReport r = get(reportId);
        access.checkLiaison(r.getFirmId(), r.getParkId());
        if (hours < 1 || hours > 168) {
            throw DomainException.invalid("hours", "report.hoursRange", 1, 168);
        }
        Map<String, Object> before = snapshot(r);
        r.allowCorrectionUntil(clock.instant().plus(Duration.ofHours(hours)));
        audit.record(subject(r), "REOPEN", before, snapshot(r), reason);
        notifications.notify(notifications.managersOfFirm(r.getFirmId()), "REPORT", "report.notify.reopened",
                "/firm/reports.xhtml", r.getReportDate().toString(), hours);
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DailyReport get(long reportId) {
        DailyReport r = em.find(DailyReport.class, reportId);
        if (r == null) {
            throw DomainException.notFound();
        }
        access.checkRead(r.getFirmId(), r.getParkId());
        return r;
    }

    /** The firm's report for today in its park, if filed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DailyReport today(long firmId) {
        Firm firm = firms.get(firmId);
        List<DailyReport> l = em.createQuery("select r from DailyReport r where r.firmId = :f and r.reportDate = :d", DailyReport.class)
                .setParameter("f", firm.getId()).setParameter("d", firm.getPark().today(clock.instant())).getResultList();
        return l.isEmpty() ? null : l.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalDate todayOf(long firmId) {
        return firms.get(firmId).getPark().today(clock.instant());
    }

    /** The firm's reports, newest first, optionally between two days (inclusive). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DailyReport> history(long firmId, LocalDate from, LocalDate to, int offset, int limit) {
        Firm firm = firms.get(firmId);
        String where = " where r.firmId = :f" + (from == null ? "" : " and r.reportDate >= :from") + (to == null ? "" : " and r.reportDate <= :to");
        var q = em.createQuery("select r from DailyReport r" + where + " order by r.reportDate desc", DailyReport.class);
        var count = em.createQuery("select count(r) from DailyReport r" + where, Long.class);
        for (var query : List.of(q, count)) {
            query.setParameter("f", firm.getId());
            if (from != null) {
                query.setParameter("from", from);
            }
            if (to != null) {
                query.setParameter("to", to);
            }
        }
        return new Page<>(q.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult(), offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> revisions(long reportId) {
        get(reportId);
        List<Object[]> rows = em.createNativeQuery("select revision, snapshot, replaced_at, replaced_by, reason from daily_report_revision "
                + "where report_id = ?1 order by revision").setParameter(1, reportId).getResultList();
        return rows.stream().map(r -> new Revision(((Number) r[0]).intValue(), (String) r[1], toInstant(r[2]), (String) r[3], (String) r[4])).toList();
    }

    private void afterFiling(Firm firm, DailyReport r) {
        filedEvents.fire(new ReportFiled(r.getFirmId(), r.getParkId(), r.getReportDate(), r.isAbnormal(), r.isLate()));
        if (r.isAbnormal()) {
            notifications.notify(notifications.liaisonsOfFirm(r.getFirmId(), r.getParkId()), "REPORT_ABNORMAL", "report.notify.abnormal",
                    "/liaison/board.xhtml", firm.getName(), r.getReportDate().toString(),
                    r.getFeverCount(), r.getSymptomCount(), r.getPositiveCount(), r.getIsolatedCount());
        }
    }

    private static ReportFacts normalized(ReportFacts f) {
        if (f == null) {
            return new ReportFacts(0, 0, 0, 0, 0, 0, 0, null, null, 0);
        }
        String details = f.abnormalDetails() == null || f.abnormalDetails().isBlank() ? null : f.abnormalDetails().strip();
        return new ReportFacts(f.staffOnSite(), f.temperatureChecks(), f.feverCount(), f.symptomCount(), f.positiveCount(),
                f.isolatedCount(), f.testsDone(), details, f.productionStatus(), f.capacityPct());
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }

    static Subject subject(DailyReport r) {
        return new Subject("DailyReport", r.getId(), r.getFirmId(), r.getParkId());
    }

    static Map<String, Object> snapshot(DailyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", r.getReportDate().toString());
        m.put("revision", r.getRevision());
        m.put("late", r.isLate());
        m.put("zero", r.isZeroReport());
        m.put("staffOnSite", r.getStaffOnSite());
        m.put("temperatureChecks", r.getTemperatureChecks());
        m.put("fever", r.getFeverCount());
        m.put("symptoms", r.getSymptomCount());
        m.put("positive", r.getPositiveCount());
        m.put("isolated", r.getIsolatedCount());
        m.put("testsDone", r.getTestsDone());
        m.put("details", r.getAbnormalDetails());
        m.put("production", r.getProductionStatus() == null ? null : r.getProductionStatus().name());
        m.put("capacityPct", r.getCapacityPct());
        m.put("submittedAt", r.getSubmittedAt() == null ? null : r.getSubmittedAt().toString());
        m.put("submittedBy", r.getSubmittedBy());
        m.put("onBehalf", r.isOnBehalf());
        m.put("correctionUntil", r.getCorrectionUntil() == null ? null : r.getCorrectionUntil().toString());
        return m;
    }
}
