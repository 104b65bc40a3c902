package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test-results import page in Chromium: a firm's manager on a phone (390 px) checks the sampling site's sheet
 * (a bad row shown with its line and a masked ID, the positive row announced, "import all" off), imports the valid
 * rows after the confirmation on a desktop (1440 px); then the bureau's dashboard shows the park's health figures.
 */
class HealthImportBrowserIT {

    @Test
    void aManagerImportsTheSheetAndTheDashboardShowsTheParksHealthFigures() throws Exception {
        Portal portal = Portal.get();
        HealthIT.portal = portal;
        HealthIT.admin = portal.api("admin");
        Api admin = HealthIT.admin;
        String[] park = HealthIT.newPark();
        long firm = TestData.newFirm(admin, park[1], false, 20);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        String idNeg = TestData.FAKES.residentId("110105");
        String idPos = TestData.FAKES.residentId("110105");
        HealthImportIT.portal = portal;
        HealthImportIT.worker(manager, firm, "钱一", idNeg);
        long wPos = HealthImportIT.worker(manager, firm, "孙二", idPos);
        String stranger = TestData.FAKES.residentId("110105");
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(now.minus(Duration.ofHours(2)).atZone(ZoneId.of("Asia/Shanghai")));
        String csv = "身份证号,姓名,采样时间,检测结果,采样点\n"
                + idNeg + ",钱一," + at + ",阴性,园区采样点1\n"
                + idPos + ",孙二," + at + ",阳性,园区采样点1\n"
                + stranger + ",李外," + at + ",阴性,园区采样点1\n";
        Path file = Files.createTempFile("tests", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        // A desktop Chromium at 390 px, as FirmImportBrowserIT checks the firm import's page (same upload widget).
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.viewport(390, 844);
            b.login(managerName);
            b.go("/health.xhtml");
            b.waitFor(By.id("health:importLink")).click();
            b.waitFor(By.id("firmName"));
            b.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            b.waitFor(By.id("counts"));
            String counts = b.driver.findElement(By.id("counts")).getText();
            assertTrue(counts.contains("共 3 行") && counts.contains("有效 2 行") && counts.contains("有错误 1 行"), counts);
            assertTrue(b.driver.findElement(By.id("result:positives")).getText().contains("1 条阳性"));
            String problems = b.driver.findElement(By.id("result:problems")).getText();
            assertTrue(problems.contains("4") && problems.contains("花名册"), problems);
            assertFalse(b.text().contains(stranger), "the resident ID is masked");
            assertTrue(problems.contains(stranger.substring(0, 6) + "********" + stranger.substring(14)), problems);
            assertTrue(b.driver.findElement(By.id("result:importAll")).getAttribute("class").contains("ui-state-disabled")
                    || !b.driver.findElement(By.id("result:importAll")).isEnabled(), "import all is off while a row is bad");
            b.screenshot("health-import-390");
            assertNoSidewaysScroll(b);
            b.viewport(1440, 900);
            b.screenshot("health-import-1440");

            b.driver.findElement(By.id("result:importValid")).click();
            b.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            b.waitFor(By.id("result:imported"));
            assertTrue(b.driver.findElement(By.id("result:imported")).getText().contains("已导入 2 条"),
                    b.driver.findElement(By.id("result:imported")).getText());
            b.screenshot("health-import-done-1440");
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(2, manager.get("firms/" + firm + "/health-tests").json().get("total").asInt());
        assertEquals(wPos, manager.get("firms/" + firm + "/health-holds").json().get(0).get("workerId").asLong());

        // The bureau's dashboard: the health table, the new park's row with its incident, as a phone and a desktop show it.
        for (boolean phone : new boolean[]{false, true}) {
            try (Browser b = Browser.open(portal.baseUrl(), false)) {
                b.viewport(phone ? 390 : 1440, phone ? 844 : 900);
                b.login("analyst");
                b.go("/bureau/dashboard.xhtml");
                b.waitForText(By.id("dash:health"), "健康测试园区" + park[1]);
                String table = b.driver.findElement(By.id("dash:health")).getText();
                assertTrue(table.contains("核酸覆盖率"), table);
                ((JavascriptExecutor) b.driver).executeScript("document.getElementById('dash:healthPart').scrollIntoView();");
                b.screenshot(phone ? "health-dashboard-390" : "health-dashboard-1440");
            }
        }
    }

    /** No sideways scroll at 390 px; the message names the elements that stick out. */
    static void assertNoSidewaysScroll(Browser b) {
        Object width = ((JavascriptExecutor) b.driver).executeScript("return document.documentElement.scrollWidth;");
        // The innermost elements that stick out, outside the blocks that merely fill a widened page.
        Object wide = ((JavascriptExecutor) b.driver).executeScript("const out = e => e.getBoundingClientRect().right > 392;"
                + "return Array.from(document.querySelectorAll('body *')).filter(e => out(e) && !Array.from(e.children).some(out)"
                + " && e.getBoundingClientRect().width > 0).slice(0, 8)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().width)"
                + " + '/' + e.scrollWidth).join(' | ');");
        assertTrue(((Number) width).intValue() <= 390, "no sideways scroll on a phone: " + width + " " + wide);
    }
}
