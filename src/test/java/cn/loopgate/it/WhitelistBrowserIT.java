package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole journey in Chromium: a firm manager imports a roster with deliberate bad rows, imports
 * only the valid ones, applies for cards for everybody; the park's liaison officer approves two.
 */
class WhitelistBrowserIT extends BrowserITBase {

    @Test
    void importValidRowsApplyForCardsLiaisonApprovesASubset() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "CD-ETZ");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 80);
        String firmName = admin.get("firms/" + firm).json().get("name").asText();
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        String liaison = TestData.newUser(admin, "LIAISON", null, park);

        Path csv = Files.createTempFile("roster", ".csv");
        Files.writeString(csv, RosterImportIT.csvWithBadRows(4), StandardCharsets.UTF_8);
        try {
            browser.login(manager);
            browser.go("/firm/import.xhtml");
            WebElement input = browser.driver.findElement(By.cssSelector("input[type=file]"));
            input.sendKeys(csv.toAbsolutePath().toString());
            browser.waitFor(By.id("counts"));
            String counts = browser.driver.findElement(By.id("counts")).getText();
            assertTrue(counts.contains("7") && counts.contains("4") && counts.contains("3"), counts);
            String problems = browser.driver.findElement(By.id("result:problems")).getText();
            assertTrue(problems.contains("校验位") && problems.contains("手机号无效") && problems.contains("重复"), problems);
            assertTrue(browser.driver.findElement(By.id("result:importAll")).getAttribute("class").contains("ui-state-disabled")
                    || !browser.driver.findElement(By.id("result:importAll")).isEnabled(), "import all is off while rows are bad");
            browser.screenshot("import-dry-run");
            browser.driver.findElement(By.id("result:importValid")).click();
            browser.waitFor(By.id("result:imported"));
            assertTrue(browser.driver.findElement(By.id("result:imported")).getText().contains("4"));

            browser.go("/firm/cards.xhtml");
            browser.waitFor(By.id("apply:selectAll")).click();
            browser.waitForText(By.id("apply:selected"), "4");
            browser.driver.findElement(By.id("apply:submit")).click();
            browser.waitForText(By.id("lists:batches"), "待审核");
            browser.screenshot("cards-applied");
            browser.driver.findElement(By.id("top:logout")).click();

            browser.login(liaison);
            browser.go("/liaison/cards.xhtml");
            WebElement row = browser.waitFor(By.xpath("//tbody[@id='review:batches_data']/tr[td[contains(., '" + firmName + "')]]"));
            row.findElement(By.cssSelector("button[id$=':open']")).click();
            browser.waitFor(By.id("review:items"));
            browser.driver.findElement(By.id("review:items:0:pick")).click();
            browser.driver.findElement(By.id("review:items:1:pick")).click();
            browser.driver.findElement(By.id("review:approveSelected")).click();
            browser.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.numberOfElementsToBe(
                    By.xpath("//tbody[@id='review:items_data']//span[contains(@class,'lg-item-status') and text()='已批准']"), 2));
            List<WebElement> pending = browser.driver.findElements(
                    By.xpath("//tbody[@id='review:items_data']//span[contains(@class,'lg-item-status') and text()='待审']"));
            assertEquals(2, pending.size());
            browser.screenshot("liaison-approved-subset");
            browser.go("/liaison/passes.xhtml");
            browser.waitFor(By.id("review:passes"));
            browser.driver.findElement(By.id("top:logout")).click();

            browser.login(manager);
            browser.go("/firm/cards.xhtml");
            browser.waitForText(By.id("lists:cards"), "有效");
            browser.driver.findElement(By.id("lists:cards:0:revoke")).click();
            browser.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            browser.waitForText(By.id("lists:cards"), "已失效");
            browser.screenshot("card-revoked");
            browser.go("/firm/passes.xhtml");
            browser.waitFor(By.id("apply:submit"));
            browser.waitFor(By.id("list:passes"));
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("whitelist-journey");
            throw e;
        } finally {
            Files.deleteIfExists(csv);
        }
        Api me = portal.api(manager);
        JsonNode cards = me.get("firms/" + firm + "/cards").json();
        assertEquals(2, cards.get("total").asInt());
        assertEquals(List.of("REVOKED", "VALID"), cards.findValues("state").stream().map(JsonNode::asText).sorted().toList());
        assertEquals(4, me.get("firms/" + firm + "/workers").json().get("total").asInt());
    }

    /**
     * After a liaison approves a batch, the manager follows the notice to the cards page and prints the
     * batch as a person would: the PDF comes from the page's button (Chromium's download), its pages are
     * rendered and the QR codes decoded from pixels; a revoked card is neither offered nor printed.
     */
    @Test
    void managerPrintsAnApprovedBatchFromThePage() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "CD-ETZ");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 40);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api liaison = portal.api(TestData.newUser(admin, "LIAISON", null, park));
        WhitelistIT.Firm f = new WhitelistIT.Firm(firm, park, portal.api(manager));
        java.time.LocalDate today = WhitelistIT.today();
        long batch = WhitelistIT.apply(f, WhitelistIT.workers(f, 3), today, today.plusDays(9)).get("batch").get("id").asLong();
        long version = liaison.get("card-batches/" + batch).json().get("batch").get("version").asLong();
        assertEquals(200, liaison.post("card-batches/" + batch + "/review", Api.obj().put("version", version).put("approveAll", true)).status());
        JsonNode cards = f.manager().get("firms/" + firm + "/cards").json().get("items");
        long revoked = cards.get(0).get("id").asLong();
        assertEquals(200, f.manager().post("firms/" + firm + "/cards/" + revoked + "/revoke", Api.obj().put("reason", "离职")).status());
        List<String> expected = new java.util.ArrayList<>();
        for (JsonNode c : cards) {
            if (c.get("id").asLong() != revoked) {
                expected.add(f.manager().get("permits/" + c.get("id").asLong()).json().get("qr").asText());
            }
        }
        String link = noticeLink(batch);
        assertEquals("/firm/cards.xhtml?batch=" + batch, link, "the manager's notice links to printing the batch");
        try {
            browser.login(manager);
            browser.go(link);
            browser.waitFor(By.id("ready:printReady"));
            assertTrue(browser.driver.findElement(By.id("ready")).getText().contains(String.valueOf(batch)));
            assertEquals(2, browser.driver.findElements(By.cssSelector("input[id$=':print']")).size(), "the revoked card has no tick box");
            browser.screenshot("cards-print-ready");
            browser.driver.findElement(By.id("ready:printReady")).click();
            byte[] pdf = browser.download(".pdf");
            List<String> decoded = PermitFixtures.qrCodes(pdf, 0);
            assertEquals(expected.stream().sorted().toList(), decoded.stream().sorted().toList(), "the two active cards, decoded from pixels");
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                assertTrue(text.contains(today + " 至 " + today.plusDays(9)), "inclusive validity: " + text);
            }
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cards-print");
            throw e;
        }
    }

    static String noticeLink(long batch) throws java.sql.SQLException {
        try (java.sql.Connection c = portal.db.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("select link from notification where message_key = 'whitelist.notice.reviewedPrint'"
                     + " and link like ? order by id desc limit 1")) {
            ps.setString(1, "%batch=" + batch);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
