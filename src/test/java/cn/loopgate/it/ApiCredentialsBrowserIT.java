package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API credentials page as people use it: an administrator issues a firm's credential through the firm picker
 * and sees the secret once (1440 px); a firm's manager issues one for their firm on a phone (390 px), and revokes it
 * after confirming.
 */
class ApiCredentialsBrowserIT extends BrowserITBase {

    static String inAWeek(Api admin) {
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        return LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
    }

    static void issue(Browser b, String name, String expiresOn) {
        b.waitFor(By.id("credentials:name")).sendKeys(name);
        // Typed without opening the calendar popup (which would cover the button on a wide screen).
        WebElement date = b.driver.findElement(By.id("credentials:expiresOn_input"));
        ((JavascriptExecutor) b.driver).executeScript("arguments[0].value = arguments[1]", date, expiresOn);
        b.driver.findElement(By.id("credentials:issue")).click();
    }

    static String secretShown(Browser b) {
        String secret = b.waitFor(By.id("credentials:secret")).getAttribute("value");
        assertTrue(secret.matches("lgk_[A-Za-z0-9_-]{43}"), secret);
        return secret;
    }

    @Test
    void anAdministratorIssuesForAFirmAndSeesTheSecretOnce() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-HTP", true, 60);
        String firmName = admin.get("firms/" + firm).json().get("name").asText();

        browser.login("admin");
        browser.go("/api-credentials.xhtml");
        browser.waitFor(By.id("credentials:firm_input")).sendKeys(firmName.substring(0, firmName.length() - 2));
        browser.waitFor(By.cssSelector("#credentials\\:firm_panel li")).click();
        issue(browser, "人事系统", inAWeek(admin));
        String secret = secretShown(browser);
        browser.waitForText(By.id("credentials:table"), "人事系统");
        browser.screenshot("api-credentials-1440");
        assertTrue(browser.driver.findElement(By.id("credentials:table")).getText().contains(secret.substring(0, 12)));
        assertFalse(browser.driver.findElement(By.id("credentials:table")).getText().contains(secret), "the table never shows it");

        Api hr = Api.bearer(portal.baseUrl(), secret);
        assertEquals(200, hr.get("firms/" + firm + "/workers").status());

        // Once: after "I have saved it" (or a reload) it is gone.
        browser.driver.findElement(By.id("credentials:dismiss")).click();
        Thread.sleep(1000);
        browser.go("/api-credentials.xhtml");
        browser.waitFor(By.id("credentials:table"));
        assertFalse(browser.driver.getPageSource().contains(secret));
    }

    @Test
    void aManagerIssuesAndRevokesOnAPhone() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 30);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        try (Browser phone = Browser.open(portal.baseUrl(), true)) {
            phone.login(manager);
            phone.go("/api-credentials.xhtml");
            issue(phone, "检测点", inAWeek(admin));
            String secret = secretShown(phone);
            phone.waitForText(By.id("credentials:table"), "检测点");
            phone.screenshot("api-credentials-390");
            Boolean fits = (Boolean) ((JavascriptExecutor) phone.driver)
                    .executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
            assertTrue(fits, "nothing scrolls sideways");
            assertEquals(200, Api.bearer(portal.baseUrl(), secret).get("firms/" + firm + "/workers").status());

            phone.driver.findElement(By.cssSelector("[id$=':revoke']")).click();
            phone.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
            phone.waitForText(By.id("credentials:table"), "已吊销");
            phone.screenshot("api-credentials-revoked-390");
            assertEquals(401, Api.bearer(portal.baseUrl(), secret).get("firms/" + firm + "/workers").status());
        }
    }
}
