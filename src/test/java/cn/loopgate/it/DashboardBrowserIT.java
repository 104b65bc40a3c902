package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An analyst opens the overview, reads the cards with their denominators, and drills down park -> firm. */
class DashboardBrowserIT {

    private static Select district(Browser b) {
        return new Select(b.driver.findElement(By.id("dash:district")));
    }

    @Test
    void analystReadsTheOverviewAndDrillsDownToAFirm() throws Exception {
        Portal portal = Portal.get();
        DashboardFixture city = new DashboardFixture(portal);
        String a1Name = portal.api("admin").get("firms/" + city.a1).json().get("name").asText();
        String a3Name = portal.api("admin").get("firms/" + city.a3).json().get("name").asText();
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            try {
                b.login("analyst");
                b.go("/bureau/dashboard.xhtml");
                b.waitFor(By.id("dash:cards"));
                // The overview opens on the latest day whose report deadline has passed (today after 10:00 in
                // Shanghai, else yesterday), never on a morning's 0 %.
                String opened = b.driver.findElement(By.id("dash:day_input")).getAttribute("value");
                java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
                java.time.LocalDate due = now.toLocalTime().isBefore(java.time.LocalTime.of(10, 0))
                        ? now.toLocalDate().minusDays(1) : now.toLocalDate();
                assertEquals(due.toString(), opened);
                // The headline card shows numerator / denominator as the API computes them, and an as-of time.
                JsonNode r = portal.api("analyst").get("dashboard/figures?day=" + opened).json().get("resumption");
                assertEquals(r.get("numerator").asText() + " / " + r.get("denominator").asText(),
                        b.driver.findElement(By.id("dash:resumptionRatio")).getText());
                assertTrue(b.text().contains("截至"), b.text());
                assertFalse(b.driver.findElements(By.cssSelector("#dash\\:trendChart canvas")).isEmpty(), "trend chart drawn");
                assertFalse(b.driver.findElements(By.cssSelector("#dash\\:parksChart canvas")).isEmpty(), "parks chart drawn");
                b.screenshot("dashboard-overview");

                // Filter to the fixture's district on day D: the cards read 3 / 7 resumed, as of 24:00 that day.
                district(b).selectByVisibleText(city.districtName);
                // The date pickers' inputs take typed text; set it as typing would end (clear() is undone by the widget).
                JavascriptExecutor js = (JavascriptExecutor) b.driver;
                js.executeScript("arguments[0].value = arguments[1]", b.driver.findElement(By.id("dash:day_input")),
                        DashboardFixture.D.toString());
                js.executeScript("arguments[0].value = arguments[1]", b.driver.findElement(By.id("dash:from_input")),
                        DashboardFixture.D_MINUS_1.toString());
                b.driver.findElement(By.id("dash:apply")).click();
                b.waitForText(By.id("dash:resumptionRatio"), "3 / 7");
                assertEquals("42.9%", b.driver.findElement(By.id("dash:resumptionPct")).getText());
                assertEquals("130 / 460", b.driver.findElement(By.id("dash:arrivalRatio")).getText());
                // The newspapers' base, the headline arrival rate (issue 23.6): resumed firms' 115 of 180.
                assertEquals("115 / 180", b.driver.findElement(By.id("dash:arrivalResumedRatio")).getText());
                assertEquals("5 / 7", b.driver.findElement(By.id("dash:complianceRatio")).getText());
                assertTrue(b.text().contains("截至 2026-03-04 00:00"), b.text());
                assertEquals(city.districtName, district(b).getFirstSelectedOption().getText(), "the filter stays shown");
                // Another district (the demo's) on day D has no firms: 0 / 0, no percentage.
                district(b).selectByVisibleText("滨江区");
                b.driver.findElement(By.id("dash:apply")).click();
                b.waitForText(By.id("dash:resumptionRatio"), "0 / 0");
                // The fixture district, above designated size only: 2 / 4.
                district(b).selectByVisibleText(city.districtName);
                new Select(b.driver.findElement(By.id("dash:size"))).selectByVisibleText("规模以上");
                b.driver.findElement(By.id("dash:apply")).click();
                b.waitForText(By.id("dash:resumptionRatio"), "2 / 4");
                new Select(b.driver.findElement(By.id("dash:size"))).selectByVisibleText("全部企业");
                b.driver.findElement(By.id("dash:apply")).click();
                b.waitForText(By.id("dash:resumptionRatio"), "3 / 7");
                b.screenshot("dashboard-day-d");

                // Park A of the fixture is in the parks table: open it (day D carried along).
                b.driver.findElement(By.linkText("测试园" + city.tag + "A")).click();
                b.waitFor(By.id("firms:table"));
                assertEquals(5, b.driver.findElements(By.cssSelector("#firms\\:table_data tr")).size());
                b.go("/bureau/dashboard.xhtml");
                b.waitFor(By.id("dash:cards"));
                // Park A of the fixture is in the parks table of the day the overview opens on: open it.
                b.driver.findElement(By.linkText("测试园" + city.tag + "A")).click();
                b.waitFor(By.id("firms:table"));
                assertEquals(5, b.driver.findElements(By.cssSelector("#firms\\:table_data tr")).size());

                // The park on day D: A5 did not report, A3 stopped, A1 resumed.
                b.go("/bureau/firms.xhtml?park=" + city.parkA + "&day=" + DashboardFixture.D);
                b.waitFor(By.id("firms:table"));
                String park = b.text();
                assertTrue(park.contains("未报告") && park.contains("停产") && park.contains("已复工复产"), park);
                assertTrue(park.contains(a3Name), park);
                b.screenshot("dashboard-park");

                b.driver.findElement(By.linkText(a1Name)).click();
                b.waitFor(By.id("firm:days"));
                String firm = b.text();
                assertTrue(firm.contains(a1Name) && firm.contains("2026-03-03") && firm.contains("已复工复产"), firm);
                b.screenshot("dashboard-firm");

                // The menu's list of firms that have not reported today.
                b.driver.get(b.driver.findElement(By.id("top:bureauLists")).getAttribute("href"));
                b.waitForText(By.id("listTitle"), "未报告企业");
            } catch (AssertionError | RuntimeException e) {
                b.evidence("dashboard-failure");
                throw e;
            }
        }
        // A liaison officer sees the same overview at /liaison, over their parks only.
        try (Browser l = Browser.open(portal.baseUrl(), false)) {
            l.login("liaison.cd");
            l.go("/liaison/dashboard.xhtml");
            l.waitFor(By.id("dash:cards"));
            String shown = l.driver.findElement(By.id("dash:day_input")).getAttribute("value");
            JsonNode mine = portal.api("liaison.cd").get("dashboard/figures?day=" + shown).json().get("resumption");
            assertEquals(mine.get("numerator").asText() + " / " + mine.get("denominator").asText(),
                    l.driver.findElement(By.id("dash:resumptionRatio")).getText());
            assertFalse(l.text().contains("测试园" + city.tag), "no other parks in a liaison's table");
        }
    }

    @Test
    void publishedBulletinsAndFilingOnBehalfFromThePages() throws Exception {
        Portal portal = Portal.get();
        DashboardFixture city = new DashboardFixture(portal);
        Api.Res issued = portal.api("analyst").post("dashboard/bulletins",
                Api.obj().put("day", DashboardFixture.D.toString()).put("districtId", city.district));
        assertEquals(201, issued.status(), issued.raw());
        String number = issued.json().get("number").asText();
        for (boolean phone : new boolean[] {false, true}) {
            try (Browser b = Browser.open(portal.baseUrl(), phone)) {
                try {
                    b.login("analyst");
                    b.go("/bureau/bulletins.xhtml");
                    b.waitFor(By.id("bulletins:list"));
                    assertTrue(b.text().contains(number), b.text());
                    b.driver.findElement(By.id("bulletins:list:0:revisions")).click();
                    b.waitFor(By.id("bulletins:unchanged"));
                    b.screenshot("bulletins-" + (phone ? 390 : 1366));
                } catch (AssertionError | RuntimeException e) {
                    b.evidence("bulletins-failure");
                    throw e;
                }
            }
        }
        // 代报: liaison.cd files today's report for a firm of its park whose manager cannot.
        Api manager = TestData.newManagedFirm(portal, "CD-ETZ", false, 20);
        long firm = manager.get("me").json().get("firmId").asLong();
        try (Browser b = Browser.open(portal.baseUrl(), true)) {
            try {
                b.login("liaison.cd");
                b.go("/liaison/report.xhtml?firm=" + firm);
                b.waitFor(By.id("report:reason"));
                b.driver.findElement(By.id("report:file")).click();
                b.waitForText(By.id("report:msgs"), "代报原因");
                b.driver.findElement(By.id("report:reason")).sendKeys("负责人病休");
                b.driver.findElement(By.id("report:file")).click();
                b.waitForText(By.id("report:msgs"), "已代");
                b.waitForText(By.id("history"), "由联络员liaison.cd代报");
                b.screenshot("report-on-behalf-390");
            } catch (AssertionError | RuntimeException e) {
                b.evidence("on-behalf-failure");
                throw e;
            }
        }
        assertTrue(manager.get("firms/" + firm + "/reports/today").json().get("onBehalf").asBoolean());
    }
}
