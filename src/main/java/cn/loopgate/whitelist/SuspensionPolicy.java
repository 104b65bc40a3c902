package cn.loopgate.whitelist;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.report.ReportFiled;
import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The park policy "suspend after N missed daily reports in a row" (park.suspendAfterMissed; off when
 * null). A missed day is a past park-day after the firm's registration day with no report; the run
 * counts back from yesterday to the firm's latest report. Reaching N suspends the firm (all its cards
 * and passes read SUSPENDED at the gate); reporting again (the {@link ReportFiled} event, or the next
 * evaluation) restores it. Only suspensions this policy made are lifted by it: their reason starts
 * with the policy's tag. Evaluated hourly, on every report, and on demand.
 */
@ApplicationScoped
@Transactional
public class SuspensionPolicy {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    NotificationService notifications;
    @Inject
    Clock clock;

    public record Outcome(int checked, int suspended, int restored) {
    }

    /** On demand: administrators for every park, liaison officers for theirs. */
    public Outcome evaluateNow() {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        if (c.isFirmBoundLiaison()) {
            throw cn.loopgate.shared.DomainException.forbidden(); // a park-level run: park-wide liaison officers only
        }
        return evaluate(c.is(Role.ADMIN) ? null : c.parkIds());
    }

    /** The scheduled run: every park, as the system. */
    public Outcome evaluateAll() {
        return evaluate(null);
    }

    /** A report restores a suspended firm at once, in the filing transaction. */
    void onReport(@Observes ReportFiled filed) {
        Firm firm = em.find(Firm.class, filed.firmId());
        if (firm == null || firm.getPark().getSuspendAfterMissed() == null && !firm.isSuspended()) {
            return; // no policy and nothing to lift: the common case costs no query
        }
        Instant now = clock.instant();
        Map<Long, LocalDate> latest = new HashMap<>();
        // A report for yesterday or today leaves no missed day, whatever the firm filed before it.
        LocalDate day = filed.day().isBefore(firm.getPark().today(now).minusDays(1)) ? max(lastReport(firm.getId()), filed.day())
                : filed.day();
        latest.put(firm.getId(), day);
        apply(firm, latest, now);
    }

    private Outcome evaluate(Set<Long> parks) {
        Instant now = clock.instant();
        String where = "(p.suspendAfterMissed is not null or f.suspendedSince is not null)" + (parks == null ? "" : " and p.id in :parks");
        var q = em.createQuery("select f from Firm f join fetch f.park p where " + where + " order by f.id", Firm.class);
        if (parks != null) {
            if (parks.isEmpty()) {
                return new Outcome(0, 0, 0);
            }
            q.setParameter("parks", parks);
        }
        List<Firm> firms = q.getResultList();
        Map<Long, LocalDate> latest = new HashMap<>();
        for (Object[] r : em.createQuery("select r.firmId, max(r.reportDate) from DailyReport r group by r.firmId", Object[].class)
                .getResultList()) {
            latest.put((Long) r[0], (LocalDate) r[1]);
        }
        int suspended = 0;
        int restored = 0;
        for (Firm f : firms) {
            int change = apply(f, latest, now);
            if (change > 0) {
                suspended++;
            } else if (change < 0) {
                restored++;
            }
        }
        return new Outcome(firms.size(), suspended, restored);
    }

    /** Suspends (+1), restores (-1) or leaves (0) one firm. */
    private int apply(Firm f, Map<Long, LocalDate> latest, Instant now) {
        Integer limit = f.getPark().getSuspendAfterMissed();
        boolean ours = isOurs(f);
        int missed = missedInRow(f.getRegisteredOn(), latest.get(f.getId()), f.getPark().today(now));
        if (limit != null && missed >= limit && !f.isSuspended()) {
            Map<String, Object> before = state(f);
            f.suspend(tag() + Messages.get(Messages.DEFAULT_LOCALE, "suspension.reason", missed), now);
            audit.record(subject(f), "POLICY_SUSPEND", before, state(f), "missed " + missed + " daily reports in a row");
            notifications.notify(notifications.managersOfFirm(f.getId()), "SUSPENSION", "suspension.notice.suspended",
                    "/firm/cards.xhtml", missed);
            return 1;
        }
        if (ours && (limit == null || missed < limit)) {
            Map<String, Object> before = state(f);
            f.lift(now);
            audit.record(subject(f), "POLICY_LIFT", before, state(f), limit == null ? "policy off" : "reported again");
            notifications.notify(notifications.managersOfFirm(f.getId()), "SUSPENSION", "suspension.notice.lifted", "/firm/cards.xhtml");
            return -1;
        }
        return 0;
    }

    /** Past days after registration and after the latest report, up to yesterday. */
    public static int missedInRow(LocalDate registeredOn, LocalDate lastReport, LocalDate today) {
        LocalDate from = lastReport == null || lastReport.isBefore(registeredOn) ? registeredOn : lastReport;
        long days = ChronoUnit.DAYS.between(from, today) - 1;
        return (int) Math.max(0, Math.min(days, 10_000));
    }

    /** Whether the firm's current suspension was made by this policy. */
    public static boolean isOurs(Firm f) {
        return f.isSuspended() && f.getSuspendedReason() != null && f.getSuspendedReason().startsWith(tag());
    }

    private LocalDate lastReport(long firmId) {
        return em.createQuery("select max(r.reportDate) from DailyReport r where r.firmId = :f", LocalDate.class)
                .setParameter("f", firmId).getSingleResult();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String tag() {
        return Messages.get(Messages.DEFAULT_LOCALE, "suspension.tag");
    }

    private static Subject subject(Firm f) {
        return new Subject("Firm", f.getId(), f.getId(), f.getPark().getId());
    }

    private static Map<String, Object> state(Firm f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suspended", f.isSuspended());
        if (f.getSuspendedReason() != null) {
            m.put("reason", f.getSuspendedReason());
        }
        return m;
    }
}
