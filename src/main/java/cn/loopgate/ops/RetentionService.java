package cn.loopgate.ops;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Personal-data retention (PIPL): {@code loopgate.retention.days} after a park's closed loop ended
 * ({@link Park#getLoopEndedOn()}, in the park's calendar), the personal data of that park's people is
 * anonymised in place — workers (name, resident ID, phone; {@code anonymized_at} set), vehicle-pass
 * drivers and co-drivers, the holders of whitelist cards and vehicle passes (name and holder digest) —
 * and the stored roster import files are emptied. Figures stay: daily reports, counts, plans, permits'
 * numbers and validity. Rows already anonymised are left alone, so a run is idempotent; a run that
 * changed something leaves one audit entry for the park with the counts only.
 * <p>
 * Runs daily ({@link RetentionSchedule}) and on demand by an administrator
 * ({@code POST /api/v1/parks/{id}/retention}).
 */
@ApplicationScoped
@Transactional
public class RetentionService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.retention.days", defaultValue = "30")
    int days;

    /** What a run did in one park; {@code due} false means the park's data is not due yet. */
    public record Outcome(long parkId, LocalDate loopEndedOn, LocalDate dueOn, boolean due,
                          int workers, int passes, int permits, int rosterFiles) {
        public int total() {
            return workers + passes + permits + rosterFiles;
        }
    }

    /** On demand, for one park: administrators only. */
    public Outcome run(long parkId) {
        access.requireAdmin();
        Park park = em.find(Park.class, parkId, LockModeType.PESSIMISTIC_WRITE);
        if (park == null) {
            throw DomainException.notFound();
        }
        return apply(park, clock.instant());
    }

    /** The scheduled run: every park whose loop has ended, as the system. */
    public List<Outcome> runAll() {
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (Park park : em.createQuery("select p from Park p where p.loopEndedOn is not null order by p.id", Park.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            outcomes.add(apply(park, now));
        }
        return outcomes;
    }

    private Outcome apply(Park park, Instant now) {
        LocalDate ended = park.getLoopEndedOn();
        LocalDate dueOn = Anonymous.dueOn(ended, days);
        if (!Anonymous.isDue(ended, days, park.today(now))) {
            return new Outcome(park.getId(), ended, dueOn, false, 0, 0, 0, 0);
        }
        em.flush();
        Outcome o = new Outcome(park.getId(), ended, dueOn, true,
                workers(park.getId(), now), passes(park.getId()), permits(park.getId()), rosterFiles(park.getId()));
        if (o.total() > 0) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("loopEndedOn", ended.toString());
            counts.put("retentionDays", days);
            counts.put("workers", o.workers());
            counts.put("passes", o.passes());
            counts.put("permits", o.permits());
            counts.put("rosterFiles", o.rosterFiles());
            audit.record(new Subject("Park", park.getId(), null, park.getId()), "ANONYMIZE", null, counts,
                    "personal data retention: " + days + " days after the closed loop ended");
        }
        // The bulk updates bypassed the persistence context: write the audit entry, then forget
        // anything read before them so nothing stale is used later in this transaction.
        em.flush();
        em.clear();
        return o;
    }

    private int workers(long parkId, Instant now) {
        // The sealed ID and its blind index both become the placeholder (unique per row); the tail index goes.
        return em.createNativeQuery("update worker set name = '" + Anonymous.NAME + "', resident_id_enc = '" + Anonymous.PREFIX
                        + "' || id, resident_id_index = '" + Anonymous.PREFIX + "' || id, resident_id_tail = null,"
                        + " phone = '" + Anonymous.PHONE + "', anonymized_at = ?1, updated_at = ?2, version = version + 1"
                        + " where anonymized_at is null and firm_id in (select f.id from firm f where f.park_id = ?3)")
                .setParameter(1, Timestamp.from(now)).setParameter(2, Timestamp.from(now)).setParameter(3, parkId)
                .executeUpdate();
    }

    private int passes(long parkId) {
        String name = "'" + Anonymous.NAME + "'";
        String id = "'" + Anonymous.PREFIX + "' || id";
        String phone = "'" + Anonymous.PHONE + "'";
        return em.createNativeQuery("update vehicle_pass set driver_name = " + name + ", driver_resident_id_enc = " + id
                        + ", driver_phone = " + phone
                        + ", co_driver_name = case when co_driver_name is null then null else " + name + " end"
                        + ", co_driver_resident_id_enc = case when co_driver_resident_id_enc is null then null else " + id + " end"
                        + ", co_driver_phone = case when co_driver_phone is null then null else " + phone + " end"
                        + ", version = version + 1"
                        + " where park_id = ?1 and driver_resident_id_enc not like '" + Anonymous.PREFIX + "%'")
                .setParameter(1, parkId).executeUpdate();
    }

    /** Card and pass holders: the name, and the digest of the resident ID (guessable from its structure). */
    private int permits(long parkId) {
        return em.createNativeQuery("update permit set holder_name = '" + Anonymous.NAME + "',"
                        + " holder_digest = encode(sha256(convert_to('" + Anonymous.PREFIX + "' || id, 'UTF8')), 'hex'),"
                        + " version = version + 1"
                        + " where park_id = ?1 and type in ('CARD', 'PASS') and holder_name <> '" + Anonymous.NAME + "'")
                .setParameter(1, parkId).executeUpdate();
    }

    private int rosterFiles(long parkId) {
        return em.createNativeQuery("update roster_import set content = decode('', 'hex'), version = version + 1"
                        + " where octet_length(content) > 0 and firm_id in (select f.id from firm f where f.park_id = ?1)")
                .setParameter(1, parkId).executeUpdate();
    }
}
