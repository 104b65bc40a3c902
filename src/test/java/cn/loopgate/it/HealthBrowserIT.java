package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 in the browser: a guard on a phone, in a park that requires a test every 48 hours and refuses an overdue
 * one, sees TEST_OVERDUE for a worker without a test, FEVER when typing 38.2 °C for a worker with a current test,
 * and the warning beside VALID once the park only warns; the park's liaison officer reads the incident of a
 * positive worker on the health page, on a phone and a desktop. The firm's daily report form is prefilled from the
 * gate's readings and the day's tests.
 */
class HealthBrowserIT {

    @Test
    void aGuardSeesAnOverdueTestAFeverAndAWarning() throws Exception {
        Portal portal = Portal.get();
        HealthIT.portal = portal;
        HealthIT.admin = portal.api("admin");
        Api admin = HealthIT.admin;
        String[] park = HealthIT.newPark();
        long parkId = Long.parseLong(park[0]);
        long firm = TestData.newFirm(admin, park[1], false, 20);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        String guard = TestData.newUser(admin, "GUARD", null);
        TestData.gate(admin, park[1], "测温岗", guard);
        String ridLate = TestData.FAKES.residentId("110105");
        String ridHot = TestData.FAKES.residentId("110105");
        long late = HealthIT.worker(manager, firm, ridLate, null, null);
        long hot = HealthIT.worker(manager, firm, ridHot, null, null);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        assertEquals(201, manager.post("firms/" + firm + "/health-tests",
                HealthIT.test(now.minus(Duration.ofHours(5)).toString(), "NEGATIVE", hot, null)).status());
        assertEquals(200, admin.put("parks/" + parkId + "/health-policy", Api.obj().put("testIntervalHours", 48)
                .put("overdueAction", "REFUSE")).status());
        String qrLate = HealthIT.card(manager, firm, late, ridLate);
        String qrHot = HealthIT.card(manager, firm, hot, ridHot);

        try (Browser b = Browser.open(portal.baseUrl(), true)) {
            b.login(guard);
            b.go("/gate/verify.xhtml");
            scan(b, qrLate, null);
            b.waitForText(By.id("verdict"), "核酸超期");
            assertTrue(b.driver.findElement(By.id("verdictBox")).getAttribute("class").contains("lg-verdict-TEST_OVERDUE"));
            assertEquals("超期或无记录", b.driver.findElement(By.id("testStatus")).getText());
            assertNoSidewaysScroll(b);
            b.screenshot("health-gate-overdue-390");

            scan(b, qrHot, "38.2");
            b.waitForText(By.id("verdict"), "发热");
            assertTrue(b.driver.findElement(By.id("verdictBox")).getAttribute("class").contains("lg-verdict-FEVER"));
            assertEquals("38.2 °C", b.driver.findElement(By.id("temperatureRead")).getText());
            assertEquals("有效阴性", b.driver.findElement(By.id("testStatus")).getText(), "the test is fine, the fever is not");
            assertTrue(b.driver.findElement(By.id("gate:temperature")).getAttribute("value").isEmpty(), "cleared for the next person");
            assertNoSidewaysScroll(b);
            b.screenshot("health-gate-fever-390");

            scan(b, qrHot, "39x");
            b.waitForText(By.tagName("body"), "34.0");

            assertEquals(200, admin.put("parks/" + parkId + "/health-policy", Api.obj().put("testIntervalHours", 48)
                    .put("overdueAction", "WARN")).status());
            scan(b, qrLate, "36.5");
            b.waitForText(By.id("verdict"), "有效");
            assertEquals("提醒：核酸已超期", b.driver.findElement(By.id("warning")).getText());
            b.screenshot("health-gate-warning-390");
        }

        // The firm's daily report form is prefilled from the records: two readings at the gate, one fever, today's tests.
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        String testsToday = now.minus(Duration.ofHours(5)).atZone(shanghai).toLocalDate().equals(now.atZone(shanghai).toLocalDate()) ? "1" : "0";
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.login(managerName);
            b.go("/firm/reports.xhtml");
            assertTrue(b.waitFor(By.id("report:prefilled")).isDisplayed());
            assertEquals("2", b.driver.findElement(By.id("report:temperatureChecks")).getAttribute("value"));
            assertEquals("1", b.driver.findElement(By.id("report:feverCount")).getAttribute("value"));
            assertEquals(testsToday, b.driver.findElement(By.id("report:testsDone")).getAttribute("value"));
            b.screenshot("health-report-prefilled-1440");
        }
    }

    @Test
    void theLiaisonReadsAnIncidentOnAPhoneAndADesktop() throws Exception {
        Portal portal = Portal.get();
        HealthIT.portal = portal;
        HealthIT.admin = portal.api("admin");
        Api admin = HealthIT.admin;
        String[] park = HealthIT.newPark();
        long parkId = Long.parseLong(park[0]);
        long firm = TestData.newFirm(admin, park[1], false, 20);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        String liaison = TestData.newUser(admin, "LIAISON", null, parkId);
        String rid = TestData.FAKES.residentId("110105");
        long w = HealthIT.worker(manager, firm, rid, "夜班二组", "7号楼302");
        HealthIT.worker(manager, firm, TestData.FAKES.residentId("110105"), "夜班二组", "8号楼101");
        String mate = manager.get("firms/" + firm + "/workers?q=").json().get("items").findValuesAsText("name").stream()
                .filter(n -> !n.equals(manager.get("firms/" + firm + "/workers/" + w).json().get("name").asText())).findFirst().orElseThrow();
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        Api.Res positive = manager.post("firms/" + firm + "/health-tests", HealthIT.test(now.minus(Duration.ofHours(2)).toString(), "POSITIVE", w, null));
        assertEquals(201, positive.status(), positive.raw());
        long incident = portal.api(liaison).get("health-incidents").json().get(0).get("id").asLong();

        for (boolean phone : new boolean[]{true, false}) {
            try (Browser b = Browser.open(portal.baseUrl(), phone)) {
                b.login(liaison);
                b.go("/health.xhtml?incident=" + incident);
                b.waitForText(By.id("health:shiftMates"), mate);
                WebElement box = b.driver.findElement(By.id("health:incident"));
                assertTrue(box.getText().contains("待受理"), box.getText());
                assertFalse(box.getText().contains(rid), "resident IDs masked");
                assertTrue(b.driver.findElement(By.id("health:acknowledge")).isDisplayed());
                assertNoSidewaysScroll(b);
                b.screenshot(phone ? "health-incident-390" : "health-incident-1440");
                if (!phone) {
                    b.driver.findElement(By.id("health:acknowledge")).click();
                    b.waitForText(By.id("incidentStatus"), "处置中");
                    b.driver.findElement(By.id("health:actionText")).sendKeys("同班组已通知居家隔离");
                    b.driver.findElement(By.id("health:act")).click();
                    b.waitForText(By.id("actions"), "同班组已通知居家隔离");
                    b.screenshot("health-incident-worked-1440");
                }
            }
        }
        assertEquals("ACKNOWLEDGED", portal.api(liaison).get("health-incidents/" + incident).json().get("status").asText());
    }

    private static void scan(Browser b, String content, String temperature) {
        WebElement field = b.waitFor(By.id("gate:content"));
        field.clear();
        field.sendKeys(content);
        WebElement t = b.driver.findElement(By.id("gate:temperature"));
        t.clear();
        if (temperature != null) {
            t.sendKeys(temperature);
        }
        b.driver.findElement(By.id("gate:verify")).click();
    }

    private static void assertNoSidewaysScroll(Browser b) {
        Object wider = ((org.openqa.selenium.JavascriptExecutor) b.driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
        assertEquals(Boolean.FALSE, wider, "no sideways scroll");
    }
}
