package cn.loopgate.it;

import cn.loopgate.shared.crypto.PersonalDataCipher;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rotation procedure of docs/security.md end to end, on configured keys (not the generated ones):
 * the portal runs on {@code k1}; restarted with {@code k1,k2} and {@code k2} active it reads the old rows
 * and seals new ones under {@code k2}; the rotation re-seals every {@code k1} value, after which every
 * sealed value in the database opens with {@code k2} alone and duplicates are still refused. On the fault
 * tests' portal ({@link FaultPortal}), which runs on {@code k1} from its first start: this test restarts it
 * once, and it keeps {@code k1,k2} with {@code k2} active from then on.
 */
@Order(FaultPortal.ORDER + 2)
class PersonalDataRotationIT {

    static final String K2 = PersonalDataCipher.newKey();

    @Test
    void rowsSealedUnderAnOldKeyAreResealedAndTheOldKeyCanGo() throws Exception {
        FaultPortal faults = FaultPortal.get();
        Portal portal = faults.portal();
        String id = TestData.FAKES.residentId("510107");
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 100);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", "轮换甲").put("residentId", id)
                .put("phone", TestData.FAKES.mobile()));
        assertEquals(201, r.status(), r.raw());
        long worker = r.json().get("id").asLong();
        java.time.LocalDate today = java.time.Instant.parse(admin.get("test/clock").json().get("now").asText())
                .atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        Api.Res pass = manager.post("passes", Api.obj().put("firmId", firm).put("plate", "川A12345").put("vehicleType", "TRUCK")
                .put("driverName", "刘师傅").put("driverResidentId", TestData.FAKES.residentId("510107"))
                .put("driverPhone", TestData.FAKES.mobile()).put("coDriverName", "王副驾")
                .put("coDriverResidentId", TestData.FAKES.residentId("510107")).put("coDriverPhone", TestData.FAKES.mobile())
                .put("origin", "成都青白江").put("destination", "园区三号门").put("cargo", "钢材 20 吨").put("purpose", "MATERIALS_IN")
                .put("validFrom", today.toString()).put("validTo", today.plusDays(3).toString()));
        assertEquals(201, pass.status(), pass.raw());
        JsonNode status = admin.get("personal-data/keys").json();
        assertEquals("k1", status.get("activeKey").asText());
        assertTrue(status.get("sealedUnder").get("k1").asLong() > 10, "demo workers and drivers under k1: " + status);
        assertFalse(status.get("sealedUnder").has("k2"), status.toString());

        String both = "k1:" + FaultPortal.K1 + ",k2:" + K2;
        portal = faults.restart(Map.of("LOOPGATE_PII_KEYS", both, "LOOPGATE_PII_ACTIVE_KEY", "k2"));
        String second = TestData.FAKES.residentId("510107");
        admin = portal.api("admin");
        manager = portal.api(managerOf(admin, firm));
        assertEquals(id, manager.get("firms/" + firm + "/workers/" + worker).json().get("residentId").asText(), "k1 rows still open");
        r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", "轮换乙").put("residentId", second)
                .put("phone", TestData.FAKES.mobile()));
        assertEquals(201, r.status(), r.raw());
        assertEquals(1, PermitFixtures.count(portal, "select count(*) from worker where id = ? and resident_id_enc like 'k2:%'",
                r.json().get("id").asLong()), "new values sealed under the active key");
        JsonNode before = admin.get("personal-data/keys").json().get("sealedUnder");
        long sealed = before.get("k1").asLong() + before.get("k2").asLong();
        Api.Res run = admin.post("personal-data/keys/rotation", null);
        assertEquals(200, run.status(), run.raw());
        assertTrue(run.json().get("workers").asInt() > 0 && run.json().get("passes").asInt() > 0, run.raw());
        assertFalse(run.json().get("sealedUnder").has("k1"), "nothing left under k1: " + run.raw());
        assertEquals(sealed, run.json().get("sealedUnder").get("k2").asLong(), "every value now under k2: " + run.raw());
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from worker where resident_id_enc like 'k1:%'"));
        assertEquals(0, admin.post("personal-data/keys/rotation", null).json().get("workers").asInt(), "idempotent");

        // k1 can go: every sealed value in the database opens with k2 alone (a third boot without k1 would
        // read exactly these), and the portal still finds the first worker by ID.
        PersonalDataCipher k2Only = PersonalDataCipher.parse("k2:" + K2, null, FaultPortal.INDEX);
        int opened = 0;
        try (java.sql.Connection c = faults.db().dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String q : java.util.List.of("select resident_id_enc from worker",
                    "select driver_resident_id_enc from vehicle_pass", "select co_driver_resident_id_enc from vehicle_pass")) {
                try (java.sql.ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            assertTrue(k2Only.decrypt(rs.getString(1)).length() >= 4);
                            opened++;
                        }
                    }
                }
            }
            try (java.sql.ResultSet rs = st.executeQuery("select content from roster_import where octet_length(content) > 0")) {
                while (rs.next()) {
                    k2Only.openFile(rs.getBytes(1));
                    opened++;
                }
            }
        }
        assertEquals(sealed, opened, "every sealed value opened with k2 alone");
        Api.Res dup = manager.english().post("firms/" + firm + "/workers", Api.obj().put("name", "重复").put("residentId", id)
                .put("phone", TestData.FAKES.mobile()));
        assertEquals(400, dup.status(), dup.raw());
        assertEquals(id, manager.get("firms/" + firm + "/workers/" + worker).json().get("residentId").asText());
    }

    static String managerOf(Api admin, long firm) {
        return TestData.newUser(admin, "FIRM_MANAGER", firm);
    }
}
