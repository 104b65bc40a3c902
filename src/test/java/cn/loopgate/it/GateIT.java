package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.loopgate.it.PermitFixtures.count;
import static cn.loopgate.it.PermitFixtures.insert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, items 13-15: gates belong to parks and guards to gates (WRONG_PARK, the park's policy, refusals
 * logged), alert storms grouped off the scan's path (and an altered genuine card told to its park), and the
 * scan log readable by liaison officers (their parks) and analysts (all).
 */
class GateIT {

    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    static String now() {
        return admin.get("test/clock").json().get("now").asText();
    }

    /** An active card of a new firm in the park and its QR text as the firm's manager reads it: {id, qr, number}. */
    static String[] card(String parkCode, String holder, String residentId) throws Exception {
        long firm = TestData.newFirm(admin, parkCode, false, 10);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        Instant t = Instant.parse(now());
        long id = insert(portal, PermitType.CARD, firm, holder, residentId, t.minus(1, ChronoUnit.HOURS), t.plus(10, ChronoUnit.DAYS));
        JsonNode p = manager.get("permits/" + id).json();
        return new String[]{String.valueOf(id), p.get("qr").asText(), p.get("number").asText()};
    }

    static Api.Res scan(Api guard, String gate, String content) {
        return guard.post("gate/verify", Api.obj().put("gate", gate).put("content", content));
    }

    @Test
    void aGuardScansOnlyAtTheirGatesAndAnotherParksPermitIsWrongParkUnlessThePolicyAdmitsIt() throws Exception {
        String guardName = TestData.newUser(admin, "GUARD", null);
        Api guard = portal.api(guardName);
        long cdEtz = TestData.parkId(admin, "CD-ETZ");
        String liaisonCd = TestData.newUser(admin, "LIAISON", null, cdEtz);
        String gateName = "规则岗" + System.nanoTime();
        // The park's liaison registers the gate and binds the guard; another park's liaison may not.
        Api.Res foreign = portal.api("liaison.bj").post("gates", Api.obj().put("parkId", cdEtz).put("name", gateName));
        assertEquals(403, foreign.status(), foreign.raw());
        Api.Res made = portal.api(liaisonCd).post("gates", Api.obj().put("parkId", cdEtz).put("name", gateName)
                .set("guards", Api.obj().arrayNode().add(guardName)));
        assertEquals(201, made.status(), made.raw());
        long gateId = made.json().get("id").asLong();
        Api.Res twice = portal.api(liaisonCd).post("gates", Api.obj().put("parkId", cdEtz).put("name", gateName));
        assertEquals(400, twice.status());
        assertNotNull(twice.errorFor("name"), twice.raw());
        Api.Res notAGuard = portal.api(liaisonCd).put("gates/" + gateId, Api.obj().put("name", gateName)
                .set("guards", Api.obj().arrayNode().add("analyst")));
        assertEquals(400, notAGuard.status());
        assertNotNull(notAGuard.errorFor("guards"), notAGuard.raw());
        JsonNode mine = guard.get("gates").json();
        assertEquals(1, mine.size(), "a guard lists their own gates only: " + mine);
        assertEquals(gateName, mine.get(0).get("name").asText());

        String[] own = card("CD-ETZ", "周本园", "110105199001011111");
        String[] other = card("BJ-IND", "吴外园", "110105199001012221");
        assertEquals("VALID", scan(guard, gateName, own[1]).json().get("result").asText());
        assertEquals("VALID", guard.post("gate/verify", Api.obj().put("gateId", gateId).put("content", own[1])).json()
                .get("result").asText(), "by the gate's id, as the page sends it");
        JsonNode wrong = scan(guard, gateName, other[1]).json();
        assertEquals("WRONG_PARK", wrong.get("result").asText(), wrong.toString());
        assertEquals("滨江工业园", wrong.get("park").asText(), "the guard sees which park the permit is for");

        // A gate that is not the guard's (a name typed at will, or another guard's gate) is refused and logged.
        long refusedBefore = count(portal, "select count(*) from gate_scan where guard = ? and result = 'REFUSED'", guardName);
        Api.Res typed = scan(guard, "随便写的岗", own[1]);
        assertEquals(400, typed.status(), typed.raw());
        assertNotNull(typed.errorFor("gate"));
        assertEquals(400, scan(guard, "东门", own[1]).status(), "the demo guard's gate is not this guard's");
        assertEquals(400, scan(guard, gateName, "").status(), "no QR text");
        assertEquals(refusedBefore + 3, count(portal, "select count(*) from gate_scan where guard = ? and result = 'REFUSED'", guardName),
                "every call is logged, refusals too");

        // The park admits other parks' permits: the same permit is VALID at its gates.
        assertEquals(403, portal.api("liaison.bj").put("parks/" + cdEtz + "/gate-policy", Api.obj().put("admitsOtherParks", true)).status());
        Api.Res policy = portal.api(liaisonCd).put("parks/" + cdEtz + "/gate-policy", Api.obj().put("admitsOtherParks", true));
        assertEquals(200, policy.status(), policy.raw());
        try {
            assertEquals("VALID", scan(guard, gateName, other[1]).json().get("result").asText());
        } finally {
            assertEquals(200, admin.put("parks/" + cdEtz + "/gate-policy", Api.obj().put("admitsOtherParks", false)).status());
        }
        assertEquals("WRONG_PARK", scan(guard, gateName, other[1]).json().get("result").asText());

        // A deactivated gate takes no scans.
        assertEquals(200, portal.api(liaisonCd).put("gates/" + gateId, Api.obj().put("name", gateName).put("active", false)).status());
        assertEquals(400, scan(guard, gateName, own[1]).status());
        assertEquals(0, guard.get("gates").json().size());
        assertTrue(count(portal, "select count(*) from audit_entry where object_type = 'Gate' and object_id = ?", gateId) >= 2);
    }

