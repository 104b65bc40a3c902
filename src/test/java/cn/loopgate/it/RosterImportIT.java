package cn.loopgate.it;

import cn.loopgate.roster.RosterFiles;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roster import over the API: dry run, report, valid rows only, re-upload, 10,000 rows, hostile files. */
class RosterImportIT {

    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    record Manager(long firmId, String user, Api api) {
    }

    static Manager manager() {
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 100);
        String user = TestData.newUser(admin, "FIRM_MANAGER", firm);
        return new Manager(firm, user, portal.api(user).english());
    }

    /** {@code good} valid rows, then a bad check digit, a bad phone, a duplicate of the first row. */
    static String csvWithBadRows(int good) {
        StringBuilder b = new StringBuilder("姓名,身份证号,手机号,岗位,入职日期\n");
        String first = null;
        for (int i = 0; i < good; i++) {
            String id = TestData.FAKES.residentId("510107");
            first = first == null ? id : first;
            b.append(TestData.FAKES.personName()).append(',').append(id).append(',').append(TestData.FAKES.mobile()).append(",操作工,2024-03-01\n");
        }
        String id = TestData.FAKES.residentId("510107");
        b.append("坏校验,").append(id, 0, 17).append(id.charAt(17) == '1' ? '2' : '1').append(',').append(TestData.FAKES.mobile()).append(",,\n");
        b.append("坏手机,").append(TestData.FAKES.residentId("510107")).append(",2380013800,,\n");
        b.append("重复者,").append(first).append(',').append(TestData.FAKES.mobile()).append(",,\n");
        return b.toString();
    }

    @Test
    void dryRunReportsBadRowsThenValidRowsAreImportedAndReuploadAddsNobody() {
        Manager m = manager();
        byte[] file = csvWithBadRows(5).getBytes(StandardCharsets.UTF_8);
        String path = "firms/" + m.firmId() + "/roster-imports";

        Uploads.Bytes dry = Uploads.post(portal, m.user(), path, "花名册.csv", file);
        assertEquals(201, dry.status(), dry.text());
        JsonNode s = dry.json();
        assertEquals(8, s.get("totalRows").asInt());
        assertEquals(5, s.get("validRows").asInt());
        assertEquals(3, s.get("invalidRows").asInt());
        assertEquals(List.of(7, 8, 9), s.get("invalid").findValues("line").stream().map(JsonNode::asInt).toList());
        assertTrue(s.get("invalid").get(0).get("problems").get(0).asText().contains("check digit"), s.toString());
        assertTrue(s.get("invalid").get(2).get("problems").get(0).asText().contains("line 2"), s.toString());
        assertEquals(0, m.api().get("firms/" + m.firmId() + "/workers").json().get("total").asInt(), "a dry run changes nothing");

        Uploads.Bytes report = Uploads.get(portal, m.user(), path + "/" + s.get("id").asLong() + "/report?format=csv");
        assertEquals(200, report.status());
        assertTrue(report.text().contains("Invalid mobile number"), report.text());
        Uploads.Bytes xlsx = Uploads.get(portal, m.user(), path + "/" + s.get("id").asLong() + "/report?format=xlsx");
        assertEquals(200, xlsx.status());
        assertEquals('P', (char) xlsx.body()[0]);

        Api.Res all = m.api().post(path + "/" + s.get("id").asLong() + "/import", Api.obj().put("validOnly", false));
        assertEquals(409, all.status(), "not all rows are valid");
        Api.Res valid = m.api().post(path + "/" + s.get("id").asLong() + "/import", Api.obj().put("validOnly", true));
        assertEquals(200, valid.status(), valid.raw());
        assertEquals(5, valid.json().get("importedRows").asInt());
        assertEquals(409, m.api().post(path + "/" + s.get("id").asLong() + "/import", Api.obj().put("validOnly", true)).status());
        assertEquals(5, m.api().get("firms/" + m.firmId() + "/workers").json().get("total").asInt());

        Uploads.Bytes again = Uploads.post(portal, m.user(), path, "花名册.csv", file);
        assertEquals(5, again.json().get("unchangedRows").asInt(), again.text());
        assertEquals(0, again.json().get("newRows").asInt());
        m.api().post(path + "/" + again.json().get("id").asLong() + "/import", Api.obj().put("validOnly", true));
        assertEquals(5, m.api().get("firms/" + m.firmId() + "/workers").json().get("total").asInt(), "no duplicates");

        Uploads.Bytes template = Uploads.get(portal, m.user(), path + "/template?format=csv");
        assertTrue(template.text().contains("姓名,身份证号,手机号,岗位,入职日期"), template.text());

        Manager other = manager();
        assertEquals(404, Uploads.get(portal, other.user(), path + "/" + s.get("id").asLong()).status(), "another firm's import");
        assertEquals(403, Uploads.post(portal, "liaison.cd", path, "r.csv", file).status(), "liaisons do not import");
    }

    @Test
    void tenThousandRowsTakeSeconds() throws Exception {
        Manager m = manager();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "身份证号", "手机号", "岗位", "入职日期"));
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (rows.size() <= 10_000) {
            String id = TestData.FAKES.residentId("310104");
            if (ids.add(id)) {
                rows.add(List.of(TestData.FAKES.personName(), id, TestData.FAKES.mobile(), "装配工", "2023-06-01"));
            }
        }
        byte[] file = RosterFiles.xlsx(rows);
        String path = "firms/" + m.firmId() + "/roster-imports";
        long t0 = System.nanoTime();
        Uploads.Bytes dry = Uploads.post(portal, m.user(), path, "big.xlsx", file);
        assertEquals(201, dry.status(), dry.text());
        assertEquals(10_000, dry.json().get("validRows").asInt());
        Api.Res imported = m.api().post(path + "/" + dry.json().get("id").asLong() + "/import", Api.obj().put("validOnly", false));
        assertEquals(200, imported.status(), imported.raw());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("10,000-row import (dry run + import) took " + ms + " ms");
        assertTrue(ms < 30_000, "took " + ms + " ms");
        assertEquals(10_000, m.api().get("firms/" + m.firmId() + "/workers?limit=1").json().get("total").asInt());
    }

    @Test
    void hostileFilesAreRefusedWithAClearMessage() throws Exception {
        Manager m = manager();
        String path = "firms/" + m.firmId() + "/roster-imports";
        Uploads.Bytes bomb = Uploads.post(portal, m.user(), path, "bomb.xlsx", RosterFiles.zipBomb(60));
        assertEquals(400, bomb.status());
        assertTrue(bomb.text().contains("zip bomb"), bomb.text());
        Uploads.Bytes traversal = Uploads.post(portal, m.user(), path, "../../etc/passwd.csv", "a,b".getBytes());
        assertEquals(400, traversal.status());
        assertTrue(traversal.text().contains("no paths"), traversal.text());
        Uploads.Bytes fake = Uploads.post(portal, m.user(), path, "roster.xlsx", "%PDF-1.4 not a sheet".getBytes());
        assertEquals(400, fake.status());
        assertTrue(fake.text().contains("not a valid xlsx"), fake.text());
        Uploads.Bytes huge = Uploads.post(portal, m.user(), path, "huge.csv", new byte[21 * 1024 * 1024], true);
        assertEquals(400, huge.status());
        assertTrue(huge.text().contains("larger than 20 MB"), huge.text());
        Uploads.Bytes formula = Uploads.post(portal, m.user(), path, "f.xlsx", RosterFiles.xlsx(List.of(
                List.of("姓名", "身份证号", "手机号"), List.of("公式", TestData.FAKES.residentId("310104"), "=HYPERLINK(\"http://x\")"))));
        assertEquals(201, formula.status(), formula.text());
        assertTrue(formula.text().contains("Formulas are not accepted"), formula.text());
        StringBuilder many = new StringBuilder("姓名,身份证号,手机号\n");
        for (int i = 0; i < 1_000_000; i++) {
            many.append("a,b,c\n");
        }
        Uploads.Bytes rows = Uploads.post(portal, m.user(), path, "rows.csv", many.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, rows.status());
        assertTrue(rows.text().contains("rows; please split it"), rows.text());
        assertEquals(0, m.api().get("firms/" + m.firmId() + "/workers").json().get("total").asInt());
    }

    /** Issue 19, item 4: cells starting with + - @ (and tab/CR) are refused like = (docs/whitelist-and-passes.md). */
    @Test
    void cellsThatASpreadsheetCouldRunAreRefusedWhateverTheirFirstCharacter() {
        Manager m = manager();
        String path = "firms/" + m.firmId() + "/roster-imports";
        StringBuilder csv = new StringBuilder("姓名,身份证号,手机号,岗位\n");
        List<String> hostile = List.of("+SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1");
        for (String h : hostile) {
            csv.append("公式人,").append(TestData.FAKES.residentId("310104")).append(',').append(TestData.FAKES.mobile())
                    .append(",\"").append(h.replace("\"", "\"\"")).append("\"\n");
        }
        csv.append("正常人,").append(TestData.FAKES.residentId("310104")).append(",+86 ").append(TestData.FAKES.mobile()).append(",操作工\n");
        Uploads.Bytes dry = Uploads.post(portal, m.user(), path, "f.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, dry.status(), dry.text());
        assertEquals(hostile.size(), dry.json().get("invalidRows").asInt(), dry.text());
        assertEquals(1, dry.json().get("validRows").asInt(), "an international phone is a number, not a formula: " + dry.text());
        dry.json().get("invalid").forEach(r -> assertTrue(r.get("problems").toString().contains("Formulas are not accepted"), r.toString()));
    }

    /** Issue 19, item 12: a worker who left comes back by re-import (docs say so) and by PUT. */
    @Test
    void aWorkerWhoLeftIsBackAfterReimportOrAnUpdate() {
        Manager m = manager();
        String path = "firms/" + m.firmId() + "/roster-imports";
        String id = TestData.FAKES.residentId("310104");
        String phone = TestData.FAKES.mobile();
        byte[] file = ("姓名,身份证号,手机号,岗位\n回厂者," + id + "," + phone + ",操作工\n").getBytes(StandardCharsets.UTF_8);
        Uploads.Bytes first = Uploads.post(portal, m.user(), path, "r.csv", file);
        assertEquals(200, m.api().post(path + "/" + first.json().get("id").asLong() + "/import", Api.obj().put("validOnly", false)).status());
        JsonNode worker = m.api().get("firms/" + m.firmId() + "/workers").json().get("items").get(0);
        long workerId = worker.get("id").asLong();
        assertEquals(200, m.api().post("firms/" + m.firmId() + "/workers/" + workerId + "/leave", Api.obj().put("reason", "合同到期")).status());
        assertEquals("LEFT", m.api().get("firms/" + m.firmId() + "/workers/" + workerId).json().get("status").asText());

        Uploads.Bytes again = Uploads.post(portal, m.user(), path, "r.csv", file);
        assertEquals(1, again.json().get("updatedRows").asInt(), "the same row, but the worker had left: " + again.text());
        assertEquals(200, m.api().post(path + "/" + again.json().get("id").asLong() + "/import", Api.obj().put("validOnly", false)).status());
        JsonNode back = m.api().get("firms/" + m.firmId() + "/workers/" + workerId).json();
        assertEquals("ACTIVE", back.get("status").asText(), back.toString());
        assertTrue(back.get("leftOn") == null || back.get("leftOn").isNull(), back.toString());

        assertEquals(200, m.api().post("firms/" + m.firmId() + "/workers/" + workerId + "/leave", Api.obj().put("reason", "再次离职")).status());
        Api.Res put = m.api().put("firms/" + m.firmId() + "/workers/" + workerId, Api.obj().put("name", "回厂者").put("phone", phone)
                .put("job", "质检员"));
        assertEquals(200, put.status(), put.raw());
        assertEquals("ACTIVE", m.api().get("firms/" + m.firmId() + "/workers/" + workerId).json().get("status").asText(), "PUT brings them back too");
    }
}
