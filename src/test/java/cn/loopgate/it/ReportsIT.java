package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily reports over the API: idempotent and race-safe filing, bad input, the correction window, alerts. */
class ReportsIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    static ObjectNode report(int staff) {
        return Api.obj().put("staffOnSite", staff).put("temperatureChecks", staff).put("testsDone", 0)
                .put("productionStatus", "NORMAL").put("capacityPct", 90);
    }

    static long firmOf(Api manager) {
        return manager.get("me").json().get("firmId").asLong();
    }

    static long rows(String sql, long id) throws Exception {
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void fiftyIdenticalConcurrentSubmissionsMakeOneReport() throws Exception {
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", true, 300);
        long firm = firmOf(manager);
        ObjectNode body = report(120);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Res>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<Api.Res> call = () -> {
                go.await();
                return manager.post("firms/" + firm + "/reports", body);
            };
            futures.add(pool.submit(call));
        }
        go.countDown();
        Set<Long> ids = new HashSet<>();
        int created = 0;
        for (Future<Api.Res> f : futures) {
            Api.Res r = f.get(120, TimeUnit.SECONDS);
            assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.raw());
            ids.add(r.json().get("id").asLong());
            assertEquals(1, r.json().get("revision").asInt());
            if (r.status() == 201) {
                created++;
            }
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every answer is the same report");
        assertEquals(1, created, "exactly one call created it");
        assertEquals(1, rows("select count(*) from daily_report where firm_id = ?", firm));
        assertEquals(0, rows("select count(*) from daily_report_revision r join daily_report d on d.id = r.report_id where d.firm_id = ?", firm));
    }

    @Test
    void liaisonFilesAndCorrectsOnTheFirmsBehalf() throws Exception {
        // Issue 23.7 (代报): the firm's park's liaison officer files, then the firm's own filing is corrected on its
        // behalf; every version is marked, the firm's version kept as a revision, everything audited.
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", true, 80);
        long firm = firmOf(manager);
        Api liaison = portal.api("liaison.cd");
        Api.Res noReason = liaison.post("firms/" + firm + "/reports/on-behalf", report(10));
        assertEquals(400, noReason.status(), noReason.raw());
        assertNotNull(noReason.errorFor("reason"), noReason.raw());
        assertEquals(404, portal.api("liaison.bj").post("firms/" + firm + "/reports/on-behalf",
                report(10).put("reason", "负责人病休")).status(), "another park's liaison");
        assertEquals(403, manager.post("firms/" + firm + "/reports/on-behalf", report(10).put("reason", "x")).status());
        assertEquals(0, rows("select count(*) from daily_report where firm_id = ?", firm), "nothing saved");

        Api.Res filed = liaison.post("firms/" + firm + "/reports/on-behalf", report(30).put("reason", "负责人病休"));
        assertEquals(201, filed.status(), filed.raw());
        assertTrue(filed.json().get("onBehalf").asBoolean());
        assertEquals("liaison.cd", filed.json().get("submittedBy").asText());
        long id = filed.json().get("id").asLong();
        // The manager sees it marked; filing the same facts again changes nothing.
        JsonNode today = manager.get("firms/" + firm + "/reports/today").json();
        assertTrue(today.get("onBehalf").asBoolean());
        // The manager corrects (before the deadline or not, the liaison's version is kept), then the liaison again.
        Api.Res own = manager.post("firms/" + firm + "/reports", report(40));
        if (own.status() == 200) {
            assertFalse(own.json().get("onBehalf").asBoolean(), "the firm's own version");
        }
        Api.Res corrected = liaison.post("firms/" + firm + "/reports/on-behalf", report(45).put("reason", "企业电话更正"));
        assertEquals(200, corrected.status(), corrected.raw());
        assertTrue(corrected.json().get("onBehalf").asBoolean());
        assertEquals(45, corrected.json().get("staffOnSite").asInt());
        assertTrue(rows("select count(*) from daily_report_revision where report_id = ?", id) >= 1, "earlier version kept");
        assertEquals(1, rows("select count(*) from audit_entry where object_type = 'DailyReport' and object_id = ?"
                + " and action = 'FILE_ON_BEHALF'", id));
        assertEquals(1, rows("select count(*) from audit_entry where object_type = 'DailyReport' and object_id = ?"
                + " and action = 'CORRECT_ON_BEHALF' and reason = '企业电话更正'", id));
        // The liaison's board marks the row.
        boolean marked = false;
        for (JsonNode r : liaison.get("board").json().get("rows")) {
            if (r.get("firmId").asLong() == firm) {
                marked = r.get("onBehalf").asBoolean();
            }
        }
        assertTrue(marked, "board row marked 代报");
    }

    @Test
    void badInputIsRefusedWithClearMessagesAndNothingIsSaved() throws Exception {
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", false, 50).english();
        long firm = firmOf(manager);
        Api.Res negative = manager.post("firms/" + firm + "/reports", report(10).put("feverCount", -1).put("temperatureChecks", -5));
        assertEquals(400, negative.status(), negative.raw());
        assertNotNull(negative.errorFor("feverCount"), negative.raw());
        assertNotNull(negative.errorFor("temperatureChecks"), negative.raw());

        Api.Res tooMany = manager.post("firms/" + firm + "/reports", report(51));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.errorFor("staffOnSite").contains("50"), tooMany.raw());

        String tomorrow = LocalDate.now(SHANGHAI).plusDays(2).toString();
        Api.Res future = manager.post("firms/" + firm + "/reports", report(10).put("reportDate", tomorrow));
        assertEquals(400, future.status());
        assertTrue(future.errorFor("reportDate").contains("future"), future.raw());

        Api.Res tooOld = manager.post("firms/" + firm + "/reports", report(10).put("reportDate", LocalDate.now(SHANGHAI).minusDays(30).toString()));
        assertEquals(400, tooOld.status());
        assertNotNull(tooOld.errorFor("reportDate"));

        Api.Res noDetails = manager.post("firms/" + firm + "/reports", report(10).put("feverCount", 1));
        assertEquals(400, noDetails.status());
        assertNotNull(noDetails.errorFor("abnormalDetails"));

        Api.Res noStatus = manager.post("firms/" + firm + "/reports", report(10).putNull("productionStatus"));
        assertEquals(400, noStatus.status());
        assertNotNull(noStatus.errorFor("productionStatus"));

        assertEquals(0, rows("select count(*) from daily_report where firm_id = ?", firm), "nothing saved");

        Api other = TestData.newManagedFirm(portal, "CD-ETZ", false, 50);
        assertEquals(404, other.post("firms/" + firm + "/reports", report(10)).status(), "another firm cannot file");
        assertEquals(403, portal.api("liaison.cd").post("firms/" + firm + "/reports", report(10)).status(), "liaison reads, does not file");
        assertEquals(404, portal.api("liaison.bj").get("firms/" + firm + "/reports").status(), "other parks are out of scope");
    }

    @Test
    void correctionsBeforeTheDeadlineKeepHistoryAfterItOnlyWithConsent() throws Exception {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", true, 400);
        Api lateFirm = TestData.newManagedFirm(portal, "CD-HTP", true, 400);
        long firm = firmOf(manager);
        LocalDate day = LocalDate.now(SHANGHAI).plusDays(1);
        try {
            admin.put("test/clock", Api.obj().put("now", day.atTime(9, 0).atZone(SHANGHAI).toInstant().toString()));
            Api.Res first = manager.post("firms/" + firm + "/reports", report(100));
            assertEquals(201, first.status(), first.raw());
            assertFalse(first.json().get("late").asBoolean());
            long id = first.json().get("id").asLong();

            Api.Res corrected = manager.post("firms/" + firm + "/reports", report(110));
            assertEquals(200, corrected.status(), corrected.raw());
            assertEquals(2, corrected.json().get("revision").asInt());
            assertEquals(110, corrected.json().get("staffOnSite").asInt());
            JsonNode detail = manager.get("reports/" + id).json();
            assertEquals(1, detail.get("revisions").size());
            assertTrue(detail.get("revisions").get(0).get("snapshot").asText().contains("\"staffOnSite\":100"));

            admin.put("test/clock", Api.obj().put("now", day.atTime(11, 0).atZone(SHANGHAI).toInstant().toString()));
            Api.Res refused = manager.english().post("firms/" + firm + "/reports", report(120));
            assertEquals(400, refused.status());
            assertTrue(refused.errorFor("reportDate").contains("consent"), refused.raw());
            Api.Res same = manager.post("firms/" + firm + "/reports", report(110));
            assertEquals(200, same.status(), "the same facts again are not a correction");
            assertEquals(2, same.json().get("revision").asInt());

            assertEquals(403, manager.post("reports/" + id + "/reopen", Api.obj()).status(), "only the liaison consents");
            assertEquals(404, portal.api("liaison.bj").post("reports/" + id + "/reopen", Api.obj()).status());
            Api.Res reopened = portal.api("liaison.cd").post("reports/" + id + "/reopen", Api.obj().put("hours", 2).put("reason", "核对人数"));
            assertEquals(200, reopened.status(), reopened.raw());
            Api.Res afterConsent = manager.post("firms/" + firm + "/reports", report(120));
            assertEquals(200, afterConsent.status(), afterConsent.raw());
            assertEquals(3, afterConsent.json().get("revision").asInt());
            assertFalse(afterConsent.json().get("late").asBoolean(), "a consented correction keeps the on-time filing");

            Api.Res late = lateFirm.post("firms/" + firmOf(lateFirm) + "/reports", report(50));
            assertEquals(201, late.status());
            assertTrue(late.json().get("late").asBoolean(), "filed after 10:00: late, not dropped");

            admin.put("test/clock", Api.obj().put("now", day.atTime(14, 0).atZone(SHANGHAI).toInstant().toString()));
            assertEquals(400, manager.post("firms/" + firm + "/reports", report(130)).status(), "the consent window closed");
            assertEquals(3, rows("select count(*) from daily_report_revision where report_id = ?", id) + 1);
        } finally {
            admin.delete("test/clock");
        }
    }

    @Test
    void zeroReportIsPrefilledAndAnAbnormalReportAlertsTheLiaisonAtOnce() {
        // Before the day's deadline (10:00 in the park's zone), whatever the real time: corrections are free then.
        admin.put("test/clock", Api.obj().put("now", LocalDate.now(SHANGHAI).atTime(9, 0).atZone(SHANGHAI).toInstant().toString()));
        try {
            long park = TestData.parkId(admin, "BJ-IND");
            String liaisonName = TestData.newUser(admin, "LIAISON", null, park);
            Api liaison = portal.api(liaisonName);
            Api manager = TestData.newManagedFirm(portal, "BJ-IND", false, 80);
            long firm = firmOf(manager);
            String yesterday = LocalDate.now(SHANGHAI).minusDays(1).toString();
            Api.Res backfilled = manager.post("firms/" + firm + "/reports", report(42).put("reportDate", yesterday)
                    .put("productionStatus", "PARTIAL").put("capacityPct", 60));
            assertEquals(201, backfilled.status(), backfilled.raw());
            assertTrue(backfilled.json().get("late").asBoolean());

            Api.Res zero = manager.post("firms/" + firm + "/reports/zero", null);
            assertEquals(201, zero.status(), zero.raw());
            assertTrue(zero.json().get("zeroReport").asBoolean());
            assertEquals(42, zero.json().get("staffOnSite").asInt());
            assertEquals("PARTIAL", zero.json().get("productionStatus").asText());
            assertEquals(60, zero.json().get("capacityPct").asInt());
            Api.Res again = manager.post("firms/" + firm + "/reports/zero", null);
            assertEquals(200, again.status());
            assertEquals(zero.json().get("id").asLong(), again.json().get("id").asLong());
            assertEquals(0, liaison.get("notifications").json().size(), "nothing abnormal, no alert");

            Api.Res abnormal = manager.post("firms/" + firm + "/reports", report(42).put("feverCount", 1).put("isolatedCount", 2)
                    .put("abnormalDetails", "一名员工发热37.9度，两名密接已隔离"));
            assertEquals(200, abnormal.status(), abnormal.raw());
            assertFalse(abnormal.json().get("zeroReport").asBoolean());
            JsonNode inbox = liaison.get("notifications").json();
            assertEquals(1, inbox.size(), inbox.toString());
            assertEquals("REPORT_ABNORMAL", inbox.get(0).get("kind").asText());

            JsonNode history = manager.get("firms/" + firm + "/reports").json();
            assertEquals(2, history.get("total").asInt());
            assertEquals(LocalDate.now(SHANGHAI).toString(), history.get("items").get(0).get("reportDate").asText());
            assertEquals(200, manager.get("firms/" + firm + "/reports/today").status());

            JsonNode board = liaison.get("board").json();
            JsonNode row = null;
            for (JsonNode r : board.get("rows")) {
                if (r.get("firmId").asLong() == firm) {
                    row = r;
                }
            }
            assertNotNull(row);
            assertEquals("ABNORMAL", row.get("status").asText());
            assertEquals(403, manager.get("board").status());
            assertEquals(403, portal.api("analyst").post("board/remind", null).status());
        } finally {
            admin.delete("test/clock");
        }
    }
}