    /**
     * A storm of forged scans at one gate ends as one counted notification per administrator (not one per scan),
     * written after the answers; an altered genuine card alerts the liaison officers of its park, not the
     * administrators.
     */
    @Test
    void aBurstOfForgedScansIsOneCountedNotificationAndAnAlteredCardAlertsItsPark() throws Exception {
        String gateName = "风暴岗" + System.nanoTime();
        long gateId = TestData.gate(admin, "CD-HTP", gateName, "guard");
        Api guard = portal.api("guard");
        long adminId = count(portal, "select id from app_user where username = 'admin'");
        int n = 120;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String content = "LG1:storm-" + i;
                answers.add(pool.submit(() -> scan(guard, gateName, content).status()));
            }
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String groups = "select %s from notification where recipient_id = ? and group_key like ?";
        String key = "GATE_FORGED:admin:" + gateId + ":%";
        long counted = PermitFixtures.eventually(() -> sum(String.format(groups, "coalesce(sum(occurrences), 0)"), adminId, key),
                c -> c >= n, Duration.ofSeconds(30));
        assertEquals(n, counted, "every forged scan is counted");
        long rows = count(portal, String.format(groups, "count(*)"), adminId, key);
        assertTrue(rows >= 1 && rows <= 2, "one notification per gate, kind and hour (two if the hour turned): " + rows);
        JsonNode inbox = admin.get("notifications").json();
        assertTrue(inbox.toString().contains(gateName) && inbox.toString().contains(String.valueOf(n)), inbox.toString());

