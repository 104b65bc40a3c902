package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages of manager accounts as people use them: the liaison picks a firm by typing part of its name,
 * invites a manager, gets the link to hand over (no mail server here); the manager sets a password on the
 * activation page (phone width) and signs in.
 */
class ManagerAccountsBrowserIT extends BrowserITBase {

    @Test
    void aLiaisonInvitesThroughThePickerAndTheManagerActivatesOnAPhone() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-HTP", true, 60);
        String name = admin.get("firms/" + firm).json().get("name").asText();
        String user = "pick" + System.nanoTime() % 100_000_000;

        browser.login("liaison.cd");
        browser.go("/managers.xhtml");
        WebElement picker = browser.waitFor(By.id("managers:firm_input"));
        picker.sendKeys(name.substring(0, name.length() - 2));
        browser.waitFor(By.cssSelector("#managers\\:firm_panel li")).click();
        browser.waitFor(By.id("managers:username")).sendKeys(user);
        browser.driver.findElement(By.id("managers:displayName")).sendKeys("李四");
        browser.driver.findElement(By.id("managers:email")).sendKeys(user + "@example.cn");
        browser.driver.findElement(By.id("managers:invite")).click();
        browser.waitForText(By.id("managers:delivery"), "/activate.xhtml?token=");
        assertTrue(browser.text().contains(user), "the new manager is listed");
        browser.screenshot("managers-1440");
        Matcher m = Pattern.compile("/activate\\.xhtml\\?token=([A-Za-z0-9_-]{43})").matcher(browser.text());
        assertTrue(m.find());
        String token = m.group(1);

        try (Browser phone = Browser.open(portal.baseUrl(), true)) {
            phone.go("/activate.xhtml?token=" + token);
            phone.waitFor(By.id("activate:password")).sendKeys("Li-Si-Passwort-9");
            phone.driver.findElement(By.id("activate:passwordRepeat")).sendKeys("Li-Si-Passwort-9");
            phone.screenshot("activate-390");
            phone.driver.findElement(By.id("activate:submit")).click();
            phone.waitFor(By.id("activate:toLogin"));
            Boolean fits = (Boolean) ((org.openqa.selenium.JavascriptExecutor) phone.driver)
                    .executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
            assertTrue(fits, "nothing scrolls sideways");
        }
        assertEquals(200, Api.basic(portal.baseUrl(), user, "Li-Si-Passwort-9").get("me").status());
    }

    /** The admin's users page: a lazy table searched by name, and a firm bound through the searchable picker. */
    @Test
    void theAdministratorFindsUsersAndBindsAFirmWithoutAListOfEveryFirm() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "BJ-LOG", false, 20);
        String firmName = admin.get("firms/" + firm).json().get("name").asText();
        String user = "bind" + System.nanoTime() % 100_000_000;
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.login("admin");
            b.go("/admin/users.xhtml");
            b.waitFor(By.id("users:new")).click();
            b.waitFor(By.id("edit:username")).sendKeys(user);
            b.driver.findElement(By.id("edit:displayName")).sendKeys("王五");
            b.driver.findElement(By.id("edit:role")).click();
            b.waitFor(By.cssSelector("#edit\\:role_items li[data-label='企业防疫负责人']")).click();
            b.driver.findElement(By.id("edit:firm_input")).sendKeys(firmName.substring(0, firmName.length() - 3));
            b.waitFor(By.cssSelector("#edit\\:firm_panel li")).click();
            b.driver.findElement(By.id("edit:password")).sendKeys("Wang-Wu-Passwort-1");
            b.driver.findElement(By.id("edit:save")).click();
            // The dialog closes once the user is saved (a fixed 1.5 s was too short on a loaded CI machine).
            b.waitGone(By.id("edit:save"));
            b.driver.findElement(By.id("users:text")).sendKeys(user);
            b.driver.findElement(By.id("users:search")).click();
            b.waitForText(By.id("users:table"), user);
            b.screenshot("users-1440");
            assertTrue(b.driver.findElement(By.id("users:table")).getText().contains("1-1 / 1"),
                    b.driver.findElement(By.id("users:table")).getText());
        }
        Api.Res me = Api.basic(portal.baseUrl(), user, "Wang-Wu-Passwort-1").get("me");
        assertEquals(200, me.status(), me.raw());
        assertEquals(firm, me.json().get("firmId").asLong(), "bound to the picked firm");
    }
}
