package cn.loopgate.home;

import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.park.Park;
import cn.loopgate.plan.PlanStatus;
import cn.loopgate.problem.Status;
import cn.loopgate.report.Board;
import cn.loopgate.report.BoardService;
import cn.loopgate.report.BoardStatus;
import cn.loopgate.report.DailyReport;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Builds each role's home page in one transaction: counts by the caller's scope (AccessPolicy's FirmScope),
 * so a manager counts their firm only and a liaison their parks.
 */
@ApplicationScoped
@Transactional
public class HomeService {

    /** "Decided" on the manager's home page means decided within this window: the news, not the archive. */
    static final Duration RECENT = Duration.ofDays(7);

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    BoardService boards;
    @Inject
    Clock clock;

    public Home.Manager manager() {
        Caller c = access.require(Role.FIRM_MANAGER);
        if (c.firmId() == null) {
            throw DomainException.forbidden();
        }
        Firm firm = em.find(Firm.class, c.firmId());
        access.checkRead(firm.getId(), firm.getPark().getId());
        Instant now = clock.instant();
        Park park = firm.getPark();
        LocalDate today = park.today(now);
        Instant deadline = park.deadlineOf(today);
        List<DailyReport> filed = em.createQuery("select r from DailyReport r where r.firmId = :f and r.reportDate = :d", DailyReport.class)
                .setParameter("f", firm.getId()).setParameter("d", today).getResultList();
        Home.ReportDue report = !filed.isEmpty()
                ? new Home.ReportDue("FILED", deadline, filed.get(0).getSubmittedAt(), filed.get(0).isLate())
                : new Home.ReportDue(now.isBefore(deadline) ? "DUE" : "MISSED", deadline, null, false);
        List<Object[]> plan = em.createQuery("select p.status, p.currentVersion from ResumptionPlan p where p.firmId = :f", Object[].class)
                .setParameter("f", firm.getId()).setMaxResults(1).getResultList();
        Instant since = now.minus(RECENT);
        return new Home.Manager(firm.getName(), report,
                plan.isEmpty() ? null : ((PlanStatus) plan.get(0)[0]).name(), plan.isEmpty() ? 0 : (Integer) plan.get(0)[1],
                count("select count(b) from CardBatch b where b.firm.id = :f and b.decidedAt is null", firm.getId(), null),
                count("select count(b) from CardBatch b where b.firm.id = :f and b.decidedAt >= :since", firm.getId(), since),
                count("select count(p) from VehiclePass p where p.firm.id = :f and p.decidedAt is null", firm.getId(), null),
                count("select count(p) from VehiclePass p where p.firm.id = :f and p.decidedAt >= :since", firm.getId(), since),
                em.createQuery("select count(p) from Problem p where p.firm.id = :f and p.status = :s", Long.class)
                        .setParameter("f", firm.getId()).setParameter("s", Status.RESOLVED).getSingleResult(),
                em.createQuery("select count(p) from Problem p where p.firm.id = :f and p.status in :s", Long.class)
                        .setParameter("f", firm.getId()).setParameter("s", Status.OPEN).getSingleResult());
    }

    public Home.Liaison liaison() {
        access.require(Role.LIAISON);
        Board board = boards.board(null);
        List<Board.Row> silent = board.rows().stream().filter(r -> r.status() == BoardStatus.MISSING).toList();
        FirmScope scope = access.firmScope();
        return new Home.Liaison(silent, board.pending(), board.missing(),
                scoped("select count(p) from ResumptionPlan p where p.status = :s and " + scope.where("p.firmId", "p.parkId"), scope,
                        "s", PlanStatus.SUBMITTED),
                scoped("select count(b) from CardBatch b where b.decidedAt is null and " + scope.where("b.firm.id", "b.parkId"), scope),
                scoped("select count(p) from VehiclePass p where p.decidedAt is null and " + scope.where("p.firm.id", "p.parkId"), scope),
                overdueProblems(scope));
    }

    public Home.Analyst analyst() {
        access.require(Role.ANALYST, Role.ADMIN);
        Board board = boards.board(null);
        FirmScope scope = access.firmScope();
        // What changed: today's figures so far against the previous (closed) day's, same parks.
        LocalDate today = board.rows().stream().map(Board.Row::day).max(Comparator.naturalOrder()).orElse(null);
        LocalDate previous = today == null ? null : today.minusDays(1);
        List<Home.Change> changes = List.of();
        if (previous != null) {
            Board before = boards.board(previous);
            changes = List.of(new Home.Change("board.reported", board.reported(), before.reported()),
                    new Home.Change("board.missing", board.missing(), before.missing()),
                    new Home.Change("board.abnormal", board.abnormal(), before.abnormal()),
                    new Home.Change("board.late", board.late(), before.late()));
        }
        return new Home.Analyst(board.rows().size(), board.reported(), board.pending(), board.missing(), board.abnormal(),
                board.late(),
                scoped("select count(p) from ResumptionPlan p where p.status = :s and " + scope.where("p.firmId", "p.parkId"), scope,
                        "s", PlanStatus.SUBMITTED),
                overdueProblems(scope), board.at(), previous, changes);
    }

    public Home.Admin admin() {
        access.requireAdmin();
        Instant now = clock.instant();
        List<Home.Locked> locked = em.createQuery(
                        "select u.username, u.displayName, u.lockedUntil from UserAccount u where u.lockedUntil > :now order by u.lockedUntil desc",
                        Object[].class).setParameter("now", now).setMaxResults(50).getResultList().stream()
                .map(r -> new Home.Locked((String) r[0], (String) r[1], (Instant) r[2])).toList();
        return new Home.Admin(
                em.createQuery("select count(d) from District d", Long.class).getSingleResult(),
                em.createQuery("select count(p) from Park p", Long.class).getSingleResult(),
                em.createQuery("select count(f) from Firm f", Long.class).getSingleResult(),
                em.createQuery("select count(f) from Firm f where not exists (select u from UserAccount u where u.firmId = f.id and u.role = :r)", Long.class)
                        .setParameter("r", Role.FIRM_MANAGER).getSingleResult(),
                users(Role.LIAISON), users(Role.GUARD),
                em.createQuery("select count(k) from SigningKey k", Long.class).getSingleResult(),
                locked);
    }

    private long users(Role role) {
        return em.createQuery("select count(u) from UserAccount u where u.role = :r and u.enabled = true", Long.class)
                .setParameter("r", role).getSingleResult();
    }

    private long overdueProblems(FirmScope scope) {
        Query q = em.createQuery("select count(p) from Problem p where p.status in :s and p.resolveDue < :now and "
                + scope.where("p.firm.id", "p.parkId"));
        q.setParameter("s", Status.OPEN).setParameter("now", clock.instant());
        return ((Number) scope.bind(q).getSingleResult()).longValue();
    }

    private long count(String jpql, long firmId, Instant since) {
        Query q = em.createQuery(jpql).setParameter("f", firmId);
        if (since != null) {
            q.setParameter("since", since);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    private long scoped(String jpql, FirmScope scope, Object... params) {
        Query q = em.createQuery(jpql);
        for (int i = 0; i < params.length; i += 2) {
            q.setParameter((String) params[i], params[i + 1]);
        }
        return ((Number) scope.bind(q).getSingleResult()).longValue();
    }
}
