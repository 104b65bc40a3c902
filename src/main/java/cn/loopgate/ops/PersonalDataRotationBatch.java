package cn.loopgate.ops;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One batch of the key rotation, in a transaction of its own (the caller holds none): the next rows by
 * id, locked ({@code for update}) against a concurrent run, re-sealed under the active key on the
 * transaction's own connection. Only the sealed and index columns are written, never {@code version}: a
 * user's concurrent edit of the same worker neither fails nor undoes the rotation (JPA writes only the
 * attributes that changed, and the clear ID did not).
 */
@ApplicationScoped
public class PersonalDataRotationBatch {

    static final int BATCH = 500;
    static final int FILE_BATCH = 20;

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;
    @Inject
    AuditService audit;

    /** The batch's last row id (0 when none), the rows looked at and those written. */
    public record Step(long lastId, int rows, int changed) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void audit(Subject subject, String action, Map<String, Object> after) {
        audit.record(subject, action, null, after, "personal-data key rotation (docs/security.md)");
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Step workers(long after, boolean reindex) {
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        String notActive = reindex ? "" : " and resident_id_enc not like '" + cipher.activeKeyId() + ":%'";
        try (Connection c = dataSource.getConnection()) {
            List<String[]> rows = select(c, "select id, resident_id_enc from worker where id > ? and resident_id_enc not like '"
                    + PersonalDataCipher.PLACEHOLDER_PREFIX + "%'" + notActive + " order by id limit " + BATCH + " for update", after);
            try (PreparedStatement u = c.prepareStatement(reindex
                    ? "update worker set resident_id_enc = ?, resident_id_index = ?, resident_id_tail = ? where id = ?"
                    : "update worker set resident_id_enc = ? where id = ?")) {
                for (String[] r : rows) {
                    String clear = cipher.decrypt(r[1]);
                    u.setString(1, cipher.needsRotation(r[1]) ? cipher.encrypt(clear) : r[1]);
                    if (reindex) {
                        u.setString(2, cipher.index(clear));
                        u.setString(3, cipher.tailIndex(clear));
                    }
                    u.setLong(reindex ? 4 : 2, Long.parseLong(r[0]));
                    u.addBatch();
                }
                u.executeBatch();
            }
            return new Step(rows.isEmpty() ? 0 : Long.parseLong(rows.get(rows.size() - 1)[0]), rows.size(), rows.size());
        } catch (SQLException e) {
            throw new IllegalStateException("key rotation (workers) failed", e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Step passes(long after) {
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        String active = cipher.activeKeyId() + ":%";
        try (Connection c = dataSource.getConnection()) {
            List<String[]> rows = select(c, "select id, driver_resident_id_enc, co_driver_resident_id_enc from vehicle_pass where id > ?"
                    + " and ((driver_resident_id_enc not like '" + PersonalDataCipher.PLACEHOLDER_PREFIX + "%' and driver_resident_id_enc not like '"
                    + active + "') or (co_driver_resident_id_enc not like '" + PersonalDataCipher.PLACEHOLDER_PREFIX
                    + "%' and co_driver_resident_id_enc not like '" + active + "'))"
                    + " order by id limit " + BATCH + " for update", after);
            try (PreparedStatement u = c.prepareStatement(
                    "update vehicle_pass set driver_resident_id_enc = ?, co_driver_resident_id_enc = ? where id = ?")) {
                for (String[] r : rows) {
                    u.setString(1, reseal(cipher, r[1]));
                    u.setString(2, reseal(cipher, r[2]));
                    u.setLong(3, Long.parseLong(r[0]));
                    u.addBatch();
                }
                u.executeBatch();
            }
            return new Step(rows.isEmpty() ? 0 : Long.parseLong(rows.get(rows.size() - 1)[0]), rows.size(), rows.size());
        } catch (SQLException e) {
            throw new IllegalStateException("key rotation (passes) failed", e);
        }
    }

    /** Stored roster files (up to 20 MB each): {@value #FILE_BATCH} per transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Step files(long after) {
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, content from roster_import where id > ? and octet_length(content) > 0"
                    + " order by id limit " + FILE_BATCH + " for update")) {
                s.setLong(1, after);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getBytes(2)});
                    }
                }
            }
            int changed = 0;
            try (PreparedStatement u = c.prepareStatement("update roster_import set content = ? where id = ?")) {
                for (Object[] r : rows) {
                    byte[] stored = (byte[]) r[1];
                    if (cipher.fileNeedsRotation(stored)) {
                        u.setBytes(1, cipher.sealFile(cipher.openFile(stored)));
                        u.setLong(2, (Long) r[0]);
                        u.addBatch();
                        changed++;
                    }
                }
                u.executeBatch();
            }
            return new Step(rows.isEmpty() ? 0 : (Long) rows.get(rows.size() - 1)[0], rows.size(), changed);
        } catch (SQLException e) {
            throw new IllegalStateException("key rotation (roster files) failed", e);
        }
    }

    private static String reseal(PersonalDataCipher cipher, String stored) {
        return cipher.needsRotation(stored) ? cipher.encrypt(cipher.decrypt(stored)) : stored;
    }

    private static List<String[]> select(Connection c, String sql, long after) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 1; i <= n; i++) {
                        row[i - 1] = rs.getString(i);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
