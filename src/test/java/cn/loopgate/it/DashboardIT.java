package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.Base64;

import static cn.loopgate.it.DashboardFixture.D;
import static cn.loopgate.it.DashboardFixture.D_MINUS_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's figures on a hand-computed city ({@link DashboardFixture}: read its table first),
 * filtered to the fixture's own district so demo data cannot interfere. Every expected number is
 * worked out in the comments.
 */
class DashboardIT {

    static Portal portal;
    static Api analyst;
    static DashboardFixture city;

    @BeforeAll
    static void start() throws Exception {
        portal = Portal.get();
        analyst = portal.api("analyst");
        city = new DashboardFixture(portal);
    }

    private static JsonNode figures(String query) {
        Api.Res r = analyst.get("dashboard/figures?districtId=" + city.district + query);
        assertEquals(200, r.status(), r.raw());
        return r.json();
    }

    /** Asserts numerator / denominator / percent of one figure. */
    private static void ratio(JsonNode f, String name, String num, String den, String pct) {
        JsonNode r = f.get(name);
        assertEquals(num, r.get("numerator").decimalValue().stripTrailingZeros().toPlainString(), name + " numerator");
        assertEquals(den, r.get("denominator").decimalValue().stripTrailingZeros().toPlainString(), name + " denominator");
        assertEquals(pct, r.get("percent").decimalValue().toPlainString(), name + " percent");
    }

    @Test
    void dayDFiguresOfTheWholeDistrict() {
        JsonNode f = figures("&day=" + D);
        // In scope: A1..A5, B1, B2 = 7 (all registered 03-01, recorded 03-01 08:00).
        assertEquals(7, f.get("firms").asInt());
        // Resumed = resumption date <= D as known at 24:00 AND report NORMAL/PARTIAL:
        // A1 yes; A2 yes (late still counts); A3 STOPPED no; A4 no date no; A5 no report no;
        // B1 date 03-04 > D no; B2 date 03-02 known since 03-03 09:00 yes  => 3 / 7 = 42.857 -> 42.9
        ratio(f, "resumption", "3", "7", "42.9");
        // On site 80+20+0+5+10+15 = 130 (A5 contributes 0);
        // staff: reports' frozen 100+60+40+10+200+20, A5 from history 30 => 460; 130/460 = 28.26 -> 28.3
        ratio(f, "arrival", "130", "460", "28.3");
        // Capacity: 90*100 + 50*60 + 0*40 + 100*10 + 0 (A5) + 20*200 + 60*20 = 18200 -> 182 / 460 = 39.57 -> 39.6
        ratio(f, "capacity", "182", "460", "39.6");
        // Due 7 (past day); on time: A1, A3, A4, B1, B2 = 5 (A2 late, A5 missing) => 5/7 = 71.43 -> 71.4
        ratio(f, "compliance", "5", "7", "71.4");
        assertEquals(6, f.get("reported").asInt());
        assertEquals(1, f.get("late").asInt());
        assertEquals(1, f.get("missing").asInt());
        assertEquals(1, f.get("abnormal").asInt()); // B2
        assertEquals(1, f.get("stopped").asInt()); // A3
        // As of the end of D in Shanghai.
        assertEquals(OffsetDateTime.parse("2026-03-04T00:00:00+08:00").toInstant(),
                OffsetDateTime.parse(f.get("asOf").asText()).toInstant());
    }

