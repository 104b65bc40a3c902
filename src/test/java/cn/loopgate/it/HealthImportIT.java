package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static cn.loopgate.it.PermitFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, item 1's second half, through the API: the sampling site's sheet checked (per-row errors with their
 * lines in the caller's language, check digits, workers not on the roster, duplicates, a future sample time), nothing
 * recorded by a dry run or a refused import, "valid rows only", the report with masked IDs, the template, a positive
 * row suspending the worker and opening an incident like a single entry, a pending test answered by a later sheet,
 * the same sheet again recording nothing twice, who may import (403 / 404), and the audit trail.
 */
class HealthImportIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        HealthIT.portal = portal;
        HealthIT.admin = admin;
    }

    static long worker(Api manager, long firm, String name, String residentId) {
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", name).put("residentId", residentId)
                .put("phone", TestData.FAKES.mobile()).put("shiftTeam", "甲班"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    static Uploads.Bytes upload(String user, long firm, String fileName, String csv) {
        return Uploads.post(portal, user, "firms/" + firm + "/health-test-imports", fileName, csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSheetIsCheckedImportedValidRowsOnlyAndAPositiveGoesThroughTheOutbreakPath() throws Exception {
        String[] park = HealthIT.newPark();
        long parkId = Long.parseLong(park[0]);
        long firm = TestData.newFirm(admin, park[1], false, 50);
        long otherFirm = TestData.newFirm(admin, park[1], false, 50);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        String otherManager = TestData.newUser(admin, "FIRM_MANAGER", otherFirm);
        String liaisonName = TestData.newUser(admin, "LIAISON", null, parkId);
        Api liaison = portal.api(liaisonName);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        String earlier = TIME.format(now.minus(Duration.ofHours(3)).atZone(SHANGHAI));
        String yesterday = TIME.format(now.minus(Duration.ofHours(26)).atZone(SHANGHAI));
        String future = TIME.format(now.plus(Duration.ofHours(3)).atZone(SHANGHAI));

        String idNeg = TestData.FAKES.residentId("110105");
        String idPending = TestData.FAKES.residentId("110105");
        String idPos = TestData.FAKES.residentId("110105");
        String idStranger = TestData.FAKES.residentId("110105");
        long wNeg = worker(manager, firm, "周一", idNeg);
        long wPending = worker(manager, firm, "吴二", idPending);
        long wPos = worker(manager, firm, "郑三", idPos);
        String badCheck = idNeg.substring(0, 17) + (idNeg.charAt(17) == '0' ? '1' : '0');
        String csv = "身份证号,姓名,采样时间,检测结果,采样点\n"
                + idNeg + ",周一," + earlier + ",阴性,园区采样点1\n"         // 2 valid
                + idPending + ",吴二," + yesterday + ",待出,园区采样点1\n"   // 3 valid
                + idPos + ",郑三," + earlier + ",阳性,园区采样点1\n"         // 4 valid, positive
                + badCheck + ",周一," + earlier + ",阴性,\n"                // 5 check digit
                + idStranger + ",王外," + earlier + ",阴性,\n"              // 6 not on the roster
                + idNeg + ",周一," + earlier + ",阴性,\n"                   // 7 duplicate of 2
                + idPending + ",吴二," + future + ",阴性,\n"                // 8 future
                + idPos + ",郑四," + yesterday + ",阴性,\n";                // 9 name differs from the roster
        String tests = "select count(*) from health_test where firm_id = ?";
        String imports = "select count(*) from health_test_import where firm_id = ?";
        String base = "firms/" + firm + "/health-test-imports";

        // Who may import: not analysts or administrators (403), not guards, other parks' liaison officers or other
        // firms' managers (404); refusals record nothing.
        assertEquals(403, upload("analyst", firm, "t.csv", csv).status());
        assertEquals(403, upload("admin", firm, "t.csv", csv).status());
        assertEquals(404, upload("guard", firm, "t.csv", csv).status());
        assertEquals(404, upload("liaison.bj", firm, "t.csv", csv).status());
        assertEquals(404, upload(otherManager, firm, "t.csv", csv).status());
        assertEquals(400, upload(managerName, firm, "t.pdf", csv).status());
        Uploads.Bytes noHeader = upload(managerName, firm, "t.csv", "身份证号,姓名,检测结果\n" + idNeg + ",周一,阴性\n");
        assertEquals(400, noHeader.status());
        assertTrue(noHeader.text().contains("采样时间"), noHeader.text());
        assertEquals(0, count(portal, imports, firm));

        // The dry run: per-row errors with their lines, in English; nothing recorded, no full resident ID echoed.
        Uploads.Bytes dry = upload(managerName, firm, "sampling.csv", csv);
        assertEquals(201, dry.status(), dry.text());
        JsonNode s = dry.json();
        assertEquals(8, s.get("totalRows").asInt(), s.toString());
        assertEquals(3, s.get("validRows").asInt(), s.toString());
        assertEquals(5, s.get("invalidRows").asInt());
        assertEquals(3, s.get("newRows").asInt());
        assertEquals(1, s.get("positiveRows").asInt());
        JsonNode invalid = s.get("invalid");
        assertEquals(5, invalid.get(0).get("line").asInt());
        assertTrue(invalid.get(0).get("problems").get(0).asText().contains("check digit"), invalid.toString());
        assertEquals(6, invalid.get(1).get("line").asInt());
        assertTrue(invalid.get(1).get("problems").get(0).asText().contains("not on the firm's roster"), invalid.toString());
        assertTrue(invalid.get(2).get("problems").get(0).asText().contains("line 2"), invalid.toString());
        assertTrue(invalid.get(3).get("problems").get(0).asText().contains("later than now"), invalid.toString());
        assertTrue(invalid.get(4).get("problems").get(0).asText().contains("does not match the roster"), invalid.toString());
        for (String id : new String[]{idNeg, idPending, idPos, idStranger, badCheck}) {
            assertFalse(dry.text().contains(id), "a full resident ID in the answer");
        }
        assertTrue(dry.text().contains(idStranger.substring(0, 6) + "********" + idStranger.substring(14)));
        long id = s.get("id").asLong();
        assertEquals(0, count(portal, tests, firm));
        assertEquals(1, count(portal, "select count(*) from audit_entry where object_type = 'HealthImport' and object_id = ? and action = 'CHECK'", id));

        // The report (CSV, masked) and the template; the liaison officer of the park reads the same import.
        Uploads.Bytes report = Uploads.get(portal, managerName, base + "/" + id + "/report");
        assertEquals(200, report.status());
        assertTrue(report.contentType().startsWith("text/csv"), report.contentType());
        assertTrue(report.text().contains("Line") && report.text().contains("Same person and sample time as line 2"), report.text());
        assertFalse(report.text().contains(idNeg) || report.text().contains(idStranger), "a full resident ID in the report");
        Uploads.Bytes template = Uploads.get(portal, managerName, base + "/template?format=csv");
        assertEquals(200, template.status());
        assertTrue(template.text().contains("身份证号,姓名,采样时间,检测结果,采样点"), template.text());
        assertEquals(200, liaison.get(base + "/" + id).status());
        assertEquals(404, portal.api("liaison.bj").get(base + "/" + id).status());
        assertEquals(404, portal.api(otherManager).get("firms/" + otherFirm + "/health-test-imports/" + id).status());

        // All rows: refused while any is invalid; nothing recorded.
        assertEquals(409, manager.post(base + "/" + id + "/import", Api.obj().put("validOnly", false)).status());
        assertEquals(0, count(portal, tests, firm));
        assertEquals(0, count(portal, "select count(*) from health_hold where firm_id = ?", firm));

        // Valid rows only: three tests; the positive one suspends the worker and opens an incident, as a single entry does.
        Api.Res done = manager.post(base + "/" + id + "/import", Api.obj().put("validOnly", true));
        assertEquals(200, done.status(), done.raw());
        assertEquals(3, done.json().get("importedRows").asInt());
        assertEquals(1, done.json().get("importedPositives").asInt());
        assertEquals("IMPORTED", done.json().get("status").asText());
        assertEquals(3, count(portal, tests, firm));
        assertEquals(3, count(portal, "select count(*) from health_test where firm_id = ? and source = 'IMPORT'", firm));
        JsonNode holds = manager.get("firms/" + firm + "/health-holds").json();
        assertEquals(1, holds.size(), holds.toString());
        assertEquals(wPos, holds.get(0).get("workerId").asLong());
        assertEquals(1, count(portal, "select count(*) from health_incident where firm_id = ? and worker_id = ?", firm, wPos));
        assertEquals(1, count(portal, "select count(*) from audit_entry where object_type = 'HealthTest' and firm_id = ? and action = 'CREATE'", firm));
        assertEquals(1, count(portal, "select count(*) from audit_entry where object_type = 'HealthImport' and object_id = ? and action = 'IMPORT'", id));
        long told = PermitFixtures.eventually(() -> {
            try {
                return count(portal, "select count(*) from notification n join app_user u on u.id = n.recipient_id where u.username = ?"
                        + " and n.kind = 'HEALTH_INCIDENT'", liaisonName);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, n -> n >= 1, Duration.ofSeconds(10));
        assertEquals(1, told);
        assertEquals(409, manager.post(base + "/" + id + "/import", Api.obj().put("validOnly", true)).status());

        // The same sheet again (by the park's liaison officer): its valid rows are already recorded, nothing twice.
        Uploads.Bytes again = upload(liaisonName, firm, "sampling.csv", csv);
        assertEquals(201, again.status(), again.text());
        assertEquals(3, again.json().get("unchangedRows").asInt(), again.text());
        assertEquals(0, again.json().get("newRows").asInt());
        assertEquals(0, again.json().get("positiveRows").asInt());
        Api.Res none = liaison.post(base + "/" + again.json().get("id").asLong() + "/import", Api.obj().put("validOnly", true));
        assertEquals(200, none.status(), none.raw());
        assertEquals(0, none.json().get("importedRows").asInt());
        assertEquals(3, count(portal, tests, firm));

        // The laboratory's answer to the pending sample arrives in a later sheet: the pending test is resolved, not doubled.
        Uploads.Bytes answer = upload(managerName, firm, "answers.csv", "身份证号,姓名,采样时间,检测结果\n" + idPending + ",吴二," + yesterday + ",阴性\n"
                + idNeg + ",周一," + earlier + ",阳性\n");
        assertEquals(201, answer.status(), answer.text());
        assertEquals(1, answer.json().get("resolvedRows").asInt(), answer.text());
        assertTrue(answer.json().get("invalid").get(0).get("problems").get(0).asText().contains("already has the result \"Negative\""),
                answer.text());
        Api.Res resolved = manager.post(base + "/" + answer.json().get("id").asLong() + "/import", Api.obj().put("validOnly", true));
        assertEquals(200, resolved.status(), resolved.raw());
        assertEquals(3, count(portal, tests, firm));
        assertEquals(1, count(portal, "select count(*) from health_test where worker_id = ? and result = 'NEGATIVE'", wPending));
        assertEquals(1, count(portal, "select count(*) from health_test where worker_id = ? and result = 'NEGATIVE'", wNeg));
    }
}
