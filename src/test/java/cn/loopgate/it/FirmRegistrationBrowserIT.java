package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-registration as people do it: a manager finds "企业注册" under the login form on a phone (390 px), fills in
 * the firm, the licence and the account, and is told it waits for the park; a bot filling the hidden field is told
 * the same and nothing is saved; the park's liaison opens the queue (1440 px and 390 px), sees the licence and the
 * duplicate flag, and confirms.
 */
class FirmRegistrationBrowserIT extends BrowserITBase {

    static boolean fits(Browser b) {
        return (Boolean) ((JavascriptExecutor) b.driver).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    static void fill(Browser b, Map<String, String> f, Path licence) throws Exception {
        b.waitFor(By.id("register:creditCode")).sendKeys(f.get("creditCode"));
        b.driver.findElement(By.id("register:name")).sendKeys(f.get("name"));
        b.pick("register:park", f.get("parkName"));
        b.pick("register:industry", 3);
        WebElement staff = b.driver.findElement(By.id("register:staff_input"));
        staff.clear();
        staff.sendKeys("85");
        b.driver.findElement(By.id("register:legalRep")).sendKeys(f.get("legalRep"));
        b.driver.findElement(By.id("register:licence")).sendKeys(licence.toAbsolutePath().toString());
        b.driver.findElement(By.id("register:contactName")).sendKeys(f.get("contactName"));
        b.driver.findElement(By.id("register:contactPhone")).sendKeys(f.get("contactPhone"));
        b.driver.findElement(By.id("register:username")).sendKeys(f.get("username"));
        b.driver.findElement(By.id("register:password")).sendKeys(FirmRegistrationIT.PASSWORD);
    }

    @Test
    void aManagerRegistersOnAPhoneAndTheLiaisonConfirmsInTheQueue() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "CD-ETZ");
        String parkName = admin.get("parks/" + park).json().get("name").asText();
        Path licence = Files.createTempFile("licence", ".png");
        Files.write(licence, FirmRegistrationIT.PNG);
        Map<String, String> f = FirmRegistrationIT.form(park, TestData.FAKES.creditCode("510100"), TestData.FAKES.mobile());
        f.put("parkName", parkName);

        try (Browser phone = Browser.open(portal.baseUrl(), true)) {
            phone.go("/login.xhtml");
            phone.waitFor(By.id("register")).click();
            fill(phone, f, licence);
            assertTrue(fits(phone), "the form does not scroll sideways at 390 px");
            phone.screenshot("register-390");
            Thread.sleep(3100);
            phone.driver.findElement(By.id("register:submit")).click();
            phone.waitFor(By.id("done"));
            assertTrue(phone.text().contains("等待所属园区审核"), phone.text());
            phone.screenshot("register-done-390");
        }
        long id = FirmRegistrationIT.count("select id from firm_registration where credit_code = ? and status = 'PENDING'", f.get("creditCode"));
        assertTrue(id > 0, "saved, pending");

        // A bot fills in everything, the hidden field too: told the same, nothing saved.
        Map<String, String> bot = FirmRegistrationIT.form(park, TestData.FAKES.creditCode("510100"), TestData.FAKES.mobile());
        bot.put("parkName", parkName);
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.go("/register.xhtml");
            fill(b, bot, licence);
            ((JavascriptExecutor) b.driver).executeScript("document.getElementById('register:website').value = 'http://spam.example'");
            b.screenshot("register-1440");
            Thread.sleep(3100);
            b.driver.findElement(By.id("register:submit")).click();
            b.waitFor(By.id("done"));
        }
        assertEquals(0, FirmRegistrationIT.count("select count(*) from firm_registration where credit_code = ?", bot.get("creditCode")));

        // A second registration with the same phone is refused on the page, in the user's words.
        try (Browser b = Browser.open(portal.baseUrl(), true)) {
            Map<String, String> again = FirmRegistrationIT.form(park, TestData.FAKES.creditCode("510100"), f.get("contactPhone"));
            again.put("parkName", parkName);
            b.go("/register.xhtml");
            fill(b, again, licence);
            Thread.sleep(3100);
            b.driver.findElement(By.id("register:submit")).click();
            b.waitForText(By.id("register:messages"), "该手机号已有一份正在审核的注册申请");
            assertFalse(b.driver.findElements(By.id("done")).size() > 0);
            b.screenshot("register-refused-390");
        }

        browser.login("liaison.cd");
        browser.go("/registrations.xhtml?id=" + id);
        browser.waitForText(By.id("registrations:detail"), f.get("name"));
        assertTrue(browser.driver.findElement(By.id("registrations:table")).getText().contains(f.get("name")));
        browser.screenshot("registrations-1440");
        browser.driver.findElement(By.id("registrations:confirm")).click();
        browser.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
        browser.waitForText(By.id("registrations:messages"), f.get("username"));
        browser.screenshot("registrations-confirmed-1440");
        assertEquals(200, Api.basic(portal.baseUrl(), f.get("username"), FirmRegistrationIT.PASSWORD).get("me").status());

        try (Browser phone = Browser.open(portal.baseUrl(), true)) {
            phone.login("liaison.cd");
            phone.go("/registrations.xhtml?id=" + id);
            phone.waitForText(By.id("registrations:detail"), f.get("name"));
            assertTrue(fits(phone), "the queue does not scroll sideways at 390 px");
            assertFalse(phone.driver.findElements(By.id("registrations:firmExists")).size() > 0, "its own firm is no duplicate");
            phone.screenshot("registrations-390");
        }
    }
}