        // An altered genuine card: the signature fails but the permit is real, so its park's liaison is told.
        long park = TestData.parkId(admin, "CD-HTP");
        String liaison = TestData.newUser(admin, "LIAISON", null, park);
        long liaisonId = count(portal, "select id from app_user where username = ?", liaison);
        String[] c = card("CD-HTP", "郑改卡", "110105199001013331");
        byte[] raw = Base64.getUrlDecoder().decode(c[1].substring(4));
        raw[70] ^= 0x01;
        long adminRows = count(portal, "select count(*) from notification where recipient_id = ? and group_key like ?", adminId, key);
        Api.Res altered = scan(guard, gateName, "LG1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        assertEquals("FORGED", altered.json().get("result").asText());
        String parkKey = "GATE_FORGED:" + park + ":" + gateId + ":%";
        long told = PermitFixtures.eventually(() -> sum(String.format(groups, "coalesce(sum(occurrences), 0)"), liaisonId, parkKey),
                x -> x >= 1, Duration.ofSeconds(30));
        assertEquals(1, told, "the park's liaison is told of the altered card");
        assertEquals(adminRows, count(portal, "select count(*) from notification where recipient_id = ? and group_key like ?", adminId, key));
        assertEquals(0, count(portal, "select count(*) from notification where recipient_id = ? and group_key like ?", adminId, parkKey),
                "not the administrators");
        assertEquals(1, count(portal, "select count(*) from gate_scan where permit_id = ? and result = 'FORGED'", Long.parseLong(c[0])),
                "the scan log names the card the code claims to be");
    }

    static long sum(String sql, Object... args) {
        try {
            return count(portal, sql, args);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theScanLogIsPagedFilteredMaskedAndScopedToTheCallersParks() throws Exception {
        String gateCd = "日志岗" + System.nanoTime();
        String gateBj = "日志岗" + System.nanoTime();
        long cdGate = TestData.gate(admin, "CD-ETZ", gateCd, "guard");
        TestData.gate(admin, "BJ-IND", gateBj, "guard");
        Api guard = portal.api("guard");
        String[] cd = card("CD-ETZ", "林日志", "110105199001014441");
        String[] bj = card("BJ-IND", "高日志", "110105199001014442");
        for (int i = 0; i < 3; i++) {
            assertEquals("VALID", scan(guard, gateCd, cd[1]).json().get("result").asText());
        }
        assertEquals("FORGED", scan(guard, gateCd, "LG1:nothing").json().get("result").asText());
        assertEquals("VALID", scan(guard, gateBj, bj[1]).json().get("result").asText());

        Api liaisonCd = portal.api("liaison.cd");
        JsonNode page = liaisonCd.get("gate-scans?permitNumber=" + cd[2] + "&limit=2").json();
        assertEquals(3, page.get("total").asLong(), page.toString());
        assertEquals(2, page.get("items").size(), "paged");
        JsonNode row = page.get("items").get(0);
        assertEquals("林*志", row.get("holder").asText(), "the holder is masked");
        assertEquals(gateCd, row.get("gate").asText());
        assertEquals("VALID", row.get("result").asText());
        assertEquals("Asia/Shanghai", row.get("timeZone").asText());
        assertFalse(page.toString().contains("110105199001014441"), "no resident ID");
        assertEquals(1, liaisonCd.get("gate-scans?gateId=" + cdGate + "&result=FORGED").json().get("total").asLong());
        assertEquals(0, liaisonCd.get("gate-scans?permitNumber=" + bj[2]).json().get("total").asLong(),
                "another park's scans are not the liaison's");
        assertEquals(1, portal.api("liaison.bj").get("gate-scans?permitNumber=" + bj[2]).json().get("total").asLong());
        assertEquals(1, portal.api("analyst").get("gate-scans?permitNumber=" + bj[2]).json().get("total").asLong());
        String today = now().substring(0, 10);
        assertTrue(portal.api("analyst").get("gate-scans?from=" + today + "&result=VALID").json().get("total").asLong() >= 4);
        Api.Res bad = liaisonCd.get("gate-scans?result=HACK");
        assertEquals(400, bad.status());
        assertNotNull(bad.errorFor("result"), bad.raw());
        assertEquals(400, liaisonCd.get("gate-scans?from=yesterday").status());
        assertEquals(403, guard.get("gate-scans").status());
        assertEquals(403, admin.get("gate-scans").status());
    }
}
