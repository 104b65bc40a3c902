package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Web security basics on the shared portal: lock-out, headers, cookies, no stack traces, audit of changes. */
class SecurityIT {

    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheRightOneIsThenRefused() {
        String user = TestData.newUser(admin, "ANALYST", null);
        Api right = portal.api(user);
        Api wrong = Api.basic(portal.baseUrl(), user, "not-the-password");
        assertEquals(200, right.get("me").status(), "the account works");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, wrong.get("me").status());
        }
        assertEquals(401, right.get("me").status(), "locked: even the right password is refused");
        assertEquals(401, right.get("firms").status());
    }

    /**
     * An API client's first requests arrive together, before the portal remembers its credentials: each
     * checks the password and records the login. That bookkeeping once lost an optimistic lock on the user
     * row and the container answered an empty 500 (ApiFuzzIT with parallel requests). Failures at once all count.
     */
    @Test
    void concurrentFirstRequestsOfOneClientAllSucceedAndConcurrentFailuresAllCount() throws Exception {
        String user = TestData.newUser(admin, "ANALYST", null);
        Api right = portal.api(user);
        Api wrong = Api.basic(portal.baseUrl(), user, "not-the-password");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Callable<Integer>> first = java.util.Collections.nCopies(12, () -> right.get("me").status());
            for (var f : pool.invokeAll(first)) {
                assertEquals(200, f.get(), "every one of the first concurrent requests");
            }
            java.util.List<java.util.concurrent.Callable<Integer>> failures = java.util.Collections.nCopies(5, () -> wrong.get("me").status());
            for (var f : pool.invokeAll(failures)) {
                assertEquals(401, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(401, portal.api(user).get("me").status(), "five failures at once lock the account like five in a row");
    }

    @Test
    void disablingAUserOrChangingTheirRoleTakesEffectAtTheNextRequestDespiteTheCallerCache() {
        long park = TestData.parkId(admin, "CD-HTP");
        long firm = TestData.newFirm(admin, "CD-HTP", false, 10);
        String user = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api api = portal.api(user);
        assertEquals("firm-manager", api.get("me").json().get("role").asText(), "signed in, password remembered, caller cached");
        assertEquals(201, api.post("firms/" + firm + "/reports", report()).status(), "the firm's manager files");
        long id = idOf(user);

        assertEquals(200, admin.put("users/" + id, userBody(user, "LIAISON", null, park, true)).status());
        JsonNode me = api.get("me").json();
        assertEquals("liaison-officer", me.get("role").asText(), "the new role at once, not the cached one");
        assertEquals(403, api.post("firms/" + firm + "/reports", report()).status(), "no longer the firm's manager: may not file");

        assertEquals(200, admin.put("users/" + id, userBody(user, "LIAISON", null, park, false)).status());
        assertEquals(401, api.get("me").status(), "disabled: refused at once although the password is remembered");
    }

    @Test
    void manyFirstSignInsOfOneUserAtOnceAllSucceed() throws Exception {
        String user = TestData.newUser(admin, "ANALYST", null);
        Api api = portal.api(user);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> api.get("me").status()));
            }
            for (var a : answers) {
                assertEquals(200, a.get(), "a parallel first sign-in must not fail on the login bookkeeping");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode report() {
        return Api.obj().put("staffOnSite", 0).put("temperatureChecks", 0).put("feverCount", 0).put("symptomCount", 0)
                .put("positiveCount", 0).put("isolatedCount", 0).put("testsDone", 0).put("productionStatus", "STOPPED")
                .put("capacityPct", 0);
    }

    private static long idOf(String username) {
        for (JsonNode u : admin.get("users").json()) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asLong();
            }
        }
        throw new IllegalStateException("no user " + username);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode userBody(String username, String role, Long firm, long park, boolean enabled) {
        var body = Api.obj().put("username", username).put("displayName", "测试用户").put("role", role)
                .put("email", username + "@test.loopgate.cn").put("enabled", enabled);
        if (firm != null) {
            body.put("firmId", firm);
        }
        body.putArray("parkIds").add(park);
        return body;
    }

    @Test
    void pagesCarrySecurityHeadersAndTheSessionCookieIsHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        java.util.List<String> policies = r.headers().allValues("Content-Security-Policy");
        String csp = String.join(" | ", policies);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'") && csp.contains("form-action 'self'"), csp);
        // PrimeFaces' nonce mode adds a second policy: inline scripts run only with this response's nonce.
        assertTrue(policies.stream().anyMatch(p -> p.contains("script-src") && p.contains("'nonce-") && !p.contains("unsafe-inline")), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("LOOPGATE_SESSION=")).findFirst().orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase().contains("samesite=lax"), cookie);
        // The JSF view state is in the form: posts without it are refused (CSRF protection of pages).
        assertTrue(r.body().contains("jakarta.faces.ViewState"), "view state field present");
    }

    @Test
    void ajaxPostbacksAndTheirScriptsWorkUnderTheNonceOnlyScriptPolicy() throws Exception {
        long firm = TestData.newFirm(admin, "BJ-LOG", false, 40);
        String code = admin.get("firms/" + firm).json().get("creditCode").asText();
        try (Browser b = Browser.open(portal.baseUrl(), false)) {
            b.login("admin");
            b.go("/admin/firms.xhtml");
            b.waitFor(By.id("firms:table"));
            b.driver.findElement(By.id("firms:text")).sendKeys(code);
            b.driver.findElement(By.id("firms:search")).click();
            b.waitForText(By.id("firms:table"), "1-1 / 1");
            assertTrue(b.driver.findElement(By.id("firms:table")).getText().contains(code));
            // The dialog opens from an AJAX response's oncomplete script: blocked if the nonce did not carry over.
            b.driver.findElement(By.id("firms:new")).click();
            b.waitFor(By.id("edit:save"));
            b.screenshot("csp-nonce-dialog");
        }
    }

    @Test
    void errorsShowNoStackTraces() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/no-such-page.xhtml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(page.body().contains("at cn.loopgate") || page.body().contains("Exception"), page.body());
        Api.Res api = admin.postRaw("/api/v1/firms", "application/json", "[[[");
        assertEquals(400, api.status());
        assertFalse(api.raw().contains("Exception") || api.raw().contains("\tat "), api.raw());
    }

    static JsonNode json(JsonNode text) {
        try {
            return Api.JSON.readTree(text.asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static long newWorker(Api manager, long firm) {
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", TestData.FAKES.personName())
                .put("residentId", TestData.FAKES.residentId("320583")).put("phone", TestData.FAKES.mobile())
                .put("job", "操作工").put("joinedOn", "2020-01-02"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    @Test
    void everyChangeToAWorkerLeavesAnAuditRowWithActorRoleBeforeAndAfter() {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 30);
        long firm = manager.get("me").json().get("firmId").asLong();
        long worker = newWorker(manager, firm);
        Api.Res update = manager.put("firms/" + firm + "/workers/" + worker, Api.obj().put("name", "改名后").put("phone", TestData.FAKES.mobile())
                .put("job", "质检员").put("joinedOn", "2020-01-02"));
        assertEquals(200, update.status(), update.raw());
        assertEquals(200, manager.post("firms/" + firm + "/workers/" + worker + "/leave", Api.obj().put("reason", "合同到期")).status());

        JsonNode history = admin.get("audit/Worker/" + worker).json();
        assertEquals(3, history.size(), history.toString());
        assertEquals("CREATE", history.get(0).get("action").asText());
        assertEquals("UPDATE", history.get(1).get("action").asText());
        assertEquals("LEAVE", history.get(2).get("action").asText());
        assertEquals("合同到期", history.get(2).get("reason").asText());
        String username = manager.get("me").json().get("username").asText();
        history.forEach(e -> {
            assertEquals(username, e.get("actor").asText());
            assertEquals("FIRM_MANAGER", e.get("actorRole").asText());
        });
        assertEquals("操作工", json(history.get(1).get("before")).get("job").asText());
        assertEquals("质检员", json(history.get(1).get("after")).get("job").asText());
        assertFalse(history.get(0).get("after").asText().matches(".*\\d{17}[0-9X].*"), "no full resident ID in the trail");
        // The firm's manager sees the history on the firm's objects; another firm's manager sees nothing of it.
        assertEquals(3, manager.get("audit/Worker/" + worker).json().size());
        Api stranger = TestData.newManagedFirm(portal, "BJ-LOG", false, 30);
        assertEquals(0, stranger.get("audit/Worker/" + worker).json().size());
    }
}
