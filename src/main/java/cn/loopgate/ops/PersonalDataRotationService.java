package cn.loopgate.ops;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key rotation of the sealed resident IDs (docs/security.md, "Personal data at rest"): after a new key
 * is configured as active, an administrator re-seals every row still under an older key, in batches of
 * {@value PersonalDataRotationBatch#BATCH} rows each committed on its own (no long transaction, no table
 * lock; users keep working). With {@code reindex} every row's blind indexes are also recomputed under the
 * configured index key (after that key was changed). Idempotent: a second run finds nothing to do. Audited
 * when it starts and when it ends, with counts only.
 */
@ApplicationScoped
public class PersonalDataRotationService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    PersonalDataRotationBatch batches;

    /** What a run did, and what is left under each key afterwards. */
    public record Outcome(String activeKey, boolean reindex, int workers, int passes, int rosterFiles, Map<String, Long> sealedUnder) {
    }

    /** How many sealed values each key id holds ({@code anonymised}: placeholders, nothing sealed). */
    public record Status(String activeKey, Map<String, Long> sealedUnder) {
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Outcome rotate(boolean reindex) {
        access.requireAdmin();
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("activeKey", cipher.activeKeyId());
        start.put("reindex", reindex);
        start.put("before", sealedUnder());
        batches.audit(new Subject("PersonalData", null, null, null), "ROTATE_START", start);
        int workers = 0;
        long after = 0;
        for (PersonalDataRotationBatch.Step s; (s = batches.workers(after, reindex)).rows() > 0; after = s.lastId()) {
            workers += s.changed();
        }
        int passes = 0;
        after = 0;
        for (PersonalDataRotationBatch.Step s; (s = batches.passes(after)).rows() > 0; after = s.lastId()) {
            passes += s.changed();
        }
        int files = 0;
        after = 0;
        for (PersonalDataRotationBatch.Step s; (s = batches.files(after)).rows() > 0; after = s.lastId()) {
            files += s.changed();
        }
        Map<String, Long> left = sealedUnder();
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("activeKey", cipher.activeKeyId());
        done.put("reindex", reindex);
        done.put("workers", workers);
        done.put("passes", passes);
        done.put("rosterFiles", files);
        done.put("after", left);
        batches.audit(new Subject("PersonalData", null, null, null), "ROTATE", done);
        return new Outcome(cipher.activeKeyId(), reindex, workers, passes, files, left);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Status status() {
        access.requireAdmin();
        return new Status(PersonalDataKeys.cipher().activeKeyId(), sealedUnder());
    }

    private Map<String, Long> sealedUnder() {
        Map<String, Long> m = new TreeMap<>();
        for (String column : List.of("worker.resident_id_enc", "vehicle_pass.driver_resident_id_enc", "vehicle_pass.co_driver_resident_id_enc")) {
            String table = column.substring(0, column.indexOf('.'));
            String col = column.substring(column.indexOf('.') + 1);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select case when " + col + " like '" + PersonalDataCipher.PLACEHOLDER_PREFIX
                    + "%' then 'anonymised' else split_part(" + col + ", ':', 1) end, count(*) from " + table
                    + " where " + col + " is not null group by 1").getResultList();
            for (Object[] r : rows) {
                m.merge((String) r[0], ((Number) r[1]).longValue(), Long::sum);
            }
        }
        // Sealed roster files: the key id is the bytes after the magic "LGS1" and its one-byte length.
        @SuppressWarnings("unchecked")
        List<Object[]> files = em.createNativeQuery("select convert_from(substring(content from 6 for get_byte(content, 4)), 'UTF8'),"
                + " count(*) from roster_import where octet_length(content) > 5 group by 1").getResultList();
        for (Object[] r : files) {
            m.merge((String) r[0], ((Number) r[1]).longValue(), Long::sum);
        }
        return m;
    }
}
