package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Problems over the API: time limits with a moved clock, scoping, roles, bad input, audit, notifications. */
class ProblemIT {

    /** The smallest PNG: a 1×1 transparent pixel. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    static Portal portal;
    static Api admin;
    static Api liaisonCd;
    static Api liaisonBj;
    static Api analyst;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        liaisonCd = portal.api("liaison.cd");
        liaisonBj = portal.api("liaison.bj");
        analyst = portal.api("analyst");
    }

    static ObjectNode problem(String category, String urgency, String description) {
        return Api.obj().put("category", category).put("urgency", urgency).put("description", description);
    }

    static ObjectNode file(String name, byte[] data) {
        return Api.obj().put("name", name).put("contentBase64", Base64.getEncoder().encodeToString(data));
    }

    static long raise(Api manager, String urgency) {
        Api.Res r = manager.post("problems", problem("PRODUCTS_OUT", urgency, "成品无法运出园区，物流车辆被拦"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    @Test
    void anUnacknowledgedUrgentProblemIsFlaggedOverdueWhenItsTimeLimitPasses() {
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", true, 120);
        long id = raise(manager, "URGENT");
        JsonNode fresh = liaisonCd.get("problems/" + id).json();
        assertFalse(fresh.get("overdue").asBoolean(), fresh.toString());
        Instant raisedAt = Instant.parse(fresh.get("raisedAt").asText());
        assertEquals(raisedAt.plus(Duration.ofHours(2)), Instant.parse(fresh.get("acknowledgeDue").asText()), "urgent: 2 h to acknowledge");
        assertEquals(raisedAt.plus(Duration.ofHours(24)), Instant.parse(fresh.get("resolveDue").asText()), "urgent: 24 h to resolve");
        try {
            Api.Res moved = admin.put("test/clock", Api.obj().put("now", raisedAt.plus(Duration.ofMinutes(121)).toString()));
            assertEquals(200, moved.status(), moved.raw());

            JsonNode late = liaisonCd.get("problems/" + id).json();
            assertTrue(late.get("overdue").asBoolean(), late.toString());
            assertEquals("ACKNOWLEDGE", late.get("overdueReasons").get(0).asText());
            assertTrue(ids(liaisonCd.get("problems?overdue=true&limit=500").json()).contains(id), "listed as overdue for the liaison");
            assertTrue(ids(manager.get("problems?overdue=true").json()).contains(id), "and for the firm");
            assertFalse(ids(liaisonBj.get("problems?overdue=true&limit=500").json()).contains(id), "not for another park");

            JsonNode stats = analyst.get("problems/stats").json();
            assertTrue(stats.get("overdue").asLong() >= 1, stats.toString());
            boolean row = false;
            for (JsonNode r : stats.get("rows")) {
                if (r.get("parkCode").asText().equals("CD-ETZ") && r.get("category").asText().equals("PRODUCTS_OUT")) {
                    row = r.get("overdue").asLong() >= 1 && r.get("open").asLong() >= 1;
                }
            }
            assertTrue(row, "the bureau sees it per park and category: " + stats);

            // Acknowledging late clears that flag; the resolve limit is still ahead.
            assertEquals(200, liaisonCd.post("problems/" + id + "/acknowledge", Api.obj()).status());
            assertFalse(liaisonCd.get("problems/" + id).json().get("overdue").asBoolean());
            admin.put("test/clock", Api.obj().put("now", raisedAt.plus(Duration.ofHours(25)).toString()));
            JsonNode unresolved = manager.get("problems/" + id).json();
            assertTrue(unresolved.get("overdue").asBoolean());
            assertEquals("RESOLVE", unresolved.get("overdueReasons").get(0).asText());
        } finally {
            assertEquals(200, admin.delete("test/clock").status());
        }
        assertFalse(liaisonCd.get("problems/" + id).json().get("overdue").asBoolean(), "back to real time");
    }

    @Test
    void theWholeWayOverTheApiIsAuditedAndTellsWhoeverActsNext() {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 30);
        ObjectNode body = problem("MATERIALS_IN", "HIGH", "原材料车辆无法进入园区");
        body.putArray("attachments").add(file("通行证.png", PNG));
        Api.Res raised = manager.post("problems", body);
        assertEquals(201, raised.status(), raised.raw());
        long id = raised.json().get("id").asLong();
        JsonNode attachment = raised.json().get("attachments").get(0);
        assertEquals("image/png", attachment.get("contentType").asText());
        Api.Res download = liaisonCd.get("problems/" + id + "/attachments/" + attachment.get("id").asLong());
        assertEquals(200, download.status());
        assertEquals(404, liaisonBj.get("problems/" + id + "/attachments/" + attachment.get("id").asLong()).status());

        assertTrue(inbox(liaisonCd).contains("#" + id), "the liaison is told");
        assertEquals("[\"ACKNOWLEDGE\",\"ESCALATE\",\"COMMENT\",\"ATTACH\"]", liaisonCd.get("problems/" + id).json().get("actions").toString(),
                "what the liaison is offered on a raised problem");
        assertEquals("[\"COMMENT\",\"ATTACH\"]", raised.json().get("actions").toString(), "the firm may add to it");
        assertEquals(200, liaisonCd.post("problems/" + id + "/acknowledge", Api.obj()).status());
        assertEquals(200, liaisonCd.post("problems/" + id + "/comments", Api.obj().put("comment", "正在联系交通部门")).status());
        Api.Res escalated = liaisonCd.post("problems/" + id + "/escalate", Api.obj().put("kind", "SUPERVISE").put("reason", "需市级协调"));
        assertEquals(200, escalated.status(), escalated.raw());
        assertEquals("ESCALATED", escalated.json().get("status").asText());
        assertTrue(inbox(analyst).contains("#" + id), "the bureau is told");

        String due = Instant.now().plus(Duration.ofDays(1)).toString();
        Api.Res assigned = analyst.post("problems/" + id + "/assign", Api.obj().put("department", "市交通运输局").put("dueAt", due));
        assertEquals(200, assigned.status(), assigned.raw());
        assertEquals("市交通运输局", assigned.json().get("department").asText());
        Api.Res resolved = liaisonCd.post("problems/" + id + "/resolve", Api.obj().put("resolution", "已开通绿色通道"));
        assertEquals("RESOLVED", resolved.json().get("status").asText());
        assertEquals("[\"COMMENT\",\"ATTACH\"]", resolved.json().get("actions").toString());
        assertEquals("[\"CONFIRM\",\"REOPEN\",\"COMMENT\",\"ATTACH\"]", manager.get("problems/" + id).json().get("actions").toString(),
                "the firm confirms or reopens");
        assertEquals("[]", analyst.get("problems/" + id).json().get("actions").toString());
        assertTrue(inbox(manager).contains("#" + id), "the firm is told");

        Api.Res reopened = manager.post("problems/" + id + "/reopen", Api.obj().put("reason", "车辆仍被拦"));
        assertEquals("ACKNOWLEDGED", reopened.json().get("status").asText());
        assertEquals(1, reopened.json().get("reopenCount").asInt());
        liaisonCd.post("problems/" + id + "/resolve", Api.obj().put("resolution", "已发放专用通行证"));
        Api.Res confirmed = manager.post("problems/" + id + "/confirm", Api.obj());
        assertEquals("CLOSED", confirmed.json().get("status").asText());
        assertEquals("[]", confirmed.json().get("actions").toString(), "nothing is left to do");

        List<String> actions = new ArrayList<>();
        admin.get("audit/Problem/" + id).json().forEach(a -> actions.add(a.get("action").asText()));
        assertEquals(List.of("RAISE", "ACKNOWLEDGE", "COMMENT", "ESCALATE", "ASSIGN", "RESOLVE", "REOPEN", "RESOLVE", "CONFIRM"), actions);
        JsonNode timeline = manager.get("problems/" + id + "/timeline").json();
        assertTrue(timeline.toString().contains("正在联系交通部门") && timeline.toString().contains("REOPEN"), timeline.toString());
        assertNotNull(analyst.get("problems/stats").json().get("averageHoursToResolve"));
        assertEquals(409, manager.post("problems/" + id + "/reopen", Api.obj().put("reason", "x")).status(), "closed is closed");
    }

    @Test
    void rolesAndTenantsAreKeptApart() {
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", false, 20);
        Api otherManager = TestData.newManagedFirm(portal, "CD-ETZ", false, 20);
        long id = raise(manager, "NORMAL");

        assertEquals(404, otherManager.get("problems/" + id).status(), "another firm");
        assertEquals(404, liaisonBj.get("problems/" + id).status(), "another park");
        assertEquals(404, liaisonBj.post("problems/" + id + "/acknowledge", Api.obj()).status());
        assertFalse(ids(otherManager.get("problems?limit=500").json()).contains(id));
        assertEquals(200, analyst.get("problems/" + id).status(), "the bureau reads all");

        assertEquals(403, manager.post("problems/" + id + "/acknowledge", Api.obj()).status(), "firms do not acknowledge");
        assertEquals(403, analyst.post("problems/" + id + "/acknowledge", Api.obj()).status());
        assertEquals(403, liaisonCd.post("problems", problem("OTHER", "NORMAL", "x")).status(), "liaisons do not raise");
        assertEquals(403, analyst.post("problems", problem("OTHER", "NORMAL", "x")).status());
        assertEquals(403, analyst.post("problems/" + id + "/comments", Api.obj().put("comment", "x")).status());
        assertEquals(403, portal.api("guard").get("problems").status());
        assertEquals(403, manager.get("problems/stats").status());
        String due = Instant.now().plus(Duration.ofDays(1)).toString();
        ObjectNode assign = Api.obj().put("department", "市商务局").put("dueAt", due);
        assertEquals(403, liaisonCd.post("problems/" + id + "/assign", assign).status(), "only the bureau assigns");
        assertEquals(403, admin.post("problems/" + id + "/assign", assign).status());
        assertEquals(409, analyst.post("problems/" + id + "/assign", assign).status(), "not escalated yet");
        assertEquals(403, manager.post("problems/" + id + "/escalate", Api.obj().put("kind", "ASSIGN").put("reason", "x")).status());
        assertEquals(409, manager.post("problems/" + id + "/confirm", Api.obj()).status(), "nothing resolved to confirm");
        assertEquals(404, manager.get("problems/999999999").status());

        // The pages keep the same fences: the detail page is 404 outside scope, role areas 403.
        assertEquals(200, manager.get("/problem.xhtml?id=" + id).status());
        assertEquals(200, liaisonCd.get("/problem.xhtml?id=" + id).status());
        assertEquals(404, otherManager.get("/problem.xhtml?id=" + id).status());
        assertEquals(404, liaisonBj.get("/problem.xhtml?id=" + id).status());
        assertEquals(404, manager.get("/problem.xhtml?id=abc").status());
        assertEquals(200, analyst.get("/bureau/problems.xhtml").status());
        assertEquals(200, liaisonCd.get("/liaison/problems.xhtml").status());
        assertEquals(200, manager.get("/firm/problems.xhtml").status());
        assertEquals(403, manager.get("/bureau/problems.xhtml").status());
        assertEquals(403, liaisonCd.get("/firm/problems.xhtml").status());
        assertEquals(403, analyst.get("/liaison/problems.xhtml").status());
    }

    @Test
    void badInputIsRefusedClearlyAndNothingIsSaved() {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 20);
        Api.Res empty = manager.post("problems", problem("STAFFING", "URGENT", "   "));
        assertEquals(400, empty.status(), empty.raw());
        assertEquals("必填。", empty.errorFor("description"));
        Api.Res none = manager.english().post("problems", Api.obj());
        assertEquals("Required.", none.errorFor("category"));
        assertEquals("Required.", none.errorFor("urgency"));
        assertEquals(400, manager.post("problems", problem("STAFFING", "SOMEDAY", "x")).status(), "unknown urgency");
        assertEquals(400, manager.post("problems", problem("STAFFING", "NORMAL", "长".repeat(2001))).status());

        ObjectNode wrongType = problem("SUPPLIES", "HIGH", "口罩不足");
        wrongType.putArray("attachments").add(file("清单.pdf", "MZ this is really a program".getBytes()));
        Api.Res refused = manager.post("problems", wrongType);
        assertEquals(400, refused.status(), refused.raw());
        assertTrue(refused.errorFor("attachments").contains("文件类型不符"), refused.raw());
        ObjectNode notBase64 = problem("SUPPLIES", "HIGH", "口罩不足");
        notBase64.putArray("attachments").add(Api.obj().put("name", "a.png").put("contentBase64", "***"));
        assertEquals(400, manager.post("problems", notBase64).status());
        assertEquals(0, manager.get("problems").json().get("total").asInt(), "nothing saved");

        long id = raise(manager, "NORMAL");
        assertEquals(400, manager.post("problems/" + id + "/attachments", file("x.png", "GIF89a....".getBytes())).status());
        assertEquals(400, manager.post("problems/" + id + "/comments", Api.obj().put("comment", "")).status());
        liaisonCd.post("problems/" + id + "/acknowledge", Api.obj());
        Api.Res noReason = liaisonCd.post("problems/" + id + "/escalate", Api.obj().put("kind", "ASSIGN"));
        assertEquals(400, noReason.status());
        assertEquals("必填。", noReason.errorFor("reason"));
        liaisonCd.post("problems/" + id + "/escalate", Api.obj().put("kind", "ASSIGN").put("reason", "需协调"));
        Api.Res past = analyst.post("problems/" + id + "/assign", Api.obj().put("department", "市商务局")
                .put("dueAt", Instant.now().minus(Duration.ofHours(1)).toString()));
        assertEquals(400, past.status());
        assertNotNull(past.errorFor("dueAt"));
        Api.Res noDepartment = analyst.post("problems/" + id + "/assign", Api.obj().put("dueAt", Instant.now().plus(Duration.ofDays(1)).toString()));
        assertEquals(400, noDepartment.status());
        assertEquals("必填。", noDepartment.errorFor("department"));
    }

    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    static String inbox(Api user) {
        return user.get("notifications?limit=200").json().toString();
    }
}
