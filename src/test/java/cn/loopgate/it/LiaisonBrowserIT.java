package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liaison assignment page in Chromium (issue 18.5), as an administrator on a phone (390 px) and a desktop
 * (1440 px): the demo firm-bound officer's firms are listed; a new firm is found, ticked and given to a new
 * firm-bound officer picked in the autocomplete, and the API then names that officer.
 */
class LiaisonBrowserIT extends BrowserITBase {

    @Test
    void anAdministratorAssignsAFirmToAFirmBoundOfficer() {
        Api admin = portal.api("admin");
        String officer = TestData.newUser(admin, "LIAISON", null);
        long park = TestData.parkId(admin, "CD-HTP");
        String name = "专员分配页企业" + TestData.FAKES.random().nextInt(1_000_000) + "有限公司";
        long firm = AccessMatrixIT.expect(201, admin.post("firms", TestData.firmBody(park, true, 100).put("name", name)))
                .get("id").asLong();

        browser.viewport(390, 844);
        browser.login("admin");
        browser.go("/liaisons.xhtml?liaison=liaison.cd1");
        browser.waitFor(By.id("liaisons:table"));
        String listed = browser.driver.findElement(By.id("liaisons:table")).getText();
        assertTrue(listed.contains("城东驻企专员"), listed);
        Object width = ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.scrollWidth;");
        assertTrue(((Number) width).intValue() <= 390, "no sideways scroll on a phone: " + width);
        browser.screenshot("liaisons-390");
        browser.viewport(1440, 900);
        browser.screenshot("liaisons-1440");

        browser.go("/liaisons.xhtml");
        browser.waitFor(By.id("liaisons:text")).sendKeys(name);
        browser.driver.findElement(By.id("liaisons:search")).click();
        browser.waitForText(By.id("liaisons:table"), name);
        click(By.cssSelector("#liaisons\\:table tbody .ui-selection-column .ui-chkbox-box"));
        browser.waitFor(By.cssSelector("#liaisons\\:table tbody .ui-selection-column .ui-chkbox-box.ui-state-active"));
        browser.driver.findElement(By.id("liaisons:target_input")).sendKeys(officer);
        click(By.cssSelector("#liaisons\\:target_panel .ui-autocomplete-item"));
        click(By.id("liaisons:assignSelected"));
        browser.waitForText(By.id("liaisons:table"), officer);
        browser.screenshot("liaisons-assigned-1440");
        assertEquals(officer, admin.get("firms/" + firm + "/liaison").json().get("liaisonUsername").asText());
    }

    /** Clicks what the AJAX update may still be replacing: found afresh until the click lands. */
    static void click(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                browser.waitFor(by).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }
}
