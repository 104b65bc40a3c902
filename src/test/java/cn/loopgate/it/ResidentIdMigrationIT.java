package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.ResidentIdEncryption;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade of a database that stored resident IDs in clear (Flyway 31.1 → 31.3, without the portal):
 * 2,500 workers (more than two batches), passes with and without a co-driver, an anonymised worker and a
 * stored roster file are written in the 31.1 schema, then migrated; afterwards every value is sealed,
 * opens to what it was, the blind index is filled and unique per firm, and the clear columns are gone.
 */
class ResidentIdMigrationIT {

    @Test
    void clearResidentIdsOfAnExistingDatabaseAreSealedAndTheClearColumnsDropped() throws Exception {
        Path dir = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("migration-postgres");
        PersonalDataCipher cipher = PersonalDataCipher.parse("k1:" + PersonalDataCipher.newKey(), null, PersonalDataCipher.newKey());
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, true)) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("31.1").load().migrate();
            List<String> ids = new ArrayList<>();
            byte[] file = "姓名,身份证号\n张三,".getBytes(StandardCharsets.UTF_8);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                // Rows only: the firms and parks they point to do not matter here.
                s.execute("set session_replication_role = replica");
                try (PreparedStatement w = c.prepareStatement("insert into worker (id, firm_id, name, resident_id, phone) values (?, ?, '某人', ?, '13800138000')")) {
                    for (int i = 1; i <= 2500; i++) {
                        String id;
                        do { // random ids of one district collide now and then: a firm holds each person once
                            id = TestData.FAKES.residentId("510107");
                        } while (ids.contains(id));
                        ids.add(id);
                        w.setLong(1, i);
                        w.setLong(2, 1 + i % 3);
                        w.setString(3, id);
                        w.addBatch();
                    }
                    w.executeBatch();
                }
                s.execute("insert into worker (id, firm_id, name, resident_id, phone, anonymized_at) values (9001, 1, '***', 'ANON9001', '00000000000', now())");
                s.execute("insert into vehicle_pass (id, firm_id, park_id, plate, vehicle_type, driver_name, driver_resident_id, driver_phone,"
                        + " co_driver_name, co_driver_resident_id, co_driver_phone, origin, destination, cargo, purpose, valid_from, valid_to,"
                        + " status, submitted_at, submitted_by) values"
                        + " (8001, 1, 1, '川A12345', 'TRUCK', '甲', '" + ids.get(0) + "', '13800138000', '乙', '" + ids.get(1) + "', '13800138001',"
                        + " 'a', 'b', 'c', 'MATERIALS_IN', current_date, current_date, 'SUBMITTED', now(), 'it'),"
                        + " (8002, 1, 1, '川A12346', 'TRUCK', '丙', '" + ids.get(2) + "', '13800138002', null, null, null,"
                        + " 'a', 'b', 'c', 'MATERIALS_IN', current_date, current_date, 'SUBMITTED', now(), 'it')");
                try (PreparedStatement r = c.prepareStatement("insert into roster_import (id, firm_id, file_name, format, content, total_rows,"
                        + " valid_rows, status, created_at, created_by) values (7001, 1, 'r.csv', 'CSV', ?, 1, 1, 'CHECKED', now(), 'it'),"
                        + " (7002, 1, 'gone.csv', 'CSV', ?, 1, 1, 'IMPORTED', now(), 'it')")) {
                    r.setBytes(1, concat(file, ids.get(3)));
                    r.setBytes(2, new byte[0]);
                    r.executeUpdate();
                }
            }

            long t0 = System.nanoTime();
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("31.3")
                    .javaMigrations(new ResidentIdEncryption(cipher)).load().migrate();
            System.out.println("ResidentIdMigrationIT: 31.2-31.3 sealed 2,501 workers, 2 passes, 1 file in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertEquals(0, count(s, "select count(*) from information_schema.columns where table_name in ('worker', 'vehicle_pass')"
                        + " and column_name in ('resident_id', 'driver_resident_id', 'co_driver_resident_id')"), "clear columns dropped");
                try (ResultSet rs = s.executeQuery("select id, resident_id_enc, resident_id_index, resident_id_tail from worker where id <= 2500 order by id")) {
                    int n = 0;
                    while (rs.next()) {
                        String id = ids.get(rs.getInt(1) - 1);
                        assertTrue(rs.getString(2).startsWith("k1:"));
                        assertEquals(id, cipher.decrypt(rs.getString(2)));
                        assertEquals(cipher.index(id), rs.getString(3));
                        assertEquals(cipher.tailIndex(id), rs.getString(4));
                        n++;
                    }
                    assertEquals(2500, n);
                }
                assertEquals(1, count(s, "select count(*) from worker where id = 9001 and resident_id_enc = 'ANON9001'"
                        + " and resident_id_index = 'ANON9001' and resident_id_tail is null"), "a placeholder stays what it is");
                try (ResultSet rs = s.executeQuery("select driver_resident_id_enc, co_driver_resident_id_enc from vehicle_pass order by id")) {
                    assertTrue(rs.next());
                    assertEquals(ids.get(0), cipher.decrypt(rs.getString(1)));
                    assertEquals(ids.get(1), cipher.decrypt(rs.getString(2)));
                    assertTrue(rs.next());
                    assertEquals(ids.get(2), cipher.decrypt(rs.getString(1)));
                    assertEquals(null, rs.getString(2));
                }
                try (ResultSet rs = s.executeQuery("select content from roster_import order by id")) {
                    assertTrue(rs.next());
                    byte[] sealed = rs.getBytes(1);
                    assertTrue(PersonalDataCipher.isSealedFile(sealed));
                    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(ids.get(3)));
                    assertArrayEquals(concat(file, ids.get(3)), cipher.openFile(sealed));
                    assertTrue(rs.next());
                    assertEquals(0, rs.getBytes(1).length, "an emptied file stays empty");
                }
                // The per-firm uniqueness now holds on the blind index (foreign keys off: firm 2 is not a row here).
                s.execute("set session_replication_role = replica");
                SQLException dup = assertThrows(SQLException.class, () -> s.execute("insert into worker (firm_id, name, resident_id_enc,"
                        + " resident_id_index, phone) select firm_id, 'x', 'k1:x', resident_id_index, phone from worker where id = 1"));
                assertEquals("23505", dup.getSQLState(), dup.getMessage());
            }
        }
    }

    static byte[] concat(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + t.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
