package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Script payloads typed into page fields are shown as text and never run (issue 10): a firm manager types
 * them into the firm's contact name, a worker's name and a problem's description; the pages that show them
 * (the manager's profile, roster and problem; the liaison officer's problem list and problem) display the characters, and
 * {@code window.__pwned} stays undefined.
 */
class ScriptPayloadBrowserIT extends BrowserITBase {

    /** Fits a 50-character field. */
    static final String SHORT = "<img src=x onerror=window.__pwned=1>";
    static final String LONG = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1>";


    @Test
    void payloadsInContactNameWorkerNameAndProblemDescriptionAreShownAsTextAndNeverRun() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 80);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        browser.login(manager);

        // The firm's contact name.
        browser.go("/firm/profile.xhtml");
        WebElement contact = browser.waitFor(By.id("profile:contactName"));
        contact.clear();
        contact.sendKeys(SHORT);
        browser.driver.findElement(By.id("profile:save")).click();
        Thread.sleep(1500);
        browser.go("/firm/profile.xhtml");
        assertEquals(SHORT, browser.waitFor(By.id("profile:contactName")).getAttribute("value"), "the contact name was saved as typed");
        assertNotRun("firm profile");

        // A worker's name, typed in the roster's dialog.
        browser.go("/firm/roster.xhtml");
        browser.waitFor(By.id("roster:new")).click();
        browser.waitFor(By.id("add:name")).sendKeys(SHORT);
        browser.driver.findElement(By.id("add:residentId")).sendKeys(TestData.FAKES.residentId("320583"));
        browser.driver.findElement(By.id("add:phone")).sendKeys(TestData.FAKES.mobile());
        browser.driver.findElement(By.id("add:job")).sendKeys(LONG.substring(0, 45));
        browser.driver.findElement(By.id("add:joined_input")).sendKeys("2020-01-02");
        browser.driver.findElement(By.id("add:save")).click();
        browser.waitForText(By.id("roster:workers"), SHORT);
        browser.go("/firm/roster.xhtml");
        browser.waitForText(By.id("roster:workers"), SHORT);
        assertNotRun("roster");

        // A problem's description.
        browser.go("/firm/problems.xhtml");
        choose("raise:category", "raiseCategory", "PRODUCTS_OUT", "产品出厂");
        choose("raise:urgency", "raiseUrgency", "URGENT", "特急");
        browser.driver.findElement(By.id("raise:description")).sendKeys(LONG);
        browser.driver.findElement(By.id("raise:submit")).click();
        browser.waitForText(By.tagName("body"), LONG);
        String url = browser.driver.getCurrentUrl();
        assertTrue(url.contains("problem.xhtml?id="), url);
        String problem = url.substring(url.indexOf("id=") + 3);
        assertNotRun("problem");
        browser.screenshot("script-payload-problem");
        browser.driver.findElement(By.id("top:logout")).click();
        browser.waitFor(By.id("login:username"));

        // Where someone else reads it: the park's liaison officer, in the list and on the problem.
        browser.login("liaison.cd");
        browser.go("/liaison/problems.xhtml");
        browser.waitFor(By.id("problems:table"));
        assertNotRun("liaison problem list");
        browser.driver.findElement(By.linkText("#" + problem)).click();
        browser.waitForText(By.tagName("body"), LONG);
        assertNotRun("liaison problem page");
    }

    void assertNotRun(String where) throws InterruptedException {
        Thread.sleep(500); // an <img onerror> fires once the broken image has failed to load
        Object pwned = ((JavascriptExecutor) browser.driver).executeScript("return typeof window.__pwned");
        if (!"undefined".equals(pwned)) {
            browser.evidence("script-payload-ran-" + where.replace(' ', '-'));
        }
        assertEquals("undefined", pwned, "a payload ran on the " + where);
        assertTrue(browser.driver.findElements(By.cssSelector("img[src=x]")).isEmpty(), "a payload became markup on the " + where);
    }

    static void choose(String menuId, String widgetVar, String value, String shownLabel) {
        ((JavascriptExecutor) browser.driver).executeScript("PF(arguments[0]).selectValue(arguments[1])", widgetVar, value);
        browser.waitForText(By.id(menuId + "_label"), shownLabel);
    }
}
