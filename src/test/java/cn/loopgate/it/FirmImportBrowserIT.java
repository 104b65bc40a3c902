package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firm import page in Chromium, as an administrator on a phone (390 px) and a desktop (1440 px): a list with
 * a bad row is checked, the bad row shown with its line, "import all" off, the valid rows imported after the
 * confirmation, and the firms are there.
 */
class FirmImportBrowserIT extends BrowserITBase {

    @Test
    void anAdministratorChecksAListAndImportsTheValidRows() throws Exception {
        Api admin = portal.api("admin");
        String good1 = TestData.FAKES.creditCode("510112");
        String good2 = TestData.FAKES.creditCode("510112");
        String bad = good2.substring(0, 17) + (good2.charAt(17) == '0' ? '1' : '0');
        String csv = FirmImportIT.HEADER
                + FirmImportIT.row(FirmImportIT.name(), good1, "CD-ETZ", "机械装备", "规上", "", 10, "张伟", TestData.FAKES.mobile(), "", "", "", "")
                + FirmImportIT.row(FirmImportIT.name(), good2, "CD-ETZ", "食品", "规下", "", 20, "李娜", TestData.FAKES.mobile(), "", "", "", "")
                + FirmImportIT.row("坏代码企业", bad, "CD-ETZ", "食品", "规下", "", 20, "李娜", TestData.FAKES.mobile(), "", "", "", "");
        Path file = Files.createTempFile("firms", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        try {
            browser.viewport(390, 844);
            browser.login("admin");
            browser.go("/firm-import.xhtml");
            browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            browser.waitFor(By.id("counts"));
            String counts = browser.driver.findElement(By.id("counts")).getText();
            assertTrue(counts.contains("共 3 行") && counts.contains("正确 2 行") && counts.contains("有误 1 行"), counts);
            String problems = browser.driver.findElement(By.id("result:problems")).getText();
            assertTrue(problems.contains("4") && problems.contains("GB 32100"), problems);
            assertTrue(browser.driver.findElement(By.id("result:importAll")).getAttribute("class").contains("ui-state-disabled")
                    || !browser.driver.findElement(By.id("result:importAll")).isEnabled(), "import all is off while a row is bad");
            Object width = ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                    .executeScript("return document.documentElement.scrollWidth;");
            assertTrue(((Number) width).intValue() <= 390, "no sideways scroll on a phone: " + width);
            browser.screenshot("firm-import-390");
            browser.viewport(1440, 900);
            browser.screenshot("firm-import-1440");

            browser.driver.findElement(By.id("result:importValid")).click();
            browser.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            browser.waitFor(By.id("result:imported"));
            assertTrue(browser.driver.findElement(By.id("result:imported")).getText().contains("2"),
                    browser.driver.findElement(By.id("result:imported")).getText());
            browser.screenshot("firm-import-done");
            assertEquals(1, admin.get("firms?q=" + good1).json().get("total").asInt());
            assertEquals(1, admin.get("firms?q=" + good2).json().get("total").asInt());
            assertEquals(0, admin.get("firms?q=" + bad).json().get("total").asInt());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
