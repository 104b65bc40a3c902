package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Keep me signed in" as a phone and a desktop see it: the box on the login page, a browser that lost its session
 * coming back signed in, and the devices list on the user's own page with its revoke buttons (390 and 1440 px).
 */
class RememberMeBrowserIT {

    @Test
    void theBoxTheComebackAndTheDevicesListAtPhoneAndDesktopWidth() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        for (boolean phone : new boolean[]{true, false}) {
            String user = TestData.newUser(admin, "ANALYST", null);
            WebSession other = new WebSession();
            assertTrue(other.login(portal.baseUrl(), user, TestData.PASSWORD, true), "a second device, remembered");
            String width = phone ? "390" : "1440";
            try (Browser b = Browser.open(portal.baseUrl(), phone)) {
                b.viewport(phone ? 390 : 1440, phone ? 844 : 900);
                b.go("/login.xhtml");
                b.waitFor(By.id("login:username")).sendKeys(user);
                b.driver.findElement(By.id("login:password")).sendKeys(TestData.PASSWORD);
                b.driver.findElement(By.cssSelector("#login\\:remember .ui-chkbox-box")).click();
                assertTrue(b.text().contains("在此设备上保持登录"));
                b.screenshot("remember-login-" + width);
                assertTrue(fits(b), "the login page does not scroll sideways");
                b.driver.findElement(By.id("login:submit")).click();
                new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("top:menu")));
                assertTrue(b.driver.manage().getCookieNamed("LOOPGATE_REMEMBER") != null, "the cookie is set");

                // The session ends; the browser still holds the remember-me cookie and comes back signed in.
                b.driver.manage().deleteCookieNamed("LOOPGATE_SESSION");
                b.go("/password.xhtml");
                b.waitFor(By.id("devices:table"));
                assertFalse(b.driver.getCurrentUrl().contains("login.xhtml"), b.driver.getCurrentUrl());
                String table = b.driver.findElement(By.id("devices:table")).getText();
                assertTrue(table.contains("当前设备"), table + " / audit: " + admin.get("audit/User/" + userId(admin, user)).raw());
                assertEquals(2, b.driver.findElements(By.cssSelector("#devices\\:table tbody tr")).size());
                b.screenshot("remember-devices-" + width);
                assertTrue(fits(b), "the devices list does not scroll sideways");

                // Revoke the other device from the list: one row left, and the other device's cookie is dead.
                b.driver.findElements(By.cssSelector("#devices\\:table tbody tr")).stream()
                        .filter(r -> !r.getText().contains("当前设备")).findFirst().orElseThrow()
                        .findElement(By.cssSelector("button")).click();
                b.waitForText(By.cssSelector("body"), "已撤销该设备");
                assertEquals(1, b.driver.findElements(By.cssSelector("#devices\\:table tbody tr")).size());
                b.screenshot("remember-revoked-" + width);
                other.dropCookie("LOOPGATE_SESSION");
                assertEquals(302, other.get(portal.baseUrl() + "/index.xhtml").statusCode());
            }
        }
    }

    private static long userId(Api admin, String username) {
        for (var u : admin.get("users").json()) {
            if (u.path("username").asText().equals(username)) {
                return u.path("id").asLong();
            }
        }
        return -1;
    }

    private static boolean fits(Browser b) {
        return (Boolean) ((JavascriptExecutor) b.driver).executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }
}
