package cn.loopgate.it;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, both by explicit path
 * (nothing is downloaded). Phone-sized when asked.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("loopgate.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("loopgate.chromedriver", "/usr/bin/chromedriver");

    public final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    public static Browser open(String base, boolean phone) throws IOException {
        return open(base, phone, new String[0]);
    }

    /** With extra Chromium switches (e.g. a fake camera playing a file, GateCameraBrowserIT). */
    public static Browser open(String base, boolean phone, String... extraArguments) throws IOException {
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory("loopgate-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile,
                phone ? "--window-size=390,844" : "--window-size=1366,900");
        options.addArguments(extraArguments);
        // downloads land in the profile's folder without asking (tests read the printed PDFs)
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
        // The console is kept so tests can look for scripts the Content-Security-Policy refused.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base, profile);
    }

    /**
     * The next finished download with this suffix (waits up to a minute); removed from the folder once read.
     * Chromium writes into a {@code .crdownload} file and puts an empty placeholder under the final name
     * meanwhile (a CI run read that placeholder: 0 bytes), so a download counts as finished when no
     * {@code .crdownload} is left and the file is not empty.
     */
    public byte[] download(String suffix) throws IOException, InterruptedException {
        Path dir = profile.resolve("downloads");
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    List<Path> all = files.toList();
                    boolean writing = all.stream().anyMatch(f -> f.toString().endsWith(".crdownload"));
                    Path done = writing ? null : all.stream().filter(f -> f.toString().endsWith(suffix) && size(f) > 0)
                            .findFirst().orElse(null);
                    if (done != null) {
                        byte[] data = Files.readAllBytes(done);
                        Files.delete(done);
                        return data;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + suffix + " downloaded into " + dir);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The browser console's lines since the last call (errors, CSP refusals, script failures). */
    public List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Emulates a phone's viewport exactly (a headless window cannot be narrower than 500 px). */
    public void viewport(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 768));
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public void login(String user) {
        go("/login.xhtml");
        driver.findElement(By.id("login:username")).sendKeys(user);
        driver.findElement(By.id("login:password")).sendKeys("loopgate123");
        driver.findElement(By.id("login:submit")).click();
        // present, not visible: on a phone the menu is folded behind its button
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("top:menu")));
    }

    public WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            evidence("timeout-" + by.toString().replaceAll("[^A-Za-z0-9]+", "_"));
            throw e;
        }
    }

    /** Waits until the element is gone or hidden (a dialog closed after its save), at most 20 s. */
    public void waitGone(By by) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            evidence("still-shown-" + by.toString().replaceAll("[^A-Za-z0-9]+", "_"));
            throw e;
        }
    }

    /**
     * Picks an option of a PrimeFaces selectOneMenu as a person does (open it, tap the option) and waits until the
     * menu shows it and its panel has closed; a tap swallowed by the panel's animation is tried again, so a test
     * never goes on with the menu still empty. {@code nth} counts the options from 1, the empty choice included.
     */
    public String pick(String menuId, int nth) {
        return pick(menuId, items -> items.get(nth - 1));
    }

    /** {@link #pick(String, int)} by the option's label. */
    public void pick(String menuId, String label) {
        pick(menuId, items -> items.stream().filter(li -> label.equals(li.getAttribute("data-label"))).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + label + " in " + menuId)));
    }

    private String pick(String menuId, java.util.function.Function<List<WebElement>, WebElement> option) {
        String css = "#" + menuId.replace(":", "\\:");
        for (int attempt = 1; ; attempt++) {
            String label;
            try {
                driver.findElement(By.cssSelector(css)).click();
                waitFor(By.cssSelector(css + "_panel"));
                WebElement item = option.apply(driver.findElements(By.cssSelector(css + "_items li")));
                label = item.getAttribute("data-label");
                // The panel slides open: an option tapped before it is in place is "not interactable".
                new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(item)).click();
            } catch (org.openqa.selenium.ElementNotInteractableException | org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    evidence("pick-" + menuId.replaceAll("[^A-Za-z0-9]+", "_"));
                    throw e;
                }
                driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
                continue;
            }
            try {
                new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> label.equals(d.findElement(By.cssSelector(css + "_label")).getText().trim())
                        && !d.findElement(By.cssSelector(css + "_panel")).isDisplayed());
                return label;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    evidence("pick-" + menuId.replaceAll("[^A-Za-z0-9]+", "_"));
                    throw e;
                }
            }
        }
    }

    public void waitForText(By by, String text) {
        try {
            // Found afresh on each poll; an element replaced by a navigation or an AJAX update while it is read
            // (Chromium 156 also reports that as "Node ... does not belong to the document") is read again.
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                try {
                    return d.findElement(by).getText().contains(text);
                } catch (org.openqa.selenium.WebDriverException e) {
                    return false;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            evidence("timeout-text-" + by.toString().replaceAll("[^A-Za-z0-9]+", "_"));
            // What the page said instead: CI keeps the build log, not the screenshots.
            String body;
            try {
                body = text();
            } catch (org.openqa.selenium.WebDriverException unreadable) {
                body = "(unreadable: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError("waited 20 s for \"" + text + "\" in " + by + " at " + driver.getCurrentUrl()
                    + "; the page read: " + (body.length() > 1500 ? body.substring(0, 1500) + "…" : body), e);
        }
    }

    /** A screenshot and the page source under target/screenshots, for the person reading a failure. */
    public void evidence(String name) {
        screenshot(name);
        try {
            Files.writeString(Path.of("target/screenshots", name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("page source not saved: " + e.getMessage());
        }
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves a screenshot under target/screenshots for a person to look at. */
    public void screenshot(String name) {
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
