package cn.loopgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One problem through every hand in the browser: a firm manager in a CD park raises it with a photo,
 * liaison.cd acknowledges, comments and escalates it, the analyst assigns it to a department,
 * liaison.cd resolves it and the manager confirms; the timeline shows each step.
 */
class ProblemBrowserIT extends BrowserITBase {

    @Test
    void raisedAcknowledgedEscalatedAssignedResolvedConfirmed() throws Exception {
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 80);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Path photo = Files.createTempFile("problem", ".png");
        Files.write(photo, ProblemIT.PNG);

        // The firm raises it.
        browser.login(manager);
        browser.go("/firm/problems.xhtml");
        choose("raise:category", "raiseCategory", "PRODUCTS_OUT", "产品出厂");
        choose("raise:urgency", "raiseUrgency", "URGENT", "特急");
        browser.driver.findElement(By.id("raise:description")).sendKeys("成品运不出园区，物流车辆在卡口被拦");
        browser.driver.findElement(By.cssSelector("#raise input[type=file]")).sendKeys(photo.toString());
        browser.driver.findElement(By.id("raise:submit")).click();
        browser.waitForText(By.id("status"), "待受理");
        String url = browser.driver.getCurrentUrl();
        assertTrue(url.contains("/problem.xhtml?id="), url);
        String id = url.substring(url.indexOf("id=") + 3);
        assertTrue(browser.text().contains(".png"), "the photo is attached");
        browser.screenshot("problem-raised");
        signOut();

        // The liaison officer finds it in the park's list, acknowledges, comments and escalates it.
        browser.login("liaison.cd");
        browser.go("/liaison/problems.xhtml");
        browser.waitFor(By.id("problems:table"));
        browser.driver.findElement(By.linkText("#" + id)).click();
        browser.waitFor(By.id("act:acknowledge")).click();
        browser.waitForText(By.id("status"), "处理中");
        browser.driver.findElement(By.id("act:comment")).sendKeys("已联系交通部门");
        browser.driver.findElement(By.id("act:addComment")).click();
        browser.waitForText(By.id("timeline"), "已联系交通部门");
        choose("act:escalation", "escalationKind", "SUPERVISE", "督办");
        browser.driver.findElement(By.id("act:reason")).sendKeys("需市级协调通行");
        browser.driver.findElement(By.id("act:escalate")).click();
        browser.waitForText(By.id("status"), "已上报");
        browser.go("/liaison/problems.xhtml");
        browser.waitFor(By.id("problems:table"));
        browser.screenshot("problem-liaison-list");
        signOut();

        // The bureau sees it and assigns it to a department.
        browser.login("analyst");
        browser.go("/bureau/problems.xhtml");
        browser.waitFor(By.id("stats"));
        assertTrue(browser.text().contains("CD-ETZ"), browser.text());
        browser.screenshot("problem-bureau");
        browser.go("/problem.xhtml?id=" + id);
        browser.waitFor(By.id("act:departmentName")).sendKeys("市交通运输局");
        browser.driver.findElement(By.id("act:assign")).click();
        browser.waitForText(By.id("status"), "已交办");
        assertTrue(browser.driver.findElement(By.id("department")).getText().contains("市交通运输局"));
        signOut();

        // The liaison officer resolves it.
        browser.login("liaison.cd");
        browser.go("/problem.xhtml?id=" + id);
        browser.waitFor(By.id("act:resolutionText")).sendKeys("已开通绿色通道");
        browser.driver.findElement(By.id("act:resolve")).click();
        browser.waitForText(By.id("status"), "已办结待确认");
        signOut();

        // The firm confirms; the timeline tells the story.
        browser.login(manager);
        browser.go("/notifications.xhtml");
        assertTrue(browser.text().contains("#" + id), "the firm was told: " + browser.text());
        browser.go("/problem.xhtml?id=" + id);
        browser.waitFor(By.id("act:confirm")).click();
        browser.waitForText(By.id("status"), "已确认");
        String timeline = browser.driver.findElement(By.id("timeline")).getText();
        for (String step : new String[]{"提出", "受理", "已联系交通部门", "上报", "交办部门", "办结", "确认解决"}) {
            assertTrue(timeline.contains(step), step + " missing in " + timeline);
        }
        browser.screenshot("problem-confirmed");
        signOut();
    }

    /** Picks an option of a PrimeFaces selectOneMenu through its widget (its animated panel defeats plain clicks). */
    static void choose(String menuId, String widgetVar, String value, String shownLabel) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("PF(arguments[0]).selectValue(arguments[1])", widgetVar, value);
        browser.waitForText(By.id(menuId + "_label"), shownLabel);
    }

    static void signOut() {
        browser.driver.findElement(By.id("top:logout")).click();
        browser.waitFor(By.id("login:username"));
    }
}
