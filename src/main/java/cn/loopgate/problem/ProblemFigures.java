package cn.loopgate.problem;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.park.Park;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bureau's figures on problems (bureau/problems.xhtml, GET /problems/stats): open and overdue per
 * park and category, and the average hours from raised to resolved. Scoped like every list: analysts
 * and administrators see all parks, a liaison officer their own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProblemFigures {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    Clock clock;

    /** Open and overdue problems per park and category, and the average time to resolve. */
    public ProblemView.Stats stats() {
        access.require(Role.ANALYST, Role.ADMIN, Role.LIAISON);
        FirmScope scope = access.firmScope();
        Instant now = clock.instant();
        String scoped = " and " + scope.where("p.firm.id", "p.parkId");
        Query open = em.createQuery("select p.parkId, p.category, count(p) from Problem p where p.status in :openOnly"
                + scoped + " group by p.parkId, p.category").setParameter("openOnly", Status.OPEN);
        Map<String, Object> overdueParams = new HashMap<>();
        ProblemService.bindOverdue(overdueParams, now);
        Query late = em.createQuery("select p.parkId, p.category, count(p) from Problem p where " + ProblemService.OVERDUE
                + scoped + " group by p.parkId, p.category");
        overdueParams.forEach(late::setParameter);
        scope.bind(open);
        scope.bind(late);
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Object[] r : rows(open)) {
            counts.computeIfAbsent(r[0] + "|" + r[1], k -> new long[2])[0] = (Long) r[2];
        }
        for (Object[] r : rows(late)) {
            counts.computeIfAbsent(r[0] + "|" + r[1], k -> new long[2])[1] = (Long) r[2];
        }
        Map<Long, Park> parks = new HashMap<>();
        em.createNamedQuery("Park.all", Park.class).getResultList().forEach(pk -> parks.put(pk.getId(), pk));
        List<ProblemView.StatsRow> result = new ArrayList<>();
        long openTotal = 0;
        long overdueTotal = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] key = e.getKey().split("\\|");
            Park pk = parks.get(Long.parseLong(key[0]));
            result.add(new ProblemView.StatsRow(pk.getId(), pk.getCode(), pk.getName(), Category.valueOf(key[1]),
                    e.getValue()[0], e.getValue()[1]));
            openTotal += e.getValue()[0];
            overdueTotal += e.getValue()[1];
        }
        result.sort(Comparator.comparing(ProblemView.StatsRow::parkCode).thenComparing(ProblemView.StatsRow::category));
        TypedQuery<Object[]> resolved = em.createQuery("select p.raisedAt, p.resolvedAt from Problem p where p.resolvedAt is not null"
                + scoped, Object[].class);
        scope.bind(resolved);
        List<Object[]> times = resolved.getResultList();
        Double average = times.isEmpty() ? null : Math.round(times.stream()
                .mapToLong(t -> Duration.between((Instant) t[0], (Instant) t[1]).toMinutes())
                .average().orElse(0) / 6.0) / 10.0;
        return new ProblemView.Stats(now, result, openTotal, overdueTotal, times.size(), average);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }
}
