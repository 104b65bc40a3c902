package cn.loopgate.report;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The liaison officer's workspace over reports: today's board for their parks (each park's own
 * "today"), and the one-click reminder to the firms that have not reported yet.
 */
@ApplicationScoped
@Transactional
public class BoardService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    NotificationService notifications;
    @Inject
    AuditService audit;
    @Inject
    Clock clock;

    /** The result of a reminder: how many firms and how many of their managers were reminded. */
    public record Reminded(int firms, int recipients) {
    }

    /**
     * The board for {@code day} (null: today in each park), for liaison officers (their parks) and
     * analysts and administrators (all parks).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Board board(LocalDate day) {
        access.require(Role.LIAISON, Role.ANALYST, Role.ADMIN);
        Instant now = clock.instant();
        List<Board.Row> rows = new ArrayList<>();
        for (Park park : parksInScope(null)) {
            rows.addAll(rowsOf(park, day == null ? park.today(now) : day, now));
        }
        rows.sort(Comparator.comparing(Board.Row::status).thenComparing(Board.Row::parkCode).thenComparing(Board.Row::firmName));
        return Board.of(now, rows);
    }

    /** Reminds the managers of every firm of the liaison's parks (or one of them) without a report today. */
    public Reminded remindMissing(Long parkId) {
        Caller c = access.require(Role.LIAISON);
        Instant now = clock.instant();
        int firms = 0;
        int recipients = 0;
        for (Park park : parksInScope(parkId)) {
            LocalDate today = park.today(now);
            List<Board.Row> missing = rowsOf(park, today, now).stream().filter(r -> r.status() == BoardStatus.MISSING).toList();
            for (Board.Row r : missing) {
                List<Long> managers = notifications.managersOfFirm(r.firmId());
                notifications.notify(managers, "REPORT_REMINDER", "report.notify.reminder", "/firm/reports.xhtml",
                        r.firmName(), today.toString());
                recipients += managers.size();
            }
            firms += missing.size();
            if (!missing.isEmpty()) {
                audit.record(new Subject("Park", park.getId(), null, park.getId()), "REMIND_MISSING", null,
                        Map.of("day", today.toString(), "firms", missing.stream().map(Board.Row::firmId).toList()), c.username());
            }
        }
        return new Reminded(firms, recipients);
    }

    private List<Park> parksInScope(Long parkId) {
        FirmScope scope = access.firmScope();
        // A firm-bound liaison officer's parks are those of their firms (rowsOf then keeps their firms only).
        java.util.Set<Long> touched = scope.kind() != FirmScope.Kind.FIRMS ? java.util.Set.of() : java.util.Set.copyOf(
                scope.bind(em.createQuery("select distinct f.park.id from Firm f where " + scope.where("f.id", "f.park.id"), Long.class))
                        .getResultList());
        List<Park> parks = em.createQuery("select p from Park p order by p.code", Park.class).getResultList().stream()
                .filter(p -> scope.includesPark(p.getId()) || touched.contains(p.getId())).toList();
        if (parkId == null) {
            return parks;
        }
        List<Park> one = parks.stream().filter(p -> p.getId().equals(parkId)).toList();
        if (one.isEmpty()) {
            throw DomainException.notFound();
        }
        return one;
    }

    /**
     * The park's firms registered by {@code day} with their report of the day, in one statement of the columns the
     * board shows (no entities: a park of 6,667 firms at ten times the city built 13,000 of them per request,
     * docs/performance.md "A province").
     */
    private List<Board.Row> rowsOf(Park park, LocalDate day, Instant now) {
        Instant deadline = park.deadlineOf(day);
        boolean overdue = !now.isBefore(deadline);
        FirmScope scope = access.firmScope();
        List<Object[]> found = scope.bind(em.createQuery("select f.id, f.name, f.registeredStaff, f.contactPhone,"
                        + " r.id, r.zeroReport, r.late, r.submittedAt, r.staffOnSite, r.abnormalDetails, r.onBehalf"
                        + " from Firm f left join DailyReport r on r.firmId = f.id and r.reportDate = :d"
                        + " where f.park = :p and f.registeredOn <= :d and " + scope.where("f.id", "f.park.id")
                        + " order by f.name", Object[].class))
                .setParameter("p", park).setParameter("d", day).getResultList();
        List<Board.Row> rows = new ArrayList<>(found.size());
        for (Object[] f : found) {
            Long reportId = (Long) f[4];
            boolean reported = reportId != null;
            BoardStatus status = !reported ? BoardStatus.MISSING : Boolean.TRUE.equals(f[5]) ? BoardStatus.ZERO : BoardStatus.ABNORMAL;
            rows.add(new Board.Row((Long) f[0], (String) f[1], park.getId(), park.getCode(), day, status,
                    reported && Boolean.TRUE.equals(f[6]), reportId, (Instant) f[7], (Integer) f[8], (Integer) f[2],
                    (String) f[9], reported && Boolean.TRUE.equals(f[10]), park.getName(), (String) f[3], deadline, overdue));
        }
        return rows;
    }
}
