package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.loopgate.it.AccessMatrixIT.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liaison per firm (issue 18, item 5): a firm-bound liaison officer sees exactly their assigned firms across firms,
 * plans, cards, problems, the board and the dashboard (404 for the park's other firms) and holds no park-level right;
 * a park-wide one still sees the whole park; bulk reassignment is audited with the officer before and after; a plan
 * filed by an assigned firm notifies its own officer and not the park's; the firm import's liaison column assigns.
 */
class LiaisonAssignmentIT {

    static Portal portal;
    static Api admin;
    static long park;
    static long f1;
    static long f2;
    static long f3;
    static Api m1;
    static Api m3;
    static String parkWide;
    static String bound;
    static String bound2;
    static long boundId;
    static long bound2Id;
    static long parkWideId;

    @BeforeAll
    static void setUp() {
        portal = Portal.get();
        admin = portal.api("admin").english();
        long district = admin.get("parks/" + TestData.parkId(admin, "CD-ETZ")).json().get("districtId").asLong();
        String code = "LA" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(java.util.Locale.ROOT);
        park = expect(201, admin.post("parks", Api.obj().put("districtId", district).put("code", code)
                .put("name", "专员园区" + code).put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00")
                .put("passMaxDays", 30))).get("id").asLong();
        f1 = expect(201, admin.post("firms", TestData.firmBody(park, true, 300))).get("id").asLong();
        f2 = expect(201, admin.post("firms", TestData.firmBody(park, true, 300))).get("id").asLong();
        f3 = expect(201, admin.post("firms", TestData.firmBody(park, true, 300))).get("id").asLong();
        m1 = portal.api(TestData.newUser(admin, "FIRM_MANAGER", f1));
        m3 = portal.api(TestData.newUser(admin, "FIRM_MANAGER", f3));
        parkWide = TestData.newUser(admin, "LIAISON", null, park);
        bound = TestData.newUser(admin, "LIAISON", null); // no parks: firm-bound
        bound2 = TestData.newUser(admin, "LIAISON", null);
        boundId = userId(bound);
        bound2Id = userId(bound2);
        parkWideId = userId(parkWide);
    }

    static long userId(String username) {
        for (JsonNode u : admin.get("users").json()) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asLong();
            }
        }
        throw new IllegalStateException(username);
    }

    static ObjectNode assignment(Long liaison, long... firms) {
        ObjectNode body = Api.obj();
        var ids = body.putArray("firmIds");
        for (long f : firms) {
            ids.add(f);
        }
        if (liaison == null) {
            body.putNull("liaisonUserId");
        } else {
            body.put("liaisonUserId", liaison);
        }
        return body;
    }

    static Set<Long> ids(JsonNode list, String field) {
        Set<Long> out = new HashSet<>();
        list.forEach(n -> out.add(n.get(field).asLong()));
        return out;
    }

    /** A plan filed (not decided) by the firm's manager; its id. */
    static long filedPlan(Api manager, long firm) {
        long file = expect(201, manager.postBytes("firms/" + firm + "/plans/commitments?name=c.png", "image/png", AccessMatrixIT.PNG))
                .get("fileId").asLong();
        return expect(201, manager.post("firms/" + firm + "/plans", Api.obj().put("plannedDate", LocalDate.now().plusDays(5).toString())
                .put("headcount", 50).put("dormitory", "厂区宿舍每间4人").put("meals", "分餐错峰").put("shuttle", "班车两点一线")
                .put("disinfection", "每日两次消杀").put("healthChecks", "早晚测温").put("emergencyPlan", "发热即隔离并上报")
                .put("officerName", "王防疫").put("officerPhone", TestData.FAKES.mobile()).put("commitmentFileId", file)))
                .get("id").asLong();
    }

    @Test
    void aFirmBoundLiaisonSeesExactlyTheirFirmsAndTheParkWideOneTheWholePark() {
        Api b = portal.api(bound);
        Api wide = portal.api(parkWide);
        assertEquals(0, expect(200, b.get("firms?limit=500")).get("total").asLong(), "no firms yet: nothing");

        JsonNode done = expect(200, admin.post("liaison-assignments", assignment(boundId, f1, f2)));
        assertEquals(2, done.get("changed").asInt());
        assertEquals(Set.of(f1, f2), ids(expect(200, b.get("firms?limit=500")).get("items"), "id"));
        expect(200, b.get("firms/" + f1));
        expect(404, b.get("firms/" + f3));
        expect(404, b.get("firms/" + f3 + "/plans"));
        expect(404, b.get("firms/" + f3 + "/workers"));
        assertEquals(bound, expect(200, b.get("firms/" + f1 + "/liaison")).get("liaisonUsername").asText());
        assertTrue(ids(expect(200, wide.get("firms?parkId=" + park + "&limit=500")).get("items"), "id").containsAll(Set.of(f1, f2, f3)));

        // Plans: F1's goes to its own officer's queue and inbox; F3's (no officer) to the park's.
        long plan1 = filedPlan(m1, f1);
        long plan3 = filedPlan(m3, f3);
        Set<Long> boundQueue = ids(expect(200, b.get("plans/queue")), "planId");
        assertTrue(boundQueue.contains(plan1), boundQueue::toString);
        assertFalse(boundQueue.contains(plan3));
        expect(404, b.get("plans/" + plan3));
        Set<Long> wideQueue = ids(expect(200, wide.get("plans/queue")), "planId");
        assertTrue(wideQueue.containsAll(Set.of(plan1, plan3)), "the park-wide officer still reviews the whole park");
        JsonNode boundInbox = expect(200, b.get("notifications"));
        assertTrue(links(boundInbox).stream().anyMatch(l -> l.endsWith("id=" + plan1)), boundInbox::toString);
        assertFalse(links(boundInbox).stream().anyMatch(l -> l.endsWith("id=" + plan3)));
        List<String> wideLinks = links(expect(200, wide.get("notifications")));
        assertFalse(wideLinks.stream().anyMatch(l -> l.endsWith("id=" + plan1)), "routed to the firm's own officer only");
        assertTrue(wideLinks.stream().anyMatch(l -> l.endsWith("id=" + plan3)), "no officer: the park's officers");
        expect(200, b.post("plans/" + plan1 + "/approve", Api.obj()));

        // Problems.
        ObjectNode problem = Api.obj().put("category", "MATERIALS_IN").put("urgency", "NORMAL").put("description", "原材料车辆无法进入园区");
        long p1 = expect(201, m1.post("problems", problem)).get("id").asLong();
        long p3 = expect(201, m3.post("problems", problem)).get("id").asLong();
        expect(200, b.get("problems/" + p1));
        expect(404, b.get("problems/" + p3));
        Set<Long> listed = ids(expect(200, b.get("problems?limit=500")).get("items"), "id");
        assertTrue(listed.contains(p1));
        assertFalse(listed.contains(p3));
        expect(200, b.post("problems/" + p1 + "/acknowledge", Api.obj()));

        // Cards: F3's batch is not theirs.
        long w3 = AccessMatrixIT.newWorker(m3, f3);
        ObjectNode batch = Api.obj().put("firmId", f3).put("validFrom", LocalDate.now().toString())
                .put("validTo", LocalDate.now().plusDays(10).toString());
        batch.putArray("workerIds").add(w3);
        long batch3 = expect(201, m3.post("card-batches", batch)).get("batch").get("id").asLong();
        expect(404, b.get("card-batches/" + batch3));
        assertFalse(ids(expect(200, b.get("card-batches?limit=500")).get("items"), "id").contains(batch3));
        expect(200, wide.get("card-batches/" + batch3));

        // Board and dashboard: their firms only.
        Set<Long> board = ids(expect(200, b.get("board")).get("rows"), "firmId");
        assertEquals(Set.of(f1, f2), board);
        assertTrue(ids(expect(200, wide.get("board")).get("rows"), "firmId").containsAll(Set.of(f1, f2, f3)));
        Set<Long> dashboard = ids(expect(200, b.get("dashboard/firms")), "firmId");
        assertTrue(Set.of(f1, f2).containsAll(dashboard), dashboard::toString);
        expect(404, b.get("dashboard/firms/" + f3 + "/history"));

        // Park-level rights stay with park-wide officers.
        expect(403, b.post("liaison-assignments", assignment(boundId, f1)));
        expect(403, b.accepting("application/json, */*;q=0.1").get("firm-imports/template"));
        expect(403, b.get("parks/" + park + "/health-figures"));
    }

    static List<String> links(JsonNode inbox) {
        return java.util.stream.StreamSupport.stream(inbox.spliterator(), false)
                .map(n -> n.get("link").isNull() ? "" : n.get("link").asText()).toList();
    }

    @Test
    void reassignmentInBulkIsAuditedAndRefusalsChangeNothing() {
        long g1 = expect(201, admin.post("firms", TestData.firmBody(park, false, 30))).get("id").asLong();
        long g2 = expect(201, admin.post("firms", TestData.firmBody(park, false, 30))).get("id").asLong();
        long elsewhere = TestData.newFirm(admin, "BJ-IND", false, 30);
        Api wide = portal.api(parkWide);
        Api b2 = portal.api(bound2);
        expect(404, b2.get("firms/" + g1));

        // A park-wide officer assigns their park's firms; another park's firm is not theirs to see.
        assertEquals(2, expect(200, wide.post("liaison-assignments", assignment(bound2Id, g1, g2))).get("changed").asInt());
        expect(200, b2.get("firms/" + g1));
        expect(404, wide.post("liaison-assignments", assignment(bound2Id, g1, elsewhere)));

        // Refusals: not a liaison, a park-wide officer of other parks, no firms; none changes anything.
        long liaisonBj = userId("liaison.bj");
        assertEquals("That account is not an enabled liaison officer.",
                refused(admin.post("liaison-assignments", assignment(userId("manager01"), g1)), "liaisonUserId"));
        assertTrue(refused(admin.post("liaison-assignments", assignment(liaisonBj, g1, g2)), "liaisonUserId").contains("covers whole parks"));
        assertEquals("Select at least one firm.", refused(admin.post("liaison-assignments", assignment(bound2Id)), "firmIds"));
        assertEquals(bound2, admin.get("firms/" + g1 + "/liaison").json().get("liaisonUsername").asText());

        // Bulk reassignment to the park-wide officer: one entry per firm, from whom to whom, by whom.
        JsonNode moved = expect(200, admin.post("liaison-assignments", assignment(parkWideId, g1, g2)));
        assertEquals(2, moved.get("changed").asInt());
        expect(404, b2.get("firms/" + g1)); // the scope follows at once (the cached caller is forgotten)
        JsonNode audit = expect(200, admin.get("audit?objectType=Firm&objectId=" + g1 + "&action=ASSIGN_LIAISON")).get("items");
        assertEquals(2, audit.size(), audit::toString);
        boolean sawMove = false;
        for (JsonNode e : audit) {
            if (e.get("after").asText().contains(parkWide)) {
                assertTrue(e.get("before").asText().contains(bound2), e::toString);
                assertEquals("admin", e.get("actor").asText());
                sawMove = true;
            } else {
                assertEquals(parkWide, e.get("actor").asText(), "the first assignment was the park-wide officer's");
            }
        }
        assertTrue(sawMove);

        // One firm at a time, and taken away.
        assertEquals(bound2, expect(200, admin.put("firms/" + g1 + "/liaison", Api.obj().put("liaisonUserId", bound2Id)))
                .get("liaisonUsername").asText());
        JsonNode none = expect(200, admin.put("firms/" + g1 + "/liaison", Api.obj().putNull("liaisonUserId")));
        assertTrue(none.path("liaisonUserId").isMissingNode() || none.get("liaisonUserId").isNull(), none::toString);
        expect(404, b2.get("firms/" + g1));

        // Who holds which firms.
        assertTrue(ids(expect(200, admin.get("users/" + parkWideId + "/firms")), "firmId").contains(g2));
        assertEquals(Set.of(), ids(expect(200, b2.get("users/" + bound2Id + "/firms")), "firmId"));
        expect(403, b2.get("users/" + parkWideId + "/firms"));
        expect(403, portal.api("analyst").get("users/" + parkWideId + "/firms"));
    }

    /** A 400's message for the field. */
    static String refused(Api.Res r, String field) {
        assertEquals(400, r.status(), r.raw());
        return r.errorFor(field);
    }

    @Test
    void theFirmImportsLiaisonColumnAssigns() {
        String bound3 = TestData.newUser(admin, "LIAISON", null);
        String code = TestData.FAKES.creditCode("320583");
        String csv = "企业名称,统一社会信用代码,所属园区,行业,规模类别,联系人,联系电话,驻企联络员账号\n"
                + "专员导入企业" + TestData.FAKES.random().nextInt(1_000_000) + "有限公司," + code + ",CD-ETZ,机械装备,规上,张伟,13800138000,"
                + bound3 + "\n";
        JsonNode dry = expect(201, admin.postBytes("firm-imports?fileName=firms.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, dry.get("invalidRows").asInt(), dry::toString);
        expect(200, admin.post("firm-imports/" + dry.get("id").asLong() + "/import", Api.obj().put("validOnly", false)));
        long firm = -1;
        for (JsonNode f : admin.get("firms?q=" + code).json().get("items")) {
            firm = f.get("id").asLong();
        }
        assertEquals(bound3, expect(200, admin.get("firms/" + firm + "/liaison")).get("liaisonUsername").asText());
        expect(200, portal.api(bound3).get("firms/" + firm));
        JsonNode audit = expect(200, admin.get("audit?objectType=Firm&objectId=" + firm + "&action=ASSIGN_LIAISON")).get("items");
        assertEquals(1, audit.size(), audit::toString);

        String bad = "企业名称,统一社会信用代码,所属园区,行业,规模类别,联系人,联系电话,驻企联络员账号\n"
                + "专员导入企业乙有限公司," + TestData.FAKES.creditCode("320583") + ",CD-ETZ,机械装备,规上,张伟,13800138000,liaison.bj\n";
        JsonNode refused = expect(201, admin.postBytes("firm-imports?fileName=firms.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, refused.get("invalidRows").asInt(), refused::toString);
        assertTrue(refused.get("invalid").get(0).get("problems").get(0).asText().contains("liaison.bj"), refused::toString);
    }
}
