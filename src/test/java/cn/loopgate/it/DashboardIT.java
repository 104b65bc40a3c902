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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

import static cn.loopgate.it.DashboardFixture.D;
import static cn.loopgate.it.DashboardFixture.D_MINUS_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        // Arrival of resumed firms (the newspapers' base, issue 23.6): A1 80/100, A2 20/60, B2 15/20 => 115/180 = 63.9
        ratio(f, "arrivalResumed", "115", "180", "63.9");
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
        // Resumed above size: A1 80/100, A2 20/60 => 100/160 = 62.5
        ratio(f, "arrivalResumed", "100", "160", "62.5");
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
        ratio(a, "arrivalResumed", "100", "160", "62.5");
        // capacity 9000+3000+0+1000 = 13000 -> 130 / 240 = 54.17 -> 54.2; on time A1, A3, A4 = 3/5 = 60
        ratio(a, "capacity", "130", "240", "54.2");
        ratio(a, "compliance", "3", "5", "60.0");
        assertEquals(1, a.get("missing").asInt());
        // Park B: B1, B2; resumed B2 = 1/2 = 50; on site 25 / 220 = 11.36 -> 11.4; capacity 4000+1200 -> 52/220 = 23.6
        ratio(b, "resumption", "1", "2", "50.0");
        ratio(b, "arrival", "25", "220", "11.4");
        ratio(b, "arrivalResumed", "15", "20", "75.0");
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
        // D-1: only A1 resumed, 70 of its 100 on site
        ratio(d1, "arrivalResumed", "70", "100", "70.0");
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
        // Not resumed on D: A3 (STOPPED), A4 (no resumption date: NULL), A5 (no report: NULL), B1 (date after D).
        // A bare "not (...)" dropped A4 and A5 (issue 23.1).
        JsonNode notResumed = analyst.get("dashboard/firms?districtId=" + city.district + "&day=" + D + "&list=NOT_RESUMED").json();
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        notResumed.forEach(n -> ids.add(n.get("firmId").asLong()));
        assertEquals(new java.util.TreeSet<>(java.util.List.of(city.a3, city.a4, city.a5, city.b1)), ids);
        JsonNode history = analyst.get("dashboard/firms/" + city.b2 + "/history?from=" + D_MINUS_1 + "&to=" + D).json();
        assertEquals(2, history.size());
        assertTrue(history.get(0).get("resumed").asBoolean(), "B2 resumed on D");
        assertTrue(!history.get(1).get("resumed").asBoolean(), "B2 not yet known resumed on D-1");
    }

    @Test
    void emptyRatioHasANullPercent() {
        // No fixture firm is in electronics: every denominator is 0 and "percent" is present as null (issue 23.3).
        JsonNode f = figures("&day=" + D + "&industry=ELECTRONICS");
        assertEquals(0, f.get("firms").asInt());
        for (String name : new String[] {"resumption", "arrivalResumed", "arrival", "capacity", "compliance"}) {
            assertTrue(f.get(name).has("percent"), name + " has no percent key: " + f);
            assertTrue(f.get(name).get("percent").isNull(), name);
        }
    }

    @Test
    void firmHistoryFollowsTheApplicationClock() throws Exception {
        // A change made while the application's clock says two days from now is history from then (issue 23.4),
        // not from the database's wall clock. The test clock ticks on from where it is set.
        Instant at = Instant.now().plus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Api admin = portal.api("admin");
        long firm = city.firm(city.parkB, false, 9);
        try {
            assertEquals(200, admin.put("test/clock", Api.obj().put("now", at.toString())).status());
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                    admin.get("firms/" + firm).json();
            body.put("registeredStaff", 19);
            Api.Res r = admin.put("firms/" + firm, body);
            assertEquals(200, r.status(), r.raw());
        } finally {
            admin.delete("test/clock");
        }
        try (Connection c = portal.db.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "select valid_from from firm_history where firm_id = ? and registered_staff = 19 and valid_to is null")) {
            ps.setLong(1, firm);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no open history row with the new staff");
                Instant from = rs.getTimestamp(1).toInstant();
                assertTrue(!from.isBefore(at) && from.isBefore(at.plusSeconds(120)), "history from " + from);
            }
        }
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
        String text = pdfText("dashboard/bulletin.pdf?districtId=" + city.district + "&day=" + D).replaceAll("\\s+", "");
        // Newspaper style, the newspapers' arrival base as the headline (issue 23.6, 16.3).
        assertTrue(text.contains("截至3月3日24时，" + city.districtName + "7家企业复工复产率达42.9%，已复工复产3家；"
                + "已复工复产企业到岗率达63.9%（到岗员工115人，登记员工180人）。"), text);
        assertTrue(text.contains("其中规模以上企业4家，已复工复产2家，复工复产率50%。"), text);
        assertTrue(text.contains("到岗员工130人，登记员工460人，全部企业口径到岗率28.3%"), text);
        assertTrue(text.contains("产能恢复率39.6%"), text);
        assertTrue(text.contains("应报企业7家，按时报告5家，按时报告率71.4%；迟报1家，未报1家，停产1家，报告异常情况1家"), text);
        // The table per park: park A 5 firms, 2 resumed, 40%; its resumed firms 100 on site of 160, 62.5%.
        assertTrue(text.contains("测试园" + city.tag + "A5240%10016062.5%43.8%3/560%1"), text);
        assertTrue(text.contains("—1—"), "page number: " + text);

        String en = pdfText("dashboard/bulletin.pdf?lang=en&districtId=" + city.district + "&day=" + D).replaceAll("\\s+", " ");
        assertTrue(en.contains("As of 24:00 on 3 March 2026, the resumption rate of the 7 firms of District " + city.tag
                + " reached 42.9%"), en);
        assertTrue(en.contains("the arrival rate of resumed firms reached 63.9% (115 staff on site of 180 registered)"), en);
    }

    @Test
    void bulletinNamesItsSlice() throws Exception {
        // Below size only (issue 23.2): A4, A5, B2 = 3 firms, B2 resumed = 1/3 = 33.3%, its 15 of 20 on site = 75%.
        String small = pdfText("dashboard/bulletin.pdf?aboveSize=false&districtId=" + city.district + "&day=" + D)
                .replaceAll("\\s+", "");
        assertTrue(small.contains(city.districtName + "（规模以下）复工复产日报"), small);
        assertTrue(small.contains("截至3月3日24时，" + city.districtName + "（规模以下）3家规下企业复工复产率达33.3%，已复工复产1家；"
                + "已复工复产企业到岗率达75%"), small);
        assertTrue(!small.contains("其中规模以上企业"), "a size filter has no 'of which above size': " + small);
        String machinery = pdfText("dashboard/bulletin.pdf?industry=MACHINERY&districtId=" + city.district + "&day=" + D)
                .replaceAll("\\s+", "");
        assertTrue(machinery.contains(city.districtName + "（行业：机械装备）复工复产日报"), machinery);
        assertTrue(machinery.contains(city.districtName + "（行业：机械装备）7家企业复工复产率达42.9%"), machinery);
    }

    @Test
    void publishedBulletinIsFrozen() throws Exception {
        // Issue 23.5: publishing freezes number, figures and PDF; a later filing shows as a revision.
        Api.Res issued = analyst.post("dashboard/bulletins", Api.obj().put("day", D.toString()).put("districtId", city.district));
        assertEquals(201, issued.status(), issued.raw());
        long id = issued.json().get("id").asLong();
        String number = issued.json().get("number").asText();
        assertTrue(number.matches("复工复产日报〔\\d{4}〕\\d+号"), number);
        byte[] first = bytes("dashboard/bulletins/" + id + "/pdf");
        String text = pdfText("dashboard/bulletins/" + id + "/pdf").replaceAll("\\s+", "");
        assertTrue(text.contains(number) && text.contains("数据生成时间"), text);
        assertTrue(text.contains("7家企业复工复产率达42.9%"), text);
        assertEquals(0, analyst.get("dashboard/bulletins/" + id + "/revisions").json().size());
        assertEquals(1, java.util.stream.StreamSupport.stream(analyst.get("dashboard/bulletins").json().spliterator(), false)
                .filter(b -> b.get("id").asLong() == id).count());
        long inserted;
        try (Connection c = portal.db.dataSource().getConnection()) {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "select actor from audit_entry where object_type = 'Bulletin' and object_id = ? and action = 'bulletin.issue'")) {
                ps.setLong(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "issuing is audited");
                    assertEquals("analyst", rs.getString(1));
                }
            }
            // A5 files late for D (NORMAL, 30 of 30): resumed 4 / 7 now; the published bulletin keeps 3 / 7.
            DashboardFixture.report(c, city.a5, city.parkA, D, true, false, 30, 30, "NORMAL", 100);
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "select id from daily_report where firm_id = ? and report_date = ?")) {
                ps.setLong(1, city.a5);
                ps.setObject(2, D);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getLong(1);
                }
            }
        }
        try {
            assertArrayEquals(first, bytes("dashboard/bulletins/" + id + "/pdf"), "downloaded byte for byte");
            JsonNode revisions = analyst.get("dashboard/bulletins/" + id + "/revisions").json();
            boolean resumption = false;
            for (JsonNode r : revisions) {
                if ("合计".equals(r.get("group").asText()) && "复工复产率".equals(r.get("figure").asText())) {
                    assertEquals("3/7 (42.9%)", r.get("published").asText());
                    assertEquals("4/7 (57.1%)", r.get("current").asText());
                    resumption = true;
                }
            }
            assertTrue(resumption, revisions.toString());
            // Liaison officers read what was published, but do not see revisions; managers see nothing.
            assertEquals(200, portal.api("liaison.cd").accepting("application/pdf").get("dashboard/bulletins/" + id + "/pdf").status());
            assertEquals(403, portal.api("liaison.cd").get("dashboard/bulletins/" + id + "/revisions").status());
            assertEquals(403, portal.api("manager01").get("dashboard/bulletins").status());
            assertEquals(403, portal.api("liaison.cd").post("dashboard/bulletins",
                    Api.obj().put("day", D.toString())).status());
            assertEquals(400, analyst.post("dashboard/bulletins", Api.obj().put("day", "2999-01-01")).status());
        } finally {
            try (Connection c = portal.db.dataSource().getConnection()) {
                DashboardFixture.exec(c, "delete from daily_report where id = ?", inserted);
            }
        }
    }

    private static String pdfText(String path) throws Exception {
        try (PDDocument doc = Loader.loadPDF(bytes(path))) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void excelExportOpensWithTheNumbers() throws Exception {
        byte[] xlsx = bytes("dashboard/export.xlsx?table=parks&districtId=" + city.district + "&day=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            // Title row (issue 16.4): what, scope, day, as-of; header frozen below it.
            String title = s.getRow(0).getCell(0).getStringCellValue();
            assertTrue(title.contains("各园区复工复产情况") && title.contains(city.districtName) && title.contains("2026-03-03")
                    && title.contains("截至2026-03-04 00:00"), title);
            assertEquals(2, s.getPaneInformation().getHorizontalSplitTopRow());
            assertEquals("纳入统计企业", s.getRow(1).getCell(3).getStringCellValue());
            assertTrue(s.getColumnWidth(3) >= 12 * 256, "CJK header counted double: " + s.getColumnWidth(3));
            Row a = s.getRow(2);
            // Park A: 5 firms, 2 resumed (40%); resumed firms 100 on site / 160 (62.5%); all 105 / 240 (43.8%);
            // capacity 130 (54.2%); on time 3 / due 5 (60%); reported 4, late 1, missing 1, abnormal 0, stopped 1.
            double[] expected = {5, 2, 0.40, 100, 160, 0.625, 105, 240, 0.438, 130, 0.542, 3, 5, 0.60, 4, 1, 1, 0, 1};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], a.getCell(3 + i).getNumericCellValue(), 1e-9, "column " + (3 + i));
            }
            assertEquals("0.0%", a.getCell(5).getCellStyle().getDataFormatString());
            assertEquals(2, s.getRow(3).getCell(3).getNumericCellValue(), 1e-9);
            // Totals: the district's own figures (7 firms, 3 resumed = 42.9%, 115 / 180 = 63.9%, 130 / 460 = 28.3%).
            Row t = s.getRow(4);
            assertEquals("合计", t.getCell(0).getStringCellValue());
            double[] total = {7, 3, 0.429, 115, 180, 0.639, 130, 460, 0.283};
            for (int i = 0; i < total.length; i++) {
                assertEquals(total[i], t.getCell(3 + i).getNumericCellValue(), 1e-9, "total column " + (3 + i));
            }
        }
        byte[] firms = bytes("dashboard/export.xlsx?table=firms&list=MISSING&districtId=" + city.district + "&day=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(firms))) {
            Sheet s = wb.getSheetAt(0);
            assertTrue(s.getRow(0).getCell(0).getStringCellValue().contains("未报告企业"));
            assertEquals(3, s.getLastRowNum()); // title, header, A5, totals
            assertEquals("未报告", s.getRow(2).getCell(9).getStringCellValue());
            assertEquals("合计1家", s.getRow(3).getCell(2).getStringCellValue());
        }
        // The NOT_RESUMED export lists the same four firms as the page (issue 23.1).
        byte[] notResumed = bytes("dashboard/export.xlsx?table=firms&list=NOT_RESUMED&districtId=" + city.district + "&day=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(notResumed))) {
            assertEquals(6, wb.getSheetAt(0).getLastRowNum()); // title, header, A3, A4, A5, B1, totals
        }
        // The trend's "范围" column names the scope, not the day again.
        byte[] trend = bytes("dashboard/export.xlsx?table=trend&aboveSize=true&districtId=" + city.district
                + "&from=" + D_MINUS_1 + "&to=" + D);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(trend))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(city.districtName + "（规模以上）", s.getRow(2).getCell(0).getStringCellValue());
            assertEquals(D_MINUS_1.toString(), s.getRow(2).getCell(1).getStringCellValue());
            assertEquals(D.toString(), s.getRow(3).getCell(1).getStringCellValue());
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
