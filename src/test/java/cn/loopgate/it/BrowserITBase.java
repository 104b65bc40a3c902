package cn.loopgate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A browser test on the shared portal: one headless Chromium per test class, closed afterwards. */
abstract class BrowserITBase {

    static Portal portal;
    static Browser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        portal = Portal.get();
        browser = Browser.open(portal.baseUrl(), false);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
