package cn.loopgate.roster;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roster: the firm's manager keeps it; the park's liaison officer reads it (masked) to review
 * card applications. Nobody else sees workers.
 */
@ApplicationScoped
@Transactional
public class WorkerService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** Filters of the roster table; {@code text} matches the name, a whole ID or the ID's last four characters. */
    public record Filter(String text, Worker.Status status) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Worker> list(long firmId, Filter filter, int offset, int limit) {
        Firm firm = readableRoster(firmId);
        StringBuilder where = new StringBuilder(" where w.firm = :firm");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("firm", firm);
        if (filter != null && filter.text() != null && !filter.text().isBlank()) {
            String t = filter.text().strip().replace("%", "").replace("_", "").replace("\\", "");
            Worker.IdSearch id = Worker.IdSearch.of(t);
            where.append(" and (w.name like :name or w.residentIdIndex = :idIndex or w.residentIdTail = :idTail)");
            params.put("name", "%" + t + "%");
            params.put("idIndex", id.index());
            params.put("idTail", id.tail());
        }
        if (filter != null && filter.status() != null) {
            where.append(" and w.status = :status");
            params.put("status", filter.status());
        }
        TypedQuery<Worker> q = em.createQuery("select w from Worker w" + where + " order by w.name, w.id", Worker.class);
        TypedQuery<Long> count = em.createQuery("select count(w) from Worker w" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page<>(q.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult(), offset, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Worker get(long firmId, long workerId) {
        readableRoster(firmId);
        Worker w = em.find(Worker.class, workerId);
        if (w == null || w.getFirm().getId() != firmId) {
            throw DomainException.notFound();
        }
        return w;
    }

    /** How the caller may see this worker: in full only as the firm's own manager. */
    public WorkerView view(Worker w) {
        return access.canSeeUnmasked(w.getFirm().getId()) ? WorkerView.full(w) : WorkerView.masked(w);
    }

    public Worker add(long firmId, WorkerData data) {
        Firm firm = firms.get(firmId);
        access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        WorkerData d = data.normalized();
        List<FieldError> more = d.residentId() != null && find(firm, d.residentId()).isPresent()
                ? List.of(new FieldError("residentId", "validation.duplicateWorker")) : List.of();
        validation.check(d, more);
        Worker w = new Worker(firm, d, clock.instant());
        em.persist(w);
        em.flush();
        audit.record(subject(w), "CREATE", null, snapshot(w), null);
        return w;
    }

    public Worker update(long firmId, long workerId, WorkerData data) {
        Worker w = get(firmId, workerId);
        access.checkFirmWrite(firmId, w.getFirm().getPark().getId());
        WorkerData d = data.normalized();
        validation.check(new WorkerData(d.name(), w.getResidentId(), d.phone(), d.job(), d.joinedOn()));
        Map<String, Object> before = snapshot(w);
        w.update(new WorkerData(d.name(), w.getResidentId(), d.phone(), d.job(), d.joinedOn()), clock.instant());
        audit.record(subject(w), "UPDATE", before, snapshot(w), null);
        return w;
    }

    public Worker leave(long firmId, long workerId, String reason) {
        Worker w = get(firmId, workerId);
        access.checkFirmWrite(firmId, w.getFirm().getPark().getId());
        if (w.getStatus() == Worker.Status.LEFT) {
            throw DomainException.conflict("worker.alreadyLeft");
        }
        Map<String, Object> before = snapshot(w);
        w.leave(w.getFirm().getPark().today(clock.instant()), clock.instant());
        audit.record(subject(w), "LEAVE", before, snapshot(w), reason);
        return w;
    }

    /**
     * THE look-up of a worker by resident ID (the ID is sealed at rest; this compares blind indexes): the
     * firm's worker with that ID, whether active or left, if the caller may read the firm's roster (its
     * manager, the park's liaison officer). Roster imports and other features find workers only through it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Worker> findByResidentId(long firmId, String residentId) {
        Firm firm = readableRoster(firmId);
        if (residentId == null || residentId.isBlank()) {
            return Optional.empty();
        }
        return find(firm, residentId);
    }

    private Optional<Worker> find(Firm firm, String residentId) {
        return em.createQuery("select w from Worker w where w.firm = :firm and w.residentIdIndex = :idx", Worker.class)
                .setParameter("firm", firm).setParameter("idx", PersonalDataKeys.cipher().index(residentId))
                .getResultStream().findFirst();
    }

    /**
     * The blind indexes of the firm's roster, each with what the import compares (the import's check keys
     * its rows by {@link PersonalDataCipher#index}); nothing is decrypted.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Map<String, RosterImportCheck.Existing> rosterByIndex(Firm firm) {
        Map<String, RosterImportCheck.Existing> roster = new HashMap<>();
        for (Object[] w : em.createQuery("select w.residentIdIndex, w.name, w.phone, w.job, w.joinedOn, w.status from Worker w where w.firm = :firm", Object[].class)
                .setParameter("firm", firm).getResultList()) {
            roster.put((String) w[0], new RosterImportCheck.Existing((String) w[1], (String) w[2], (String) w[3], (LocalDate) w[4],
                    w[5] == Worker.Status.LEFT));
        }
        return roster;
    }

    private Firm readableRoster(long firmId) {
        Firm firm = firms.get(firmId);
        if (!access.canSeeWorkers(firm.getId(), firm.getPark().getId())) {
            throw DomainException.forbidden();
        }
        return firm;
    }

    public static Subject subject(Worker w) {
        return new Subject("Worker", w.getId(), w.getFirm().getId(), w.getFirm().getPark().getId());
    }

    /** Audit snapshots never hold the full ID or phone. */
    static Map<String, Object> snapshot(Worker w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", Masking.name(w.getName()));
        m.put("residentId", Masking.residentId(w.getResidentId()));
        m.put("phone", Masking.phone(w.getPhone()));
        m.put("job", w.getJob());
        m.put("status", w.getStatus().name());
        return m;
    }
}
