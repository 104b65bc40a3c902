package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A firm and its liaison in headless Chromium: a plan filed with a real PDF commitment letter,
 * returned with a comment, refiled and approved; and a day of reports on the liaison's board.
 */
class PlansAndReportsBrowserIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    static void type(Browser b, String id, String text) {
        WebElement e = b.driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void firmFilesAPlanTheLiaisonReturnsItTheFirmRefilesAndTheLiaisonApproves() throws Exception {
        long park = TestData.parkId(admin, "CD-ETZ");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 200);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        String liaisonName = TestData.newUser(admin, "LIAISON", null, park);
        Path letter = Files.createTempFile("commitment", ".pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(letter.toFile());
        }
        String planned = LocalDate.now(SHANGHAI).plusDays(5).toString();

        try (Browser manager = Browser.open(portal.baseUrl(), false); Browser liaison = Browser.open(portal.baseUrl(), false)) {
            manager.login(managerName);
            manager.go("/firm/plan.xhtml");
            manager.waitFor(By.id("plan:submit"));
            type(manager, "plan:plannedDate", planned);
            type(manager, "plan:headcount", "150");
            type(manager, "plan:dormitory", "Dorm A, four per room");
            type(manager, "plan:meals", "Staggered meals");
            type(manager, "plan:shuttle", "Shuttle bus");
            type(manager, "plan:disinfection", "Twice a day");
            type(manager, "plan:healthChecks", "Temperature morning and evening");
            type(manager, "plan:emergencyPlan", "Isolate and report");
            type(manager, "plan:officerName", "Wang");
            type(manager, "plan:officerPhone", TestData.FAKES.mobile());
            manager.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(letter.toString());
            manager.driver.findElement(By.id("plan:submit")).click();
            manager.waitForText(By.id("planStatus"), "待审核");
            long planId = portal.api(managerName).get("firms/" + firm + "/plans").json().get(0).get("id").asLong();

            liaison.login(liaisonName);
            liaison.go("/liaison/plans.xhtml");
            liaison.waitFor(By.cssSelector("tr.plan-" + planId + " a.review-link")).click();
            liaison.waitFor(By.id("review:return"));
            assertTrue(liaison.driver.findElements(By.id("review:commitment")).size() == 1, "the letter can be opened");
            liaison.driver.findElement(By.cssSelector("input.comment-DORMITORY")).sendKeys("Two per room at most");
            liaison.driver.findElement(By.id("review:return")).click();
            // the confirmation names the firm and the consequence before anything happens
            assertTrue(liaison.waitFor(By.cssSelector(".ui-confirm-dialog")).getText().contains("退回修改"));
            liaison.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            liaison.waitForText(By.id("planStatus"), "已退回修改");

            manager.go("/firm/plan.xhtml");
            manager.waitForText(By.id("plan:comment_DORMITORY"), "Two per room at most");
            type(manager, "plan:dormitory", "Dorm A and B, two per room");
            manager.driver.findElement(By.id("plan:submit")).click();
            manager.waitForText(By.id("planStatus"), "待审核");

            liaison.go("/liaison/plan.xhtml?id=" + planId);
            liaison.waitFor(By.id("review:approve"));
            assertTrue(liaison.text().contains("Dorm A and B, two per room") && liaison.text().contains("Dorm A, four per room"),
                    "both versions side by side");
            liaison.screenshot("plan-review-v2");
            type(liaison, "review:conditionsText", "Weekly test summary");
            liaison.driver.findElement(By.id("review:approve")).click();
            assertTrue(liaison.waitFor(By.cssSelector(".ui-confirm-dialog")).getText().contains("复工复产证明"));
            liaison.screenshot("plan-approve-confirm");
            liaison.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            liaison.waitForText(By.id("planStatus"), "已批准");

            manager.go("/firm/plan.xhtml");
            manager.waitForText(By.id("planStatus"), "已批准");
            assertTrue(manager.text().contains("复工证明编号") && manager.text().contains("Weekly test summary"), manager.text());
            manager.screenshot("plan-approved");
        } finally {
            Files.deleteIfExists(letter);
        }
        JsonNode plan = portal.api(managerName).get("firms/" + firm + "/plans").json().get(0);
        assertEquals(2, plan.get("versions").size());
        assertTrue(plan.get("versions").get(0).get("commitmentFileId").asLong() > 0);
        assertEquals(plan.get("versions").get(0).get("commitmentFileId").asLong(), plan.get("versions").get(1).get("commitmentFileId").asLong(),
                "the refiled version keeps the letter");
        assertEquals(planned, admin.get("firms/" + firm).json().get("resumedOn").asText());
    }

    @Test
    void aDayOfReportsAsTheLiaisonSeesItWithAReminderToTheMissingFirmOnly() throws Exception {
        long park = TestData.parkId(admin, "BJ-IND");
        long zeroFirm = TestData.newFirm(admin, "BJ-IND", false, 60);
        long abnormalFirm = TestData.newFirm(admin, "BJ-IND", false, 60);
        long missingFirm = TestData.newFirm(admin, "BJ-IND", false, 60);
        String zeroManager = TestData.newUser(admin, "FIRM_MANAGER", zeroFirm);
        String abnormalManager = TestData.newUser(admin, "FIRM_MANAGER", abnormalFirm);
        String missingManager = TestData.newUser(admin, "FIRM_MANAGER", missingFirm);
        String liaisonName = TestData.newUser(admin, "LIAISON", null, park);

        Api.Res abnormal = portal.api(abnormalManager).post("firms/" + abnormalFirm + "/reports", Api.obj()
                .put("staffOnSite", 40).put("temperatureChecks", 40).put("feverCount", 1).put("abnormalDetails", "Fever 37.9, isolated")
                .put("productionStatus", "PARTIAL").put("capacityPct", 50));
        assertEquals(201, abnormal.status(), abnormal.raw());

        try (Browser manager = Browser.open(portal.baseUrl(), true); Browser liaison = Browser.open(portal.baseUrl(), false)) {
            manager.login(zeroManager);
            manager.go("/firm/reports.xhtml");
            manager.waitFor(By.id("report:zero")).click();
            manager.waitForText(By.id("report:filed"), "零报告");
            manager.screenshot("report-zero-phone");

            liaison.login(liaisonName);
            liaison.go("/liaison/board.xhtml");
            liaison.waitFor(By.id("board:rows"));
            assertEquals("零报告", liaison.driver.findElement(By.cssSelector("tr.firm-" + zeroFirm + " .lg-status")).getText());
            assertEquals("异常", liaison.driver.findElement(By.cssSelector("tr.firm-" + abnormalFirm + " .lg-status")).getText());
            // Before the park's deadline a firm without a report is 待报 (not yet due), after it 未报告 (BoardTest covers the rule).
            String missing = liaison.driver.findElement(By.cssSelector("tr.firm-" + missingFirm + " .lg-status")).getText();
            assertTrue(missing.equals("未报告") || missing.equals("待报"), missing);
            assertTrue(liaison.driver.findElement(By.cssSelector("tr.firm-" + abnormalFirm)).getText().contains("Fever 37.9"));
            liaison.screenshot("liaison-board");
            liaison.driver.findElement(By.id("board:remind")).click();
            liaison.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            liaison.waitForText(By.id("messages"), "已提醒");
        }
        assertTrue(hasReminder(missingManager), "the silent firm is reminded");
        assertTrue(!hasReminder(zeroManager) && !hasReminder(abnormalManager), "firms that reported are not");
    }

    static boolean hasReminder(String user) {
        for (JsonNode n : portal.api(user).get("notifications").json()) {
            if (n.get("kind").asText().equals("REPORT_REMINDER")) {
                return true;
            }
        }
        return false;
    }
}
