package cn.loopgate.it;

import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.validation.Identifiers;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resident IDs at rest (issue 19 item 16): workers and drivers created through the API are sealed in
 * PostgreSQL (no 18-character resident ID in clear in any text column of any table), duplicates are still
 * found by the blind index (API, any case of the final X, roster import), the firm's manager sees the ID
 * in full on the single record while lists and the park's liaison see it masked, the roster search finds
 * a worker by whole ID or last four, and the key rotation endpoint (administrators only) is audited.
 */
class PersonalDataAtRestIT {

    static Portal portal;
    static Api admin;
    static final Pattern RESIDENT_LIKE = Pattern.compile("[0-9]{17}[0-9Xx]");

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    @Test
    void residentIdsAreSealedAtRestYetFoundShownToTheEntitledAndUniquePerFirm() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 100);
        String user = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(user).english();
        String workerId = residentIdEndingInX();
        String driverId = TestData.FAKES.residentId("510107");
        String coDriverId = TestData.FAKES.residentId("510107");
        String name = TestData.FAKES.personName();

        Api.Res added = manager.post("firms/" + firm + "/workers", Api.obj().put("name", name).put("residentId", workerId.toLowerCase())
                .put("phone", TestData.FAKES.mobile()).put("job", "装配工"));
        assertEquals(201, added.status(), added.raw());
        long worker = added.json().get("id").asLong();
        assertEquals(workerId, added.json().get("residentId").asText(), "the manager's own record: in full, normalised");
        LocalDate today = java.time.Instant.parse(admin.get("test/clock").json().get("now").asText())
                .atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        Api.Res pass = manager.post("passes", Api.obj().put("firmId", firm).put("plate", "川A" + (10000 + TestData.FAKES.random().nextInt(89999)))
                .put("vehicleType", "TRUCK").put("driverName", "刘师傅").put("driverResidentId", driverId)
                .put("driverPhone", TestData.FAKES.mobile()).put("coDriverName", "王副驾").put("coDriverResidentId", coDriverId)
                .put("coDriverPhone", TestData.FAKES.mobile()).put("origin", "成都青白江").put("destination", "园区三号门")
                .put("cargo", "钢材 20 吨").put("purpose", "MATERIALS_IN").put("validFrom", today.toString())
                .put("validTo", today.plusDays(3).toString()));
        assertEquals(201, pass.status(), pass.raw());
        assertFalse(pass.raw().contains(driverId) || pass.raw().contains(coDriverId), "drivers are masked as before: " + pass.raw());

        // Nothing in clear: not the IDs just written, and no valid resident ID at all in any text column.
        PersonalDataCipher cipher = portal.cipher();
        try (Connection c = portal.db.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select resident_id_enc, resident_id_index, resident_id_tail from worker where id = ?")) {
                s.setLong(1, worker);
                ResultSet rs = s.executeQuery();
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith(cipher.activeKeyId() + ":"), rs.getString(1));
                assertEquals(workerId, cipher.decrypt(rs.getString(1)));
                assertEquals(cipher.index(workerId), rs.getString(2));
                assertEquals(cipher.tailIndex(workerId), rs.getString(3));
            }
            List<String> found = clearResidentIds(c, Set.of(workerId, driverId, coDriverId));
            assertEquals(List.of(), found, "resident IDs in clear at rest");
        }

        // Duplicates: by API (also with a lower-case x), by roster import (an update, not a new worker).
        Api.Res again = manager.post("firms/" + firm + "/workers", Api.obj().put("name", "另一人").put("residentId", workerId)
                .put("phone", TestData.FAKES.mobile()));
        assertEquals(400, again.status(), again.raw());
        assertEquals("This resident ID is on the roster already.", again.errorFor("residentId"), again.raw());
        assertEquals(400, manager.post("firms/" + firm + "/workers", Api.obj().put("name", "另一人").put("residentId", workerId.toLowerCase())
                .put("phone", TestData.FAKES.mobile())).status());
        String csv = "姓名,身份证号,手机号,岗位,入职日期\n" + name + "," + workerId + "," + TestData.FAKES.mobile() + ",装配工,\n"
                + TestData.FAKES.personName() + "," + TestData.FAKES.residentId("510107") + "," + TestData.FAKES.mobile() + ",,\n";
        String path = "firms/" + firm + "/roster-imports";
        Uploads.Bytes dry = Uploads.post(portal, user, path, "roster.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, dry.status(), dry.text());
        JsonNode s = Api.JSON.readTree(dry.text());
        assertEquals(1, s.get("newRows").asInt(), dry.text());
        assertEquals(1, s.get("updatedRows").asInt(), "the known ID is found through the blind index: " + dry.text());
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from roster_import where position(convert_to(?, 'UTF8') in content) > 0"
                + " or position(convert_to(?, 'UTF8') in content) > 0", workerId, name), "the stored roster file is sealed too");
        assertEquals(1, PermitFixtures.count(portal, "select count(*) from roster_import where id = ? and substring(content from 1 for 4) = 'LGS1'::bytea",
                s.get("id").asLong()));
        Api.Res imported = manager.post(path + "/" + s.get("id").asLong() + "/import", Api.obj().put("validOnly", false));
        assertEquals(200, imported.status(), imported.raw());
        assertEquals(2, manager.get("firms/" + firm + "/workers").json().get("total").asInt(), "the known worker was updated, not added");
        Uploads.Bytes second = Uploads.post(portal, user, path, "roster.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, Api.JSON.readTree(second.text()).get("unchangedRows").asInt(), "a re-upload finds both by blind index: " + second.text());

        // Shown: in full on the manager's single record; masked in the list and to the park's liaison.
        JsonNode one = manager.get("firms/" + firm + "/workers/" + worker).json();
        assertEquals(workerId, one.get("residentId").asText(), one.toString());
        assertFalse(one.get("masked").asBoolean());
        long version = one.get("version").asLong();
        assertEquals(version, manager.get("firms/" + firm + "/workers/" + worker).json().get("version").asLong(),
                "reading a sealed ID writes nothing (each sealing differs, yet the entity is not dirty)");
        JsonNode list = manager.get("firms/" + firm + "/workers").json();
        assertFalse(list.toString().contains(workerId), list.toString());
        assertTrue(list.toString().contains(workerId.substring(0, 6) + "********" + workerId.substring(14)), list.toString());
        JsonNode liaisonView = portal.api("liaison.cd").get("firms/" + firm + "/workers/" + worker).json();
        assertTrue(liaisonView.get("masked").asBoolean(), liaisonView.toString());
        assertFalse(liaisonView.toString().contains(workerId), liaisonView.toString());

        // Search: by the whole ID, by its last four; any other fragment finds no ID.
        assertEquals(1, manager.get("firms/" + firm + "/workers?q=" + workerId.toLowerCase()).json().get("total").asInt());
        assertEquals(1, manager.get("firms/" + firm + "/workers?q=" + workerId.substring(14)).json().get("total").asInt());
        assertEquals(0, manager.get("firms/" + firm + "/workers?q=" + workerId.substring(12)).json().get("total").asInt());
    }

    @Test
    void theEmbeddedRunGeneratedItsKeysWithAWarningThatShowsNoKey() throws Exception {
        java.nio.file.Path file = portal.db.dataDirectory().getParent().resolve(cn.loopgate.shared.crypto.PersonalDataKeys.KEY_FILE);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)));
        String log = java.nio.file.Files.readString(portal.server.log(), StandardCharsets.UTF_8);
        assertTrue(log.contains("Personal-data keys generated into " + file) || log.contains("Personal-data keys read from " + file),
                "the WARNING names the file");
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.startsWith("keys=") || line.startsWith("index-key=")) {
                String key = line.startsWith("keys=") ? line.substring(line.lastIndexOf(':') + 1) : line.substring(line.indexOf('=') + 1);
                assertTrue(key.length() >= 43, line.substring(0, 5));
                assertFalse(log.contains(key), "a key in the server log");
            }
        }
    }

    @Test
    void rotationIsForAdministratorsAuditedAndLeavesEverythingReadable() throws Exception {
        assertEquals(403, portal.api("liaison.cd").post("personal-data/keys/rotation", null).status());
        assertEquals(403, portal.api("manager01").get("personal-data/keys").status());
        JsonNode before = admin.get("personal-data/keys").json();
        String active = before.get("activeKey").asText();
        assertTrue(before.get("sealedUnder").get(active).asLong() > 0, before.toString());
        assertEquals(1, before.get("sealedUnder").size() - (before.get("sealedUnder").has("anonymised") ? 1 : 0),
                "one key only: " + before);

        String audited = "select count(*) from audit_entry where object_type = 'PersonalData' and action = 'ROTATE' and actor = 'admin'";
        long auditedBefore = PermitFixtures.count(portal, audited);
        Api.Res run = admin.post("personal-data/keys/rotation?reindex=true", null);
        assertEquals(200, run.status(), run.raw());
        JsonNode o = run.json();
        assertTrue(o.get("reindex").asBoolean());
        assertTrue(o.get("workers").asInt() > 0, "reindex touches every sealed worker: " + o);
        assertEquals(before.get("sealedUnder").get(active).asLong(), o.get("sealedUnder").get(active).asLong(), o.toString());
        Api.Res plain = admin.post("personal-data/keys/rotation", null);
        assertEquals(0, plain.json().get("workers").asInt(), "nothing under an old key: " + plain.raw());
        assertEquals(0, plain.json().get("passes").asInt(), plain.raw());
        assertEquals(auditedBefore + 2, PermitFixtures.count(portal, audited), "each run audited once");
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from audit_entry where object_type = 'PersonalData'"
                + " and (after_state ~ '[0-9]{17}[0-9X]' or after_state like '%k1:%')"), "counts only, no ID, no sealed value");

        // After the reindex the look-ups by ID still work.
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 100);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm)).english();
        String id = TestData.FAKES.residentId("510107");
        assertEquals(201, manager.post("firms/" + firm + "/workers", Api.obj().put("name", "轮换后").put("residentId", id)
                .put("phone", TestData.FAKES.mobile())).status());
        assertEquals(1, manager.get("firms/" + firm + "/workers?q=" + id).json().get("total").asInt());
    }

    /** A fresh resident ID whose check character is X (the case a look-up must not depend on). */
    static String residentIdEndingInX() {
        for (int i = 0; i < 1000; i++) {
            String id = TestData.FAKES.residentId("510107");
            if (id.endsWith("X")) {
                return id;
            }
        }
        throw new IllegalStateException("no ID ending in X");
    }

    /**
     * Every 18-character run in every text column of every table of the schema that is one of {@code known}
     * or a valid resident ID (check character and birth date), as "table.column".
     */
    static List<String> clearResidentIds(Connection c, Set<String> known) throws Exception {
        List<String[]> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select table_name, column_name from information_schema.columns"
                + " where table_schema = 'public' and data_type in ('character varying', 'text', 'character', 'json', 'jsonb')"
                + " and table_name in (select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_type = 'BASE TABLE')")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        assertTrue(columns.size() > 50, "the scan sees the schema: " + columns.size() + " columns");
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        LocalDate today = LocalDate.now();
        for (String[] col : columns) {
            String sql = "select \"" + col[1] + "\"::text from \"" + col[0] + "\" where \"" + col[1] + "\"::text ~ '[0-9]{17}[0-9Xx]'";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    Matcher m = RESIDENT_LIKE.matcher(rs.getString(1));
                    while (m.find()) {
                        String v = m.group().toUpperCase();
                        if ((known.contains(v) || Identifiers.isResidentId(v, today)) && seen.add(col[0] + "." + col[1])) {
                            found.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        assertNotNull(found);
        return found;
    }
}