    @Test
    void aboveSizeOnlyAndByPark() {
        JsonNode f = figures("&day=" + D + "&aboveSize=true");
        // Above size: A1, A2, A3, B1 = 4; resumed A1, A2 = 2 => 50
        assertEquals(4, f.get("firms").asInt());
        ratio(f, "resumption", "2", "4", "50.0");
        // On site 80+20+0+10 = 110 / staff 100+60+40+200 = 400 => 27.5
        ratio(f, "arrival", "110", "400", "27.5");
        // Capacity 9000+3000+0+4000 = 16000 -> 160 / 400 = 40
        ratio(f, "capacity", "160", "400", "40.0");
        // On time A1, A3, B1 = 3 of 4 due => 75
        ratio(f, "compliance", "3", "4", "75.0");

        Api.Res parks = analyst.get("dashboard/parks?districtId=" + city.district + "&day=" + D);
        assertEquals(200, parks.status(), parks.raw());
        assertEquals(2, parks.json().size());
        JsonNode a = parks.json().get(0);
        JsonNode b = parks.json().get(1);
        assertEquals(String.valueOf(city.parkA), a.get("key").asText());
        // Park A: A1..A5; resumed A1, A2 = 2/5 = 40; on site 80+20+0+5 = 105 / 100+60+40+10+30 = 240 = 43.75 -> 43.8
        ratio(a, "resumption", "2", "5", "40.0");
        ratio(a, "arrival", "105", "240", "43.8");
        // capacity 9000+3000+0+1000 = 13000 -> 130 / 240 = 54.17 -> 54.2; on time A1, A3, A4 = 3/5 = 60
        ratio(a, "capacity", "130", "240", "54.2");
        ratio(a, "compliance", "3", "5", "60.0");
        assertEquals(1, a.get("missing").asInt());
        // Park B: B1, B2; resumed B2 = 1/2 = 50; on site 25 / 220 = 11.36 -> 11.4; capacity 4000+1200 -> 52/220 = 23.6
        ratio(b, "resumption", "1", "2", "50.0");
        ratio(b, "arrival", "25", "220", "11.4");
        ratio(b, "capacity", "52", "220", "23.6");
        ratio(b, "compliance", "2", "2", "100.0");
    }

    @Test
    void trendUsesEachDaysFacts() {
        Api.Res t = analyst.get("dashboard/trend?districtId=" + city.district + "&from=" + D_MINUS_1 + "&to=" + D);
        assertEquals(200, t.status(), t.raw());
        JsonNode d1 = t.json().get(0);
        assertEquals(D_MINUS_1.toString(), d1.get("day").asText());
        // D-1: 7 firms; A1 resumed (date 03-02, NORMAL); B2 reported NORMAL but its date was not known
        // before 03-03 09:00 => 1/7 = 14.29 -> 14.3
        ratio(d1, "resumption", "1", "7", "14.3");
        // On site 70 + 12 = 82; staff: A1 100, B2 20 (reports) + A2 50, A3 40, A4 10, A5 30, B1 200 (history) = 450
        ratio(d1, "arrival", "82", "450", "18.2");
        ratio(d1, "compliance", "2", "7", "28.6");
        ratio(t.json().get(1), "resumption", "3", "7", "42.9");
    }

    @Test
    void listsOfTheDay() {
        JsonNode missing = analyst.get("dashboard/firms?districtId=" + city.district + "&day=" + D + "&list=MISSING").json();
        assertEquals(1, missing.size());
        assertEquals(city.a5, missing.get(0).get("firmId").asLong());
        JsonNode stopped = analyst.get("dashboard/firms?districtId=" + city.district + "&day=" + D + "&list=STOPPED").json();
        assertEquals(1, stopped.size());
        assertEquals(city.a3, stopped.get(0).get("firmId").asLong());
        JsonNode abnormal = analyst.get("dashboard/firms?districtId=" + city.district + "&day=" + D + "&list=ABNORMAL").json();
        assertEquals(1, abnormal.size());
        assertEquals(city.b2, abnormal.get(0).get("firmId").asLong());
        JsonNode history = analyst.get("dashboard/firms/" + city.b2 + "/history?from=" + D_MINUS_1 + "&to=" + D).json();
        assertEquals(2, history.size());
        assertTrue(history.get(0).get("resumed").asBoolean(), "B2 resumed on D");
        assertTrue(!history.get(1).get("resumed").asBoolean(), "B2 not yet known resumed on D-1");
    }

