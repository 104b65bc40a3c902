package cn.loopgate.shared.crypto;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Flyway migration 31.2: seals the resident IDs that were stored in clear, and the stored roster files
 * that hold them (in place). V31_1 added the sealed and blind-index columns, this fills them in batches of {@value #BATCH} rows (keyset by id, so memory stays
 * flat), V31_3 drops the clear columns. Flyway runs it once, in the migration's transaction (PostgreSQL's
 * DDL is transactional): a failure leaves the schema at 31.1 and the clear columns untouched, and the next
 * start tries again. Rows it has already sealed are skipped, so a re-run is harmless.
 */
public final class ResidentIdEncryption implements JavaMigration {

    static final int BATCH = 1000;
    /** Stored roster files are up to 20 MB each: few per batch. */
    static final int FILE_BATCH = 20;
    private static final Logger LOG = Logger.getLogger(ResidentIdEncryption.class.getName());
    private final PersonalDataCipher cipher;

    public ResidentIdEncryption(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("31.2");
    }

    @Override
    public String getDescription() {
        return "encrypt resident ids";
    }

    @Override
    public Integer getChecksum() {
        return 312;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        int workers = 0;
        int passes = 0;
        long after = 0;
        while (true) {
            List<Object[]> rows = rows(c, "select id, resident_id from worker where id > ? and resident_id_enc is null order by id limit " + BATCH, after, 2);
            if (rows.isEmpty()) {
                break;
            }
            try (PreparedStatement u = c.prepareStatement(
                    "update worker set resident_id_enc = ?, resident_id_index = ?, resident_id_tail = ? where id = ?")) {
                for (Object[] r : rows) {
                    String id = (String) r[1];
                    u.setString(1, cipher.encrypt(id));
                    u.setString(2, cipher.index(id));
                    u.setString(3, cipher.tailIndex(id));
                    u.setLong(4, (Long) r[0]);
                    u.addBatch();
                }
                u.executeBatch();
            }
            workers += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
        after = 0;
        while (true) {
            List<Object[]> rows = rows(c, "select id, driver_resident_id, co_driver_resident_id from vehicle_pass"
                    + " where id > ? and driver_resident_id_enc is null order by id limit " + BATCH, after, 3);
            if (rows.isEmpty()) {
                break;
            }
            try (PreparedStatement u = c.prepareStatement(
                    "update vehicle_pass set driver_resident_id_enc = ?, co_driver_resident_id_enc = ? where id = ?")) {
                for (Object[] r : rows) {
                    u.setString(1, cipher.encrypt((String) r[1]));
                    u.setString(2, cipher.encrypt((String) r[2]));
                    u.setLong(3, (Long) r[0]);
                    u.addBatch();
                }
                u.executeBatch();
            }
            passes += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
        int files = 0;
        after = 0;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, content from roster_import where id > ? and octet_length(content) > 0"
                    + " order by id limit " + FILE_BATCH)) {
                s.setLong(1, after);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getBytes(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            try (PreparedStatement u = c.prepareStatement("update roster_import set content = ? where id = ?")) {
                for (Object[] r : rows) {
                    if (!PersonalDataCipher.isSealedFile((byte[]) r[1])) {
                        u.setBytes(1, cipher.sealFile((byte[]) r[1]));
                        u.setLong(2, (Long) r[0]);
                        u.addBatch();
                        files++;
                    }
                }
                u.executeBatch();
            }
            after = (Long) rows.get(rows.size() - 1)[0];
        }
        int w = workers;
        int p = passes;
        int f = files;
        LOG.info(() -> "Resident IDs sealed under key " + cipher.activeKeyId() + ": " + w + " worker(s), " + p + " vehicle pass(es), "
                + f + " stored roster file(s)");
    }

    private static List<Object[]> rows(Connection c, String sql, long after, int columns) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    row[0] = rs.getLong(1);
                    for (int i = 2; i <= columns; i++) {
                        row[i - 1] = rs.getString(i);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
