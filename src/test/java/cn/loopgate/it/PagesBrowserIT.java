package cn.loopgate.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of every role on a 390×844 phone (issue 17): nothing scrolls sideways, no ISO instant, no
 * enum code and no missing-key marker in the visible text, and axe-core finds no serious or critical
 * accessibility violation. One sign-in per role; all findings are collected and reported together.
 */
class PagesBrowserIT {

    static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("manager01", List.of("/index.xhtml", "/firm/profile.xhtml", "/firm/plan.xhtml", "/firm/reports.xhtml",
                "/firm/roster.xhtml", "/firm/import.xhtml", "/firm/cards.xhtml", "/firm/passes.xhtml", "/firm/problems.xhtml",
                "/notifications.xhtml", "/api-credentials.xhtml", "/health-import.xhtml"));
        PAGES.put("liaison.cd", List.of("/index.xhtml", "/liaison/board.xhtml", "/liaison/plans.xhtml", "/liaison/cards.xhtml",
                "/liaison/passes.xhtml", "/liaison/problems.xhtml", "/liaison/dashboard.xhtml", "/firm-import.xhtml", "/notifications.xhtml",
                "/registrations.xhtml", "/liaisons.xhtml", "/health-import.xhtml"));
        PAGES.put("analyst", List.of("/index.xhtml", "/bureau/dashboard.xhtml", "/bureau/firms.xhtml?list=MISSING",
                "/bureau/problems.xhtml", "/audit.xhtml", "/notifications.xhtml"));
        PAGES.put("admin", List.of("/index.xhtml", "/admin/districts.xhtml", "/admin/parks.xhtml", "/admin/firms.xhtml",
                "/admin/users.xhtml", "/firm-import.xhtml", "/audit.xhtml", "/notifications.xhtml", "/api-credentials.xhtml",
                "/registrations.xhtml"));
        PAGES.put("guard", List.of("/index.xhtml", "/gate/verify.xhtml", "/notifications.xhtml"));
    }

    /**
     * An instant as the system would write it (a real date and time). Text that users typed is shown as typed: the
     * hostile-input tests that run before this one store values such as "2026-13-01T25:61:00Z", which are not dates.
     */
    static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d");
    static final Pattern WORD = Pattern.compile("\\b[A-Za-z_]{4,}\\b");
    /** Audited entity types, which the audit trail stores as class names. */
    static final Set<String> ENTITY_TYPES = Set.of("ResumptionPlan", "DailyReport", "CardBatch", "VehiclePass", "RosterImport", "FirmImport",
            "SigningKey", "PlanVersion", "CardBatchItem", "FirmRegistration");

    /**
     * Findings left to the dashboard rework under way on another branch (its filters lack labels, its charts
     * a text alternative): listed by page and rule so that nothing else, and nothing new, passes.
     */
    static final Map<String, Set<String>> KNOWN = Map.of(
            "/bureau/dashboard.xhtml", Set.of("select-name", "role-img-alt"),
            "/liaison/dashboard.xhtml", Set.of("select-name", "role-img-alt"));

    static Portal portal;
    static String axe;
    static Set<String> codes;

    @BeforeAll
    static void start() throws IOException {
        portal = Portal.get();
        try (InputStream in = PagesBrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        codes = enumCodes();
    }

    /** Every code the bundles translate ("planStatus.APPROVED" gives APPROVED), plus role and action codes. */
    static Set<String> enumCodes() {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages");
        Set<String> found = new TreeSet<>();
        for (String key : Collections.list(bundle.getKeys())) {
            String code = key.substring(key.lastIndexOf('.') + 1);
            if (code.length() >= 4 && code.matches("[A-Z][A-Z_]+")) {
                found.add(code);
            }
        }
        found.addAll(ENTITY_TYPES);
        return found;
    }

    @Test
    void everyPageOfEveryRoleFitsAPhoneReadsAsWordsAndPassesAxe() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<String>> role : PAGES.entrySet()) {
            try (Browser b = Browser.open(portal.baseUrl(), true)) {
                b.login(role.getKey());
                b.viewport(390, 844);
                for (String page : role.getValue()) {
                    b.go(page);
                    String where = role.getKey() + " " + page + ": ";
                    try {
                        new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
                    } catch (org.openqa.selenium.TimeoutException e) {
                        b.evidence("no-main-" + role.getKey() + page.replaceAll("[^A-Za-z0-9]+", "_"));
                        throw new AssertionError(where + "no <main> (an error page?): " + b.text(), e);
                    }
                    Set<String> known = KNOWN.getOrDefault(page, Set.of());
                    check(b, where).stream().filter(f -> known.stream().noneMatch(rule -> f.contains(" " + rule + " x")))
                            .forEach(problems::add);
                    b.screenshot("pages-" + role.getKey() + page.replaceAll("\\W+", "-"));
                    checked++;
                }
            }
        }
        System.out.println("PagesBrowserIT: " + checked + " pages checked, " + problems.size() + " findings");
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static List<String> check(Browser b, String where) {
        List<String> found = new ArrayList<>();
        JavascriptExecutor js = (JavascriptExecutor) b.driver;
        long scrollWidth = ((Number) js.executeScript("return document.scrollingElement.scrollWidth")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
        if (scrollWidth > innerWidth) {
            Object wide = js.executeScript("""
                    const w = window.innerWidth; const out = [];
                    for (const e of document.querySelectorAll('body *')) {
                      const r = e.getBoundingClientRect();
                      if (r.right > w + 1 && r.width > 0 && out.length < 3) out.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right));
                    }
                    return out.join(' | ');""");
            found.add(where + "scrolls sideways: " + scrollWidth + " > " + innerWidth + " (" + wide + ")");
        }
        String text = b.text();
        Matcher iso = ISO_INSTANT.matcher(text);
        if (iso.find()) {
            found.add(where + "ISO instant in the text: " + text.substring(iso.start(), Math.min(text.length(), iso.end() + 12)));
        }
        if (text.contains("???")) {
            found.add(where + "missing message key (???key???)");
        }
        Matcher w = WORD.matcher(text);
        Set<String> leaked = new TreeSet<>();
        while (w.find()) {
            if (codes.contains(w.group())) {
                leaked.add(w.group());
            }
        }
        if (!leaked.isEmpty()) {
            found.add(where + "codes in the text: " + leaked);
        }
        js.executeScript(axe);
        Object violations = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ' x' + v.nodes.length + ' [' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') + ']')))
                  .catch(e => done(['axe failed: ' + e]));""");
        for (Object v : (List<?>) violations) {
            found.add(where + "axe " + v);
        }
        return found;
    }
}
