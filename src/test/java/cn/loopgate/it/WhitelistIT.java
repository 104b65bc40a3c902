package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whitelist cards and vehicle passes over the API: review, concurrency, revocation, reissue, suspension policy. */
class WhitelistIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    record Firm(long id, long parkId, Api manager) {
    }

    static Firm firm(long parkId, LocalDate registeredOn) {
        ObjectNode body = TestData.firmBody(parkId, true, 50);
        if (registeredOn != null) {
            body.put("registeredOn", registeredOn.toString());
        }
        Api.Res r = admin.post("firms", body);
        assertEquals(201, r.status(), r.raw());
        long id = r.json().get("id").asLong();
        return new Firm(id, parkId, portal.api(TestData.newUser(admin, "FIRM_MANAGER", id)).english());
    }

    static List<Long> workers(Firm f, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Api.Res r = f.manager().post("firms/" + f.id() + "/workers", Api.obj().put("name", TestData.FAKES.personName())
                    .put("residentId", TestData.FAKES.residentId("510107")).put("phone", TestData.FAKES.mobile()).put("job", "操作工"));
            assertEquals(201, r.status(), r.raw());
            ids.add(r.json().get("id").asLong());
        }
        return ids;
    }

    static JsonNode apply(Firm f, List<Long> workers, LocalDate from, LocalDate to) {
        ObjectNode body = Api.obj().put("firmId", f.id()).put("validFrom", from.toString()).put("validTo", to.toString());
        workers.forEach(body.putArray("workerIds")::add);
        Api.Res r = f.manager().post("card-batches", body);
        assertEquals(201, r.status(), r.raw());
        return r.json();
    }

    /**
     * The issued pass names the vehicle: the API's permit, the gate's answer and the printed PDF carry the
     * plate (an eight-character new-energy one here) read from the pass; the driver is masked; the validity
     * is the inclusive last day the manager asked for.
     */
    static void passShowsThePlate(Firm f, long permitId, LocalDate lastDay) {
        JsonNode permit = f.manager().get("permits/" + permitId).json();
        assertEquals("川AD12345", permit.get("plate").asText(), permit.toString());
        assertEquals(lastDay.toString(), permit.get("validUntilDate").asText(), permit.toString());
        Api.Res scan = portal.api("guard").post("gate/verify", Api.obj().put("gate", "东门").put("content", permit.get("qr").asText()));
        assertEquals("VALID", scan.json().get("result").asText(), scan.raw());
        assertEquals("川AD12345", scan.json().get("plate").asText(), scan.raw());
        assertEquals("刘*傅", scan.json().get("holder").asText(), "the driver, masked");
        assertEquals(lastDay.toString(), scan.json().get("validUntilDate").asText(), scan.raw());
        try {
            PermitFixtures.Bytes pdf = PermitFixtures.download(portal, TestData.newUser(admin, "FIRM_MANAGER", f.id()), "/api/v1/permits/" + permitId + "/pdf");
            assertEquals(200, pdf.status());
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                assertTrue(text.contains("川AD12345") && text.contains("刘*傅") && !text.contains("刘师傅"), text);
                assertTrue(text.contains("成都青白江 → 龙泉驿接驳站 → 经开区三号门") && text.contains(today() + " 至 " + lastDay), text);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(SHANGHAI);
    }

    @Test
    void liaisonApprovesSomeRejectsOneAndARevokedCardReadsRevokedAtOnce() {
        Firm f = firm(TestData.parkId(admin, "CD-ETZ"), null);
        List<Long> w = workers(f, 4);
        JsonNode batch = apply(f, w, today(), today().plusDays(29));
        long batchId = batch.get("batch").get("id").asLong();
        Api liaison = portal.api("liaison.cd").english();
        assertEquals(404, portal.api("liaison.bj").get("card-batches/" + batchId).status(), "another park's liaison");
        assertEquals(403, f.manager().post("card-batches/" + batchId + "/review", Api.obj().put("version", 0).put("approveAll", true)).status());

        JsonNode items = liaison.get("card-batches/" + batchId).json().get("items");
        long version = liaison.get("card-batches/" + batchId).json().get("batch").get("version").asLong();
        ObjectNode review = Api.obj().put("version", version);
        review.putArray("approve").add(items.get(0).get("id").asLong()).add(items.get(1).get("id").asLong());
        review.putArray("reject").addObject().put("itemId", items.get(2).get("id").asLong()).put("reason", "核酸证明过期");
        Api.Res decided = liaison.post("card-batches/" + batchId + "/review", review);
        assertEquals(200, decided.status(), decided.raw());
        JsonNode after = decided.json();
        assertEquals("SUBMITTED", after.get("batch").get("status").asText(), "one item still pending");
        assertEquals(1, after.get("batch").get("pending").asInt());
        assertEquals("REJECTED", after.get("items").get(2).get("status").asText());
        assertTrue(after.get("items").get(0).get("residentId").asText().contains("****"), "masked");

        Api.Res stale = liaison.post("card-batches/" + batchId + "/review", review);
        assertEquals(409, stale.status(), "the batch changed meanwhile");
        assertTrue(stale.raw().contains("meanwhile"), stale.raw());

        JsonNode cards = f.manager().get("firms/" + f.id() + "/cards").json();
        assertEquals(2, cards.get("total").asInt());
        for (JsonNode c : cards.get("items")) {
            assertEquals("VALID", c.get("state").asText());
            assertTrue(c.get("number").asText().startsWith("WL-CD-ETZ-"), c.toString());
        }
        long card = cards.get("items").get(0).get("id").asLong();
        long other = cards.get("items").get(1).get("id").asLong();

        assertEquals(400, f.manager().post("firms/" + f.id() + "/cards/" + card + "/revoke", Api.obj()).status(), "a reason is required");
        Api.Res revoked = f.manager().post("firms/" + f.id() + "/cards/" + card + "/revoke", Api.obj().put("reason", "职工已离职"));
        assertEquals(200, revoked.status(), revoked.raw());
        JsonNode read = liaison.get("firms/" + f.id() + "/cards/" + card).json();
        assertEquals("REVOKED", read.get("state").asText(), "revoked on the next read");
        assertEquals(409, f.manager().post("firms/" + f.id() + "/cards/" + card + "/revoke", Api.obj().put("reason", "again")).status());

        Api.Res reissued = liaison.post("firms/" + f.id() + "/cards/" + other + "/reissue", Api.obj().put("reason", "卡片遗失"));
        assertEquals(200, reissued.status(), reissued.raw());
        assertNotEquals(other, reissued.json().get("id").asLong());
        assertEquals("VALID", reissued.json().get("state").asText());
        assertEquals("REVOKED", f.manager().get("firms/" + f.id() + "/cards/" + other).json().get("state").asText(), "old number invalid");
        assertEquals("REPLACED", f.manager().get("firms/" + f.id() + "/cards/" + other).json().get("status").asText());
        JsonNode history = f.manager().get("firms/" + f.id() + "/cards/" + other + "/history").json();
        assertTrue(history.findValues("action").stream().map(JsonNode::asText).toList().containsAll(List.of("ISSUE", "REPLACE")), history.toString());
        assertEquals(404, portal.api("liaison.bj").get("firms/" + f.id() + "/cards").status());

        // The list (the liaison's queue) counts pending items for the whole page in one query: a decided batch shows 0.
        long second = apply(f, w.subList(3, 4), today(), today().plusDays(9)).get("batch").get("id").asLong();
        long secondVersion = liaison.get("card-batches/" + second).json().get("batch").get("version").asLong();
        assertEquals(200, liaison.post("card-batches/" + second + "/review", Api.obj().put("version", secondVersion).put("approveAll", true)).status());
        JsonNode listed = liaison.get("card-batches?firmId=" + f.id()).json();
        assertEquals(2, listed.get("total").asInt(), listed.toString());
        assertEquals(second, listed.get("items").get(0).get("id").asLong(), "newest first");
        assertEquals(0, listed.get("items").get(0).get("pending").asInt());
        assertEquals(batchId, listed.get("items").get(1).get("id").asLong());
        assertEquals(1, listed.get("items").get(1).get("pending").asInt());
        assertEquals(4, listed.get("items").get(1).get("itemCount").asInt());
        assertEquals(1, liaison.get("card-batches?status=SUBMITTED&firmId=" + f.id()).json().get("total").asInt());
    }

    @Test
    void twoLiaisonsReviewingTheSameBatchAtOnceOneWinsTheOtherGets409() throws Exception {
        long park = TestData.parkId(admin, "CD-HTP");
        Firm f = firm(park, null);
        List<Long> w = workers(f, 3);
        long batchId = apply(f, w, today(), today().plusDays(10)).get("batch").get("id").asLong();
        Api one = portal.api(TestData.newUser(admin, "LIAISON", null, park));
        Api two = portal.api(TestData.newUser(admin, "LIAISON", null, park));
        long version = one.get("card-batches/" + batchId).json().get("batch").get("version").asLong();
        ObjectNode all = Api.obj().put("version", version).put("approveAll", true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Api.Res>> calls = List.of(() -> one.post("card-batches/" + batchId + "/review", all),
                    () -> two.post("card-batches/" + batchId + "/review", all));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Res> r : pool.invokeAll(calls)) {
                statuses.add(r.get().status());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdown();
        }
        assertEquals(3, f.manager().get("firms/" + f.id() + "/cards").json().get("total").asInt(), "cards issued once");
    }

    @Test
    void vehiclePassIsReviewedIssuedRevokedAndLimitedToTheParkWindow() {
        Firm f = firm(TestData.parkId(admin, "CD-ETZ"), null);
        int maxDays = admin.get("parks/" + f.parkId()).json().get("passMaxDays").asInt();
        ObjectNode pass = Api.obj().put("firmId", f.id()).put("plate", "川AD12345").put("vehicleType", "TRUCK")
                .put("driverName", "刘师傅").put("driverResidentId", TestData.FAKES.residentId("510107")).put("driverPhone", TestData.FAKES.mobile())
                .put("origin", "成都青白江").put("destination", "经开区三号门").put("transferPoint", "龙泉驿接驳站")
                .put("cargo", "钢材 20 吨").put("purpose", "MATERIALS_IN")
                .put("validFrom", today().toString()).put("validTo", today().plusDays(maxDays).toString());
        Api.Res tooLong = f.manager().post("passes", pass);
        assertEquals(400, tooLong.status(), tooLong.raw());
        assertTrue(tooLong.errorFor("validTo") != null, tooLong.raw());
        Api.Res badPlate = f.manager().post("passes", pass.deepCopy().put("plate", "川A1").put("validTo", today().plusDays(3).toString()));
        assertTrue(badPlate.errorFor("plate") != null, badPlate.raw());
        Api.Res half = f.manager().post("passes", pass.deepCopy().put("coDriverName", "王").put("validTo", today().plusDays(3).toString()));
        assertTrue(half.errorFor("coDriverResidentId") != null, half.raw());

        Api.Res created = f.manager().post("passes", pass.put("validTo", today().plusDays(maxDays - 1).toString()));
        assertEquals(201, created.status(), created.raw());
        long id = created.json().get("id").asLong();
        assertTrue(created.json().get("driverResidentId").asText().contains("****"));
        Api liaison = portal.api("liaison.cd").english();
        Api.Res approved = liaison.post("passes/" + id + "/review", Api.obj().put("version", created.json().get("version").asLong()).put("approve", true));
        assertEquals(200, approved.status(), approved.raw());
        assertTrue(approved.json().get("permitNumber").asText().startsWith("CL-CD-ETZ-"));
        assertEquals("VALID", approved.json().get("state").asText());
        assertEquals(409, liaison.post("passes/" + id + "/review", Api.obj().put("version", 0).put("approve", false).put("reason", "x")).status());
        passShowsThePlate(f, approved.json().get("permitId").asLong(), today().plusDays(maxDays - 1));

        Api.Res reissued = f.manager().post("passes/" + id + "/reissue", Api.obj().put("reason", "通行证损坏"));
        assertEquals(200, reissued.status(), reissued.raw());
        assertNotEquals(approved.json().get("permitNumber").asText(), reissued.json().get("permitNumber").asText());
        Api.Res revoked = liaison.post("passes/" + id + "/revoke", Api.obj().put("reason", "司机检测阳性"));
        assertEquals("REVOKED", revoked.json().get("state").asText(), revoked.raw());
        assertEquals("REVOKED", f.manager().get("passes/" + id).json().get("state").asText());
        JsonNode history = f.manager().get("passes/" + id + "/history").json();
        assertTrue(history.findValues("action").stream().map(JsonNode::asText).toList()
                .containsAll(List.of("APPLY", "APPROVE", "ISSUE", "REPLACE", "REVOKE")), history.toString());
    }

    @Test
    void missedReportsSuspendCardsAndPassesAndAReportRestoresThem() throws Exception {
        long district = admin.get("districts").json().get(0).get("id").asLong();
        String code = "T5-" + (100000 + TestData.FAKES.random().nextInt(900000));
        Api.Res park = admin.post("parks", Api.obj().put("districtId", district).put("code", code).put("name", "暂停策略测试园区")
                .put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00").put("passMaxDays", 30).put("suspendAfterMissed", 2));
        assertEquals(201, park.status(), park.raw());
        long parkId = park.json().get("id").asLong();
        LocalDate registered = today().minusDays(1);
        Firm f = firm(parkId, registered);
        Api liaison = portal.api(TestData.newUser(admin, "LIAISON", null, parkId)).english();
        long batchId = apply(f, workers(f, 1), today(), today().plusDays(29)).get("batch").get("id").asLong();
        long version = liaison.get("card-batches/" + batchId).json().get("batch").get("version").asLong();
        assertEquals(200, liaison.post("card-batches/" + batchId + "/review", Api.obj().put("version", version).put("approveAll", true)).status());
        String cards = "firms/" + f.id() + "/cards";

        assertEquals(403, f.manager().post("suspension-policy/evaluate", Api.obj()).status());
        assertEquals(0, liaison.post("suspension-policy/evaluate", Api.obj()).json().get("suspended").asInt(), "nothing missed yet");
        try {
            // Four days on: the three park-days after registration day have no report.
            Instant later = Instant.now().plus(java.time.Duration.ofDays(3));
            assertEquals(200, admin.put("test/clock", Api.obj().put("now", later.toString())).status());
            JsonNode run = liaison.post("suspension-policy/evaluate", Api.obj()).json();
            assertEquals(1, run.get("suspended").asInt(), run.toString());
            assertEquals("SUSPENDED", f.manager().get(cards).json().get("items").get(0).get("state").asText());
            JsonNode firm = f.manager().get("firms/" + f.id()).json();
            assertTrue(firm.get("suspendedReason").asText().contains("日报告"), firm.toString());
            assertTrue(f.manager().get("notifications").raw().contains("suspension.notice.suspended")
                    || f.manager().get("notifications").raw().contains("No daily report") || f.manager().get("notifications").raw().contains("未报送"), "managers told");

            LocalDate movedToday = later.atZone(SHANGHAI).toLocalDate();
            try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into daily_report (firm_id, park_id, report_date, submitted_at, submitted_by, late, zero_report,"
                            + " staff_on_site, registered_staff, production_status, capacity_pct) values (?, ?, ?, now(), 'test', false, true, 10, 50, 'NORMAL', 80)")) {
                ps.setLong(1, f.id());
                ps.setLong(2, parkId);
                ps.setObject(3, movedToday);
                ps.executeUpdate();
            }
            JsonNode back = admin.post("suspension-policy/evaluate", Api.obj()).json();
            assertTrue(back.get("restored").asInt() >= 1, back.toString());
            assertEquals("VALID", f.manager().get(cards).json().get("items").get(0).get("state").asText());
            JsonNode lifted = f.manager().get("firms/" + f.id()).json();
            assertTrue(lifted.path("suspendedReason").isNull() || lifted.path("suspendedReason").isMissingNode(), lifted.toString());
        } finally {
            admin.delete("test/clock");
        }
        List<String> actions = new ArrayList<>();
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select action from audit_entry where object_type = 'Firm' and object_id = ? order by id")) {
            ps.setLong(1, f.id());
            var rs = ps.executeQuery();
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        assertTrue(actions.containsAll(List.of("POLICY_SUSPEND", "POLICY_LIFT")), actions.toString());
    }
}