    @Test
    void changesAfterTheDayDoNotAlterIt() throws Exception {
        String before = figures("&day=" + D).toString();
        String beforeAbove = figures("&day=" + D + "&aboveSize=true").toString();
        String beforeTrend = analyst.get("dashboard/trend?districtId=" + city.district + "&from=" + D_MINUS_1 + "&to=" + D).raw();
        // After D: A4's plan approved with a back-dated resumption date, A1 reclassified and re-staffed,
        // a firm registered now with an earlier registration date that also "reports" for D.
        long late;
        try (Connection c = portal.db.dataSource().getConnection()) {
            DashboardFixture.exec(c, "update firm set resumed_on = date '2026-03-01' where id = ?", city.a4);
            DashboardFixture.exec(c, "update firm set above_size = false, registered_staff = 500 where id = ?", city.a1);
            late = city.firm(city.parkB, true, 70);
            DashboardFixture.report(c, late, city.parkB, D, false, false, 70, 70, "NORMAL", 100);
        }
        assertEquals(before, figures("&day=" + D).toString());
        assertEquals(beforeAbove, figures("&day=" + D + "&aboveSize=true").toString());
        assertEquals(beforeTrend, analyst.get("dashboard/trend?districtId=" + city.district + "&from=" + D_MINUS_1 + "&to=" + D).raw());
        // Today the new firm counts: 8 firms.
        assertEquals(8, figures("").get("firms").asInt());
    }

    @Test
    void accessFollowsTheScope() {
        // liaison.cd sees only CD parks: the fixture district is empty for them.
        JsonNode f = portal.api("liaison.cd").get("dashboard/figures?districtId=" + city.district + "&day=" + D).json();
        assertEquals(0, f.get("firms").asInt());
        assertEquals(404, portal.api("liaison.cd").get("dashboard/firms/" + city.a1 + "/history").status());
        assertEquals(403, portal.api("guard").get("dashboard/figures").status());
        assertEquals(403, portal.api("manager01").get("dashboard/figures").status());
        assertEquals(200, portal.api("admin").get("dashboard/figures").status());
        assertEquals(400, analyst.get("dashboard/figures?day=2999-01-01").status());
        assertEquals(400, analyst.get("dashboard/figures?day=yesterday").status());
    }

    @Test
    void bulletinPdfWritesTheFigures() throws Exception {
        byte[] pdf = bytes("dashboard/bulletin.pdf?districtId=" + city.district + "&day=" + D);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
        assertTrue(text.contains("截至3月3日24时，" + city.districtName + "纳入统计企业7家，已复工复产3家，复工复产率42.9%"), text);
        assertTrue(text.contains("其中规模以上企业4家，已复工复产2家，复工复产率50%"), text);
        assertTrue(text.contains("到岗员工130人，登记员工460人，到岗率28.3%"), text);
        assertTrue(text.contains("产能恢复率39.6%"), text);
        assertTrue(text.contains("应报企业7家，按时报告5家，按时报告率71.4%；迟报1家，未报1家，停产1家，报告异常情况1家"), text);

        byte[] en = bytes("dashboard/bulletin.pdf?lang=en&districtId=" + city.district + "&day=" + D);
        try (PDDocument doc = Loader.loadPDF(en)) {
            String t = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(t.contains("of which 3 had resumed work and production, a resumption rate of 42.9%"), t);
            assertTrue(t.contains("24:00 on 3 March 2026"), t);
        }
    }

    @Test
    void excelExportOpensWithTheNumbers() throws Exception {
        byte[] xlsx = bytes("dashboard/export.xlsx?table=parks&districtId=" + city.district + "&day=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals("纳入统计企业", s.getRow(0).getCell(3).getStringCellValue());
            Row a = s.getRow(1);
            // Park A: 5 firms, 2 resumed (40%), 105 on site / 240 (43.8%), capacity 130 (54.2%), on time 3 / due 5 (60%)
            double[] expected = {5, 2, 40.0, 105, 240, 43.8, 130, 54.2, 3, 5, 60.0, 4, 1, 1, 0, 1};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], a.getCell(3 + i).getNumericCellValue(), 1e-9, "column " + (3 + i));
            }
            assertEquals(2, s.getRow(2).getCell(3).getNumericCellValue(), 1e-9);
        }
        byte[] firms = bytes("dashboard/export.xlsx?table=firms&list=MISSING&districtId=" + city.district + "&day=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(firms))) {
            assertEquals(1, wb.getSheetAt(0).getLastRowNum());
            assertEquals("未报告", wb.getSheetAt(0).getRow(1).getCell(9).getStringCellValue());
        }
    }

    static byte[] bytes(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/api/v1/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("analyst:" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept-Language", "zh-CN").GET().build();
        HttpResponse<byte[]> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
        return res.body();
    }
}
