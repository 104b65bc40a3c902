package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person in headless Chromium: signs in, reads Chinese, switches to English, opens the roster. */
class FoundationBrowserIT extends BrowserITBase {

    @Test
    void managerSignsInSeesChineseSwitchesToEnglishAndOpensTheRoster() {
        browser.go("/firm/roster.xhtml");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/login.xhtml"), "sent to the login page first");
        assertTrue(browser.text().contains("用户名"), "the login page speaks Chinese");

        browser.driver.findElement(By.id("login:username")).sendKeys("manager01");
        browser.driver.findElement(By.id("login:password")).sendKeys("wrong-password");
        browser.driver.findElement(By.id("login:submit")).click();
        browser.waitForText(By.id("login:messages"), "用户名或密码错误");

        browser.driver.findElement(By.id("login:password")).sendKeys("loopgate123");
        browser.driver.findElement(By.id("login:submit")).click();
        browser.waitFor(By.id("roster:workers"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/firm/roster.xhtml"), "returned to the page asked for");
        String zh = browser.text();
        assertTrue(zh.contains("员工台账") && zh.contains("身份证号") && zh.contains("退出登录"), zh);
        browser.screenshot("roster-zh");

        List<WebElement> idCells = browser.driver.findElements(By.cssSelector(".lg-id"));
        assertFalse(idCells.isEmpty(), "the roster lists workers");
        idCells.forEach(c -> assertTrue(c.getText().matches("\\d{6}\\*{8}\\d{3}[0-9X]"), "masked: " + c.getText()));

        browser.driver.findElement(By.id("top:lang")).click();
        browser.waitForText(By.tagName("h1"), "Worker roster");
        String en = browser.text();
        assertTrue(en.contains("Resident ID") && en.contains("Sign out"), en);
        browser.screenshot("roster-en");

        browser.driver.findElement(By.id("top:lang")).click();
        browser.waitForText(By.tagName("h1"), "员工台账");
    }

    @Test
    void adminReachesFirmAdministrationButAManagerDoesNot() throws Exception {
        try (Browser admin = Browser.open(portal.baseUrl(), false)) {
            admin.login("admin");
            admin.go("/admin/firms.xhtml");
            admin.waitFor(By.id("firms:table"));
            assertTrue(admin.text().contains("统一社会信用代码"));
        }
        try (Browser manager = Browser.open(portal.baseUrl(), false)) {
            manager.login("manager05");
            manager.go("/admin/firms.xhtml");
            assertTrue(manager.text().contains("无权访问"), manager.text());
        }
    }

    @Test
    void unknownPageShowsAFriendly404() throws Exception {
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.login("analyst");
            b.go("/nothing-here.xhtml");
            String text = b.text();
            assertTrue(text.contains("页面不存在"), text);
            assertFalse(text.contains("Caused by") || text.contains(".java:"), text);
        }
    }
}
