package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resumption plans over the API: upload checks, return → resubmit → approve, reject, scope. */
class PlansIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    static byte[] pdf() throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Uploads raw bytes as the given user (the Api helper only sends JSON). */
    static Api.Res upload(String user, long firm, String name, byte[] data) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/api/v1/firms/" + firm + "/plans/commitments?name=" + name))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":loopgate123").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").header("Accept-Language", "en")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body() == null || r.body().isBlank() ? null : Api.JSON.readTree(r.body());
        return new Api.Res(r.statusCode(), json, r.body(), r.headers());
    }

    static ObjectNode plan(long fileId, int headcount) {
        return Api.obj().put("plannedDate", LocalDate.now(SHANGHAI).plusDays(3).toString()).put("headcount", headcount)
                .put("dormitory", "厂区宿舍每间4人").put("meals", "分餐错峰").put("shuttle", "班车两点一线")
                .put("disinfection", "每日两次消杀").put("healthChecks", "早晚测温").put("emergencyPlan", "发热即隔离并上报")
                .put("officerName", "王防疫").put("officerPhone", TestData.FAKES.mobile()).put("commitmentFileId", fileId);
    }

    static long count(String sql, long id) throws Exception {
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void uploadsAreCheckedByContentAndSize() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 60);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api.Res text = upload(manager, firm, "letter.pdf", "just text, not a pdf".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, text.status(), text.raw());
        assertTrue(text.errorFor("commitmentFileId").contains("PDF") || text.errorFor("commitmentFileId").contains("pdf"), text.raw());
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(pdf(), 0, big, 0, 8);
        Api.Res oversize = upload(manager, firm, "big.pdf", big);
        assertEquals(400, oversize.status(), oversize.raw());
        assertTrue(oversize.errorFor("commitmentFileId").contains("10"), oversize.raw());
        assertEquals(0, count("select count(*) from stored_file where firm_id = ?", firm), "nothing saved");

        // Issue 19, item 5: names are refused, not rewritten; the extension must say what the content is.
        Api.Res traversal = upload(manager, firm, "../../承诺书.pdf", pdf());
        assertEquals(400, traversal.status(), traversal.raw());
        assertTrue(traversal.errorFor("commitmentFileId").contains("no paths"), traversal.raw());
        Api.Res exe = upload(manager, firm, "x.exe", pdf());
        assertEquals(400, exe.status(), exe.raw());
        assertTrue(exe.errorFor("commitmentFileId").contains(".pdf"), exe.raw());
        Api.Res tooLong = upload(manager, firm, "x".repeat(120) + ".pdf", pdf());
        assertEquals(400, tooLong.status(), tooLong.raw());
        assertEquals(0, count("select count(*) from stored_file where firm_id = ?", firm), "nothing saved");
        Api.Res ok = upload(manager, firm, "%E6%89%BF%E8%AF%BA%E4%B9%A6.pdf", pdf());
        assertEquals(201, ok.status(), ok.raw());
        assertEquals("承诺书.pdf", ok.json().get("name").asText());
        JsonNode trail = admin.get("audit/StoredFile/" + ok.json().get("fileId").asLong()).json();
        assertEquals(1, trail.size(), "the upload is audited: " + trail);
        assertEquals("UPLOAD_COMMITMENT", trail.get(0).get("action").asText());
        assertEquals(404, upload("manager01", firm, "x.pdf", pdf()).status(), "another firm cannot upload here");

        Api api = portal.api(manager).english();
        Api.Res bad = api.post("firms/" + firm + "/plans", plan(ok.json().get("fileId").asLong(), 61)
                .put("plannedDate", LocalDate.now(SHANGHAI).minusDays(1).toString()).put("officerPhone", "123").putNull("meals"));
        assertEquals(400, bad.status(), bad.raw());
        assertNotNull(bad.errorFor("headcount"), bad.raw());
        assertNotNull(bad.errorFor("plannedDate"), bad.raw());
        assertNotNull(bad.errorFor("officerPhone"), bad.raw());
        assertNotNull(bad.errorFor("meals"), bad.raw());
        assertEquals(0, count("select count(*) from resumption_plan where firm_id = ?", firm));

        long otherFirm = TestData.newFirm(admin, "CD-ETZ", false, 60);
        String otherManager = TestData.newUser(admin, "FIRM_MANAGER", otherFirm);
        long othersFile = upload(otherManager, otherFirm, "x.pdf", pdf()).json().get("fileId").asLong();
        Api.Res foreign = api.post("firms/" + firm + "/plans", plan(othersFile, 10));
        assertEquals(400, foreign.status());
        assertNotNull(foreign.errorFor("commitmentFileId"), "a file of another firm cannot be attached");
    }

    @Test
    void planIsReturnedResubmittedAndApprovedWithACertificate() throws Exception {
        long firm = TestData.newFirm(admin, "CD-HTP", true, 500);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        Api liaison = portal.api("liaison.cd");
        long fileId = upload(managerName, firm, "commitment.pdf", pdf()).json().get("fileId").asLong();

        Api.Res filed = manager.post("firms/" + firm + "/plans", plan(fileId, 300));
        assertEquals(201, filed.status(), filed.raw());
        long planId = filed.json().get("id").asLong();
        assertEquals("SUBMITTED", filed.json().get("status").asText());
        assertEquals(409, manager.post("firms/" + firm + "/plans", plan(fileId, 300)).status(), "one open plan per firm");

        boolean queued = false;
        Instant previous = Instant.MIN;
        for (JsonNode q : liaison.get("plans/queue").json()) {
            Instant at = Instant.parse(q.get("submittedAt").asText());
            assertTrue(!at.isBefore(previous), "oldest first");
            previous = at;
            queued |= q.get("planId").asLong() == planId;
        }
        assertTrue(queued);
        assertEquals(404, portal.api("liaison.bj").get("plans/" + planId).status());
        assertEquals(404, portal.api("manager01").get("plans/" + planId).status());
        assertEquals(403, manager.post("plans/" + planId + "/approve", Api.obj()).status());
        assertEquals(200, liaison.get("plans/" + planId + "/versions/1/commitment").status());
        assertEquals(Set.of("RETURN", "APPROVE", "REJECT", "ADD_CONDITION"), actions(liaison.get("plans/" + planId).json()),
                "the liaison is offered the decision");
        assertEquals(Set.of(), actions(manager.get("plans/" + planId).json()), "the firm waits");
        assertEquals(Set.of(), actions(admin.get("plans/" + planId).json()), "an administrator only reads");

        assertEquals(400, liaison.post("plans/" + planId + "/return", Api.obj().putObject("comments")).status(), "comments required");
        Api.Res returned = liaison.post("plans/" + planId + "/return",
                Api.obj().set("comments", Api.obj().put("DORMITORY", "每间不超过2人").put("SHUTTLE", "请写明班车路线")));
        assertEquals(200, returned.status(), returned.raw());
        assertEquals("RETURNED", returned.json().get("status").asText());
        assertEquals("每间不超过2人", returned.json().get("versions").get(0).get("comments").get("DORMITORY").asText());
        assertEquals(409, liaison.post("plans/" + planId + "/approve", Api.obj()).status(), "not while returned");
        assertEquals(Set.of("RESUBMIT"), actions(manager.get("plans/" + planId).json()), "back with the firm to refile");

        Api.Res resubmitted = manager.put("plans/" + planId, plan(fileId, 280).put("dormitory", "每间2人").put("shuttle", "A线：宿舍-厂区"));
        assertEquals(200, resubmitted.status(), resubmitted.raw());
        assertEquals(2, resubmitted.json().get("currentVersion").asInt());
        assertEquals(2, resubmitted.json().get("versions").size());
        assertEquals("厂区宿舍每间4人", resubmitted.json().get("versions").get(0).get("dormitory").asText(), "version 1 kept");

        Api.Res approved = liaison.post("plans/" + planId + "/approve", Api.obj().set("conditions",
                Api.JSON.createArrayNode().add("每周提交一次核酸检测汇总").add("")));
        assertEquals(200, approved.status(), approved.raw());
        assertEquals("APPROVED", approved.json().get("status").asText());
        assertEquals(1, approved.json().get("conditions").size());
        long permitId = approved.json().get("permitId").asLong();
        Api.Res more = liaison.post("plans/" + planId + "/conditions", Api.obj().put("text", "食堂限流50%"));
        assertEquals(2, more.json().get("conditions").size());

        LocalDate planned = LocalDate.now(SHANGHAI).plusDays(3);
        assertEquals(planned.toString(), admin.get("firms/" + firm).json().get("resumedOn").asText());
        try (Connection c = portal.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select type, subject_id, valid_from, valid_to, holder_name from permit where id = ?")) {
            ps.setLong(1, permitId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("CERTIFICATE", rs.getString(1));
                assertEquals(planId, rs.getLong(2));
                Instant from = rs.getTimestamp(3).toInstant();
                assertEquals(planned.atStartOfDay(SHANGHAI).toInstant(), from);
                assertEquals(from.plus(Duration.ofDays(180)), rs.getTimestamp(4).toInstant());
            }
        }
        JsonNode inbox = manager.get("notifications").json();
        assertTrue(inbox.size() >= 3, inbox.toString());
    }

    @Test
    void rejectionNeedsAReasonAndTheFirmMayFileAgain() throws Exception {
        long firm = TestData.newFirm(admin, "BJ-LOG", false, 40);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        long fileId = upload(managerName, firm, "c.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}).json().get("fileId").asLong();
        long planId = manager.post("firms/" + firm + "/plans", plan(fileId, 30)).json().get("id").asLong();
        Api liaison = portal.api("liaison.bj").english();
        Api.Res noReason = liaison.post("plans/" + planId + "/reject", Api.obj().put("reason", "  "));
        assertEquals(400, noReason.status());
        assertNotNull(noReason.errorFor("reason"));
        Api.Res rejected = liaison.post("plans/" + planId + "/reject", Api.obj().put("reason", "未落实闭环住宿"));
        assertEquals(200, rejected.status(), rejected.raw());
        assertEquals("REJECTED", rejected.json().get("status").asText());
        // A new plan after the rejection; five at once give one plan and four conflicts, never a 500.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        java.util.List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(pool.submit(() -> manager.post("firms/" + firm + "/plans", plan(fileId, 30)).status()));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var c : calls) {
            statuses.add(c.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(2, manager.get("firms/" + firm + "/plans").json().size());
    }

    /** The steps a plan's answer offers its caller. */
    static Set<String> actions(JsonNode plan) {
        Set<String> out = new HashSet<>();
        plan.get("actions").forEach(a -> out.add(a.asText()));
        return out;
    }
}
