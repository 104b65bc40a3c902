package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static cn.loopgate.it.PermitFixtures.count;
import static cn.loopgate.it.PermitFixtures.eventually;
import static cn.loopgate.it.PermitFixtures.insert;
import static cn.loopgate.it.PermitFixtures.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 through the API: test records (who may enter and read them, masking, refusals that save nothing), the
 * park's health policy and its history, the gate's person checks (TEST_OVERDUE refused or only warned, FEVER
 * logged and alerted, POSITIVE) and the outbreak response (holds, the incident's tracing, its work, lifting), audited.
 * Runs in a park of its own, so its policy changes touch no other test.
 */
class HealthIT {

    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    /** A fresh park in the district of CD-ETZ; returns {id, code}. */
    static String[] newPark() {
        long district = admin.get("parks/" + TestData.parkId(admin, "CD-ETZ")).json().get("districtId").asLong();
        String code = "HL" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(java.util.Locale.ROOT);
        Api.Res p = admin.post("parks", Api.obj().put("districtId", district).put("code", code).put("name", "健康测试园区" + code)
                .put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00").put("passMaxDays", 30));
        assertEquals(201, p.status(), p.raw());
        return new String[]{p.json().get("id").asText(), code};
    }

    static long worker(Api manager, long firm, String residentId, String shift, String dorm) {
        ObjectNode body = Api.obj().put("name", TestData.FAKES.personName()).put("residentId", residentId)
                .put("phone", TestData.FAKES.mobile()).put("shiftTeam", shift).put("dormitory", dorm);
        Api.Res r = manager.post("firms/" + firm + "/workers", body);
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    /** An active card of the worker (subject = the worker, as card approval issues it); its QR text. */
    static String card(Api manager, long firm, long workerId, String residentId) throws Exception {
        Instant t = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long id = insert(portal, PermitType.CARD, firm, "持卡人", residentId, t.minus(1, ChronoUnit.DAYS), t.plus(10, ChronoUnit.DAYS));
        sql(portal, "update permit set subject_id = ? where id = ?", workerId, id);
        return manager.get("permits/" + id).json().get("qr").asText();
    }

    static JsonNode scan(Api guard, long gateId, String qr, String temperature) {
        ObjectNode body = Api.obj().put("gateId", gateId).put("content", qr);
        if (temperature != null) {
            body.put("temperature", new java.math.BigDecimal(temperature));
        }
        Api.Res r = guard.post("gate/verify", body);
        assertEquals(200, r.status(), r.raw());
        return r.json();
    }

    static ObjectNode test(String at, String result, Long workerId, String residentId) {
        ObjectNode b = Api.obj().put("sampledAt", at).put("result", result).put("site", "园区采样点1");
        if (workerId != null) {
            b.put("workerId", workerId);
        }
        if (residentId != null) {
            b.put("residentId", residentId);
        }
        return b;
    }

    @Test
    void recordsPolicyGateVerdictsAndTheOutbreakResponse() throws Exception {
        String[] park = newPark();
        long parkId = Long.parseLong(park[0]);
        long firm = TestData.newFirm(admin, park[1], false, 50);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        String liaisonName = TestData.newUser(admin, "LIAISON", null, parkId);
        Api liaison = portal.api(liaisonName);
        Api otherLiaison = portal.api("liaison.bj");
        Api analyst = portal.api("analyst");
        String guardName = TestData.newUser(admin, "GUARD", null);
        Api guard = portal.api(guardName);
        long gateId = TestData.gate(admin, park[1], "健康岗" + System.nanoTime(), guardName);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());

        String ridCase = TestData.FAKES.residentId("110105");
        String ridShift = TestData.FAKES.residentId("110105");
        String ridRoom = TestData.FAKES.residentId("110105");
        String ridOther = TestData.FAKES.residentId("110105");
        long wCase = worker(manager, firm, ridCase, "甲班", "3号楼204");
        long wShift = worker(manager, firm, ridShift, "甲班", "5号楼101");
        long wRoom = worker(manager, firm, ridRoom, "乙班", "3号楼204");
        long wOther = worker(manager, firm, ridOther, "丙班", "6号楼301");
        assertEquals("甲班", manager.get("firms/" + firm + "/workers/" + wCase).json().get("shiftTeam").asText());

        // 1. Test records: the manager records; refusals save nothing.
        String tests = "firms/" + firm + "/health-tests";
        long before = count(portal, "select count(*) from health_test where firm_id = ?", firm);
        Api.Res future = manager.post(tests, test(now.plus(Duration.ofHours(2)).toString(), "NEGATIVE", wCase, null));
        assertEquals(400, future.status());
        assertNotNull(future.errorFor("sampledAt"), future.raw());
        Api.Res noResult = manager.post(tests, Api.obj().put("workerId", wCase).put("sampledAt", now.toString()));
        assertEquals(400, noResult.status());
        assertNotNull(noResult.errorFor("result"), noResult.raw());
        Api.Res stranger = manager.post(tests, test(now.toString(), "NEGATIVE", null, TestData.FAKES.residentId("110105")));
        assertEquals(400, stranger.status());
        assertNotNull(stranger.errorFor("residentId"), "a person not on the roster: " + stranger.raw());
        Api.Res badId = manager.post(tests, test(now.toString(), "NEGATIVE", null, "110105199001011234"));
        assertEquals(400, badId.status(), "check digit");
        assertEquals(403, liaison.post(tests, test(now.toString(), "NEGATIVE", wCase, null)).status(),
                "a liaison officer records positive results only");
        assertEquals(404, otherLiaison.post(tests, test(now.toString(), "NEGATIVE", wCase, null)).status());
        assertEquals(403, analyst.post(tests, test(now.toString(), "NEGATIVE", wCase, null)).status());
        assertEquals(before, count(portal, "select count(*) from health_test where firm_id = ?", firm), "refusals saved nothing");

        Api.Res made = manager.post(tests, test(now.minus(Duration.ofHours(10)).toString(), "NEGATIVE", wCase, null));
        assertEquals(201, made.status(), made.raw());
        Api.Res byId = manager.post(tests, test(now.minus(Duration.ofHours(60)).toString(), "NEGATIVE", null, ridShift));
        assertEquals(201, byId.status(), "by resident ID, as an HR system pushes: " + byId.raw());
        Api.Res pending = manager.post(tests, test(now.minus(Duration.ofHours(1)).toString(), "PENDING", wRoom, null));
        assertEquals(201, pending.status(), pending.raw());
        JsonNode list = manager.get(tests).json();
        assertEquals(3, list.get("total").asInt());
        for (JsonNode row : list.get("items")) {
            assertTrue(row.get("residentId").asText().contains("****"), "masked in lists: " + row);
        }
        JsonNode analystList = analyst.get(tests).json();
        assertEquals(3, analystList.get("total").asInt(), "analysts read");
        assertTrue(analystList.get("items").get(0).get("workerName").asText().contains("*"), "analysts see no names");
        assertEquals(200, liaison.get(tests).status());
        assertEquals(404, otherLiaison.get(tests).status());
        assertEquals(403, admin.get(tests).status(), "administrators do not see workers' records");
        long pendingId = pending.json().get("id").asLong();
        Api.Res resolved = manager.put(tests + "/" + pendingId, Api.obj().put("result", "NEGATIVE"));
        assertEquals(200, resolved.status(), resolved.raw());
        assertEquals(409, manager.put(tests + "/" + pendingId, Api.obj().put("result", "POSITIVE")).status(), "a known result is not changed");

        // 2. The park's policy: administrators and the park's liaison officers, history kept.
        String policy = "parks/" + parkId + "/health-policy";
        JsonNode def = manager.get(policy).json();
        assertTrue(absent(def, "testIntervalHours"), "no test required by default: " + def);
        assertEquals("37.3", def.get("feverThreshold").asText());
        assertEquals(403, otherLiaison.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "REFUSE")).status());
        assertEquals(403, manager.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "REFUSE")).status());
        Api.Res hot = admin.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "REFUSE").put("feverThreshold", 40));
        assertEquals(400, hot.status());
        assertNotNull(hot.errorFor("feverThreshold"), hot.raw());
        Api.Res noAction = admin.put(policy, Api.obj().put("testIntervalHours", 48));
        assertEquals(400, noAction.status());
        assertNotNull(noAction.errorFor("overdueAction"));
        assertEquals(0, liaison.get(policy + "/history").json().size(), "refused changes keep no version");
        assertEquals(200, admin.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "REFUSE")).status());
        Api.Res byLiaison = liaison.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "REFUSE")
                .put("feverThreshold", 37.3).put("suspendFirm", true));
        assertEquals(200, byLiaison.status(), byLiaison.raw());
        assertEquals(2, liaison.get(policy + "/history").json().size(), "every change a new version");

        // 3. The gate checks the person.
        String qrCase = card(manager, firm, wCase, ridCase);
        String qrShift = card(manager, firm, wShift, ridShift);
        String qrOther = card(manager, firm, wOther, ridOther);
        JsonNode ok = scan(guard, gateId, qrCase, "36.6");
        assertEquals("VALID", ok.get("result").asText(), ok.toString());
        assertEquals("CURRENT", ok.get("testStatus").asText());
        assertEquals(Instant.parse(made.json().get("sampledAt").asText()).plus(Duration.ofHours(48)),
                Instant.parse(ok.get("testValidUntil").asText()));
        JsonNode overdue = scan(guard, gateId, qrShift, null);
        assertEquals("TEST_OVERDUE", overdue.get("result").asText(), "a 60-hour-old negative under a 48-hour rule: " + overdue);
        assertEquals("TEST_OVERDUE", scan(guard, gateId, qrOther, null).get("result").asText(), "no test at all");
        assertEquals(200, liaison.put(policy, Api.obj().put("testIntervalHours", 48).put("overdueAction", "WARN")
                .put("suspendFirm", true)).status());
        JsonNode warned = scan(guard, gateId, qrOther, null);
        assertEquals("VALID", warned.get("result").asText(), "the park only warns: " + warned);
        assertEquals("TEST_OVERDUE", warned.get("warning").asText());
        Api.Res silly = guard.post("gate/verify", Api.obj().put("gateId", gateId).put("content", qrCase).put("temperature", 365));
        assertEquals(400, silly.status());
        assertNotNull(silly.errorFor("temperature"), silly.raw());

        JsonNode fever = scan(guard, gateId, qrCase, "37.8");
        assertEquals("FEVER", fever.get("result").asText(), fever.toString());
        assertEquals(1, count(portal, "select count(*) from gate_scan where id = ? and result = 'FEVER' and temperature = 37.8",
                fever.get("scanId").asLong()), "logged with the reading");
        long managerId = count(portal, "select id from app_user where username = ?", managerName);
        long liaisonId = count(portal, "select id from app_user where username = ?", liaisonName);
        for (long who : new long[]{managerId, liaisonId}) {
            long told = eventually(() -> countQuietly("select count(*) from notification where recipient_id = ? and message_key = 'gate.alert.group.FEVER'", who),
                    n -> n > 0, Duration.ofSeconds(20));
            assertEquals(1, told, "the firm's manager and the park's liaison are told of the fever");
        }

        // 4. Outbreak: the manager marks the worker positive; their card and (by policy) the firm's are suspended.
        Api.Res positive = manager.post(tests, test(now.minus(Duration.ofMinutes(30)).toString(), "POSITIVE", wCase, null));
        assertEquals(201, positive.status(), positive.raw());
        assertEquals("POSITIVE", scan(guard, gateId, qrCase, null).get("result").asText());
        JsonNode held = scan(guard, gateId, qrOther, null);
        assertEquals("SUSPENDED", held.get("result").asText(), "the park suspends the firm's other cards: " + held);
        assertTrue(held.get("healthHold").asBoolean());
        JsonNode incidents = liaison.get("health-incidents").json();
        assertEquals(1, incidents.size(), incidents.toString());
        long incident = incidents.get(0).get("id").asLong();
        JsonNode detail = liaison.get("health-incidents/" + incident).json();
        assertEquals(List.of(wShift), ids(detail.get("shiftMates")), "same shift/team");
        assertEquals(List.of(wRoom), ids(detail.get("roomMates")), "same dormitory room");
        assertTrue(detail.get("scans").size() >= 3, "the worker's gate scans of the last 7 days: " + detail.get("scans"));
        assertTrue(detail.get("firmSuspended").asBoolean());
        assertEquals(2, detail.get("holds").size());
        assertEquals(200, manager.get("health-incidents/" + incident).status());
        assertTrue(analyst.get("health-incidents/" + incident).json().get("workerName").asText().contains("*"));
        assertEquals(404, otherLiaison.get("health-incidents/" + incident).status());
        assertEquals(1, count(portal, "select count(*) from notification where recipient_id = ? and message_key = 'health.incident.opened'", liaisonId));
        assertTrue(count(portal, "select count(*) from notification n join app_user u on u.id = n.recipient_id"
                + " where u.username = 'analyst' and n.message_key = 'health.incident.opened'") >= 1, "the bureau is told");

        // The incident is worked like a problem.
        String inc = "health-incidents/" + incident;
        assertEquals(403, manager.post(inc + "/acknowledge", Api.obj()).status());
        assertEquals(409, liaison.post(inc + "/close", Api.obj().put("text", "结束")).status(), "acknowledge first");
        assertEquals(200, liaison.post(inc + "/acknowledge", Api.obj()).status());
        Api.Res emptyAction = manager.post(inc + "/actions", Api.obj().put("text", " "));
        assertEquals(400, emptyAction.status());
        assertNotNull(emptyAction.errorFor("text"));
        assertEquals(200, manager.post(inc + "/actions", Api.obj().put("text", "同班组人员已居家隔离")).status());
        assertEquals(403, analyst.post(inc + "/actions", Api.obj().put("text", "x")).status());
        JsonNode closed = liaison.post(inc + "/close", Api.obj().put("text", "密接已全部追踪")).json();
        assertEquals("CLOSED", closed.get("status").asText());
        assertEquals(1, closed.get("actions").size());
        assertEquals(409, manager.post(inc + "/actions", Api.obj().put("text", "晚了")).status());

        // Lifting a hold is explicit, by the park's liaison, with a reason.
        JsonNode holds = manager.get("firms/" + firm + "/health-holds").json();
        assertEquals(2, holds.size());
        long firmHold = -1;
        long workerHold = -1;
        for (JsonNode h : holds) {
            if (absent(h, "workerId")) {
                firmHold = h.get("id").asLong();
            } else {
                workerHold = h.get("id").asLong();
            }
        }
        assertEquals(403, manager.post("health-holds/" + firmHold + "/lift", Api.obj().put("text", "解除")).status());
        Api.Res noReason = liaison.post("health-holds/" + firmHold + "/lift", Api.obj());
        assertEquals(400, noReason.status());
        assertNotNull(noReason.errorFor("text"));
        assertEquals(200, liaison.post("health-holds/" + firmHold + "/lift", Api.obj().put("text", "全员核酸阴性")).status());
        assertEquals(409, liaison.post("health-holds/" + firmHold + "/lift", Api.obj().put("text", "again")).status());
        assertEquals("VALID", scan(guard, gateId, qrOther, null).get("result").asText(), "the firm's other cards are back");
        assertEquals(200, liaison.post("health-holds/" + workerHold + "/lift", Api.obj().put("text", "转运隔离点")).status());
        assertEquals("POSITIVE", scan(guard, gateId, qrCase, null).get("result").asText(), "still positive without a hold");
        assertEquals(0, manager.get("firms/" + firm + "/health-holds").json().size());

        // The park's figures of today: three card holders came to the gate, none covered (positive, too old, none), one fever.
        JsonNode figures = liaison.get("parks/" + parkId + "/health-figures").json();
        assertEquals(3, figures.get("onSite").asInt(), figures.toString());
        assertEquals(0, figures.get("covered").asInt(), figures.toString());
        assertEquals(3, figures.get("overdue").asInt());
        assertEquals(1, figures.get("fevers").asInt());
        assertEquals(1, figures.get("incidents").asInt());
        assertEquals(48, figures.get("intervalHours").asInt());
        assertEquals(200, analyst.get("parks/" + parkId + "/health-figures").status());
        assertEquals(403, otherLiaison.get("parks/" + parkId + "/health-figures").status());
        assertEquals(403, manager.get("parks/" + parkId + "/health-figures").status());
        // The dashboard's table (GET /health-figures): the same figures park by park; a liaison officer's parks only.
        JsonNode table = analyst.get("health-figures?parkId=" + parkId).json();
        assertEquals(1, table.size(), table.toString());
        assertEquals(figures.get("onSite").asInt(), table.get(0).get("figures").get("onSite").asInt());
        assertEquals(figures.get("fevers").asInt(), table.get(0).get("figures").get("fevers").asInt());
        assertEquals(figures.get("incidents").asInt(), table.get(0).get("figures").get("incidents").asInt());
        assertTrue(table.get(0).get("figures").get("asOf").asText().length() > 0);
        JsonNode mine = liaison.get("health-figures").json();
        assertEquals(1, mine.size(), mine.toString());
        assertEquals(parkId, mine.get(0).get("parkId").asLong());
        assertTrue(analyst.get("health-figures").json().size() > 1);
        assertEquals(0, otherLiaison.get("health-figures?parkId=" + parkId).json().size());
        assertEquals(403, manager.get("health-figures").status());
        assertEquals(400, analyst.get("health-figures?day=x").status());
        Api.Res badDay = liaison.get("parks/" + parkId + "/health-figures?day=2026-13-01");
        assertEquals(400, badDay.status());
        assertNotNull(badDay.errorFor("day"));

        // Every step audited.
        for (String[] e : new String[][]{{"HealthTest", "CREATE"}, {"HealthTest", "RESULT"}, {"HealthPolicy", "SET"},
                {"HealthIncident", "OPEN"}, {"HealthIncident", "ACKNOWLEDGE"}, {"HealthIncident", "ACTION"},
                {"HealthIncident", "CLOSE"}, {"HealthHold", "SUSPEND"}, {"HealthHold", "LIFT"}}) {
            assertTrue(count(portal, "select count(*) from audit_entry where object_type = ? and action = ? and (firm_id = ? or park_id = ?)",
                    e[0], e[1], firm, parkId) > 0, "audited: " + String.join(" ", e));
        }
        assertFalse(count(portal, "select count(*) from audit_entry where object_type = 'HealthTest' and after_state like ?",
                "%" + ridCase + "%") > 0, "no full resident ID in the audit trail");
    }

    @Test
    void aLiaisonMarksAWorkerPositiveAndTheWorkersCardIsSuspendedAtOnce() throws Exception {
        String[] park = newPark();
        long parkId = Long.parseLong(park[0]);
        long firm = TestData.newFirm(admin, park[1], false, 20);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        Api liaison = portal.api(TestData.newUser(admin, "LIAISON", null, parkId));
        String guardName = TestData.newUser(admin, "GUARD", null);
        long gateId = TestData.gate(admin, park[1], "追阳岗" + System.nanoTime(), guardName);
        String rid = TestData.FAKES.residentId("110105");
        String ridMate = TestData.FAKES.residentId("110105");
        long w = worker(manager, firm, rid, null, null);
        long mate = worker(manager, firm, ridMate, null, null);
        String qr = card(manager, firm, w, rid);
        String qrMate = card(manager, firm, mate, ridMate);
        Api guard = portal.api(guardName);
        assertEquals("VALID", scan(guard, gateId, qr, null).get("result").asText(), "no test required by default");
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        Api.Res r = liaison.post("firms/" + firm + "/health-tests", test(now.minus(Duration.ofHours(3)).toString(), "POSITIVE", null, rid));
        assertEquals(201, r.status(), r.raw());
        assertEquals("POSITIVE", scan(guard, gateId, qr, null).get("result").asText());
        assertEquals("VALID", scan(guard, gateId, qrMate, null).get("result").asText(), "the default policy suspends only the case");
        JsonNode incident = liaison.get("health-incidents?status=OPEN").json();
        assertEquals(1, incident.size());
        assertEquals(0, liaison.get("health-incidents/" + incident.get(0).get("id").asLong()).json().get("shiftMates").size(),
                "no shift recorded, nobody listed");
        // A second positive result is recorded on the same open incident.
        assertEquals(201, manager.post("firms/" + firm + "/health-tests", test(now.minus(Duration.ofHours(1)).toString(), "POSITIVE", w, null)).status());
        assertEquals(1, liaison.get("health-incidents").json().size());
    }

    /** JSON-B leaves null fields out. */
    static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    static List<Long> ids(JsonNode contacts) {
        List<Long> out = new ArrayList<>();
        contacts.forEach(c -> out.add(c.get("workerId").asLong()));
        return out;
    }

    static long countQuietly(String query, Object... args) {
        try {
            return count(portal, query, args);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
