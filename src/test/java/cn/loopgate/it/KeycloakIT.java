package cn.loopgate.it;

import cn.loopgate.devserver.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loopgate with a real Keycloak (the server distribution from Maven Central, unpacked into target/
 * by the build) on 127.0.0.1, importing docker/keycloak/loopgate-realm.json, and a dedicated portal
 * configured for OpenID Connect: a browser signs in through Keycloak's form, an API client uses a
 * password-grant token, and signing out ends the Keycloak session too.
 */
class KeycloakIT {

    static final String CLIENT = "loopgate-portal";
    static final String SECRET = "loopgate-dev-secret";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Process keycloak;
    static Portal portal;
    static String issuer;
    static int kcPort;

    @BeforeAll
    static void start() throws Exception {
        kcPort = Ports.free();
        int portalPort = Ports.free();
        while (portalPort == kcPort) {
            portalPort = Ports.free();
        }
        issuer = "http://127.0.0.1:" + kcPort + "/realms/loopgate";
        keycloak = startKeycloak(kcPort, "http://127.0.0.1:" + portalPort);
        // One after the other: both starting at once on a small machine can push the portal past its start timeout.
        awaitKeycloak(Duration.ofMinutes(5));
        portal = Portal.start(Map.of("LOOPGATE_PORT", String.valueOf(portalPort),
                "LOOPGATE_OIDC_ISSUER", issuer, "LOOPGATE_OIDC_CLIENT_ID", CLIENT, "LOOPGATE_OIDC_CLIENT_SECRET", SECRET,
                "LOOPGATE_HEAP", "512m"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (portal != null) {
            portal.stop();
        }
        if (keycloak != null) {
            keycloak.toHandle().descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            if (!keycloak.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                keycloak.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        }
    }

    @Test
    void managerSignsInThroughTheKeycloakFormLandsWithTheirFirmAndSigningOutEndsTheKeycloakSession() throws Exception {
        long firm = firmIdOf("91320583N5BGQH4P55");
        try (Browser browser = Browser.open(portal.baseUrl(), false)) {
            browser.go("/firm/profile.xhtml");
            browser.waitFor(By.id("kc-login"));
            assertTrue(browser.driver.getCurrentUrl().startsWith(issuer + "/protocol/openid-connect/auth"),
                    "sent to Keycloak: " + browser.driver.getCurrentUrl());
            browser.driver.findElement(By.id("username")).sendKeys("manager01");
            browser.driver.findElement(By.id("password")).sendKeys("loopgate123");
            browser.driver.findElement(By.id("kc-login")).click();
            browser.waitFor(By.id("top:menu"));
            assertTrue(browser.driver.getCurrentUrl().endsWith("/firm/profile.xhtml"), "back on the page asked for: "
                    + browser.driver.getCurrentUrl());
            browser.screenshot("keycloak-manager-profile");

            browser.go("/api/v1/me");
            JsonNode me = Api.JSON.readTree(browser.driver.findElement(By.tagName("body")).getText());
            assertEquals("manager01", me.get("username").asText());
            assertEquals("firm-manager", me.get("role").asText());
            assertEquals(firm, me.get("firmId").asLong());

            browser.go("/index.xhtml");
            browser.waitFor(By.id("top:logout")).click();
            browser.waitFor(By.id("sso"));
            assertTrue(browser.driver.getCurrentUrl().startsWith(portal.baseUrl() + "/login.xhtml"),
                    "back on the portal after Keycloak's logout: " + browser.driver.getCurrentUrl());
            assertFalse(browser.driver.getPageSource().contains("loopgate123"),
                    "with Keycloak on, the login page advertises no demo password (the realm owns passwords)");

            // Keycloak's session is gone too: the next visit shows its login form instead of signing in silently.
            browser.go("/index.xhtml");
            browser.waitFor(By.id("kc-login"));
            assertTrue(browser.driver.getCurrentUrl().startsWith(issuer), browser.driver.getCurrentUrl());
        }
    }

    @Test
    void apiCallersWithPasswordGrantTokensLandWithTheirRoleFirmAndParks() throws Exception {
        Api manager = bearer(token("manager02"));
        JsonNode me = manager.get("me").json();
        assertEquals("firm-manager", me.get("role").asText());
        long firm = firmIdOf("913205839Y83D8AAUK");
        assertEquals(firm, me.get("firmId").asLong());
        assertEquals(200, manager.get("firms/" + firm).status(), "their own firm");
        assertEquals(404, manager.get("firms/" + firmIdOf("91320583N5BGQH4P55")).status(), "another firm does not exist for them");
        assertEquals(403, manager.get("users").status());

        JsonNode liaison = bearer(token("liaison.cd")).get("me").json();
        assertEquals("liaison-officer", liaison.get("role").asText());
        Set<Long> parks = new HashSet<>();
        liaison.get("parkIds").forEach(p -> parks.add(p.asLong()));
        assertEquals(Set.of(parkIdOf("CD-ETZ"), parkIdOf("CD-HTP")), parks);

        Api analyst = bearer(token("analyst"));
        assertEquals("bureau-analyst", analyst.get("me").json().get("role").asText());
        assertEquals(200, analyst.get("audit").status());
    }

    /**
     * A machine client through the client-credentials grant (issue 18 item 7): the realm's {@code loopgate-hr-demo}
     * service account carries {@code loopgate_scope=FIRM} and a firm's credit code, so it lands as that firm's HR
     * system: its roster yes, anything off the FIRM allow-list or another firm's no, user management never. An
     * API credential issued in Loopgate works beside Keycloak too.
     */
    @Test
    void aServiceAccountWithAMachineScopeIsHeldToThatScope() throws Exception {
        String form = "grant_type=client_credentials&client_id=loopgate-hr-demo&client_secret=loopgate-dev-machine-secret";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Api hr = bearer(Api.JSON.readTree(r.body()).get("access_token").asText());
        long firm = firmIdOf("913205839Y83D8AAUK");
        JsonNode me = hr.get("me").json();
        assertEquals("firm-manager", me.get("role").asText(), me.toString());
        assertEquals(firm, me.get("firmId").asLong());
        assertEquals(200, hr.get("firms/" + firm + "/workers").status(), "on the FIRM allow-list");
        assertEquals(404, hr.get("firms/" + firmIdOf("91320583N5BGQH4P55") + "/workers").status(), "another firm");
        assertEquals(403, hr.get("firms/" + firm + "/plans").status(), "off the FIRM allow-list");
        assertEquals(403, hr.get("users").status(), "user management");
        assertEquals(403, hr.get("api-credentials").status(), "credential management");

        // Loopgate's own API credentials work with Keycloak on: issued by a Keycloak administrator.
        Api admin = bearer(token("admin"));
        String today = admin.get("test/clock").json().get("now").asText().substring(0, 10);
        Api.Res issued = admin.post("api-credentials", Api.obj().put("name", "HR").put("scope", "FIRM").put("firmId", firm)
                .put("expiresOn", java.time.LocalDate.parse(today).plusDays(3).toString()));
        assertEquals(201, issued.status(), issued.raw());
        Api machine = bearer(issued.json().get("secret").asText());
        assertEquals(200, machine.get("firms/" + firm + "/workers").status());
        assertEquals(403, machine.get("users").status());
    }

    @Test
    void forgedExpiredOrBuiltInCredentialsAreRefusedWhenKeycloakIsOn() throws Exception {
        String token = token("admin");
        assertEquals(200, bearer(token).get("me").status());
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"admin\"", "\"root\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Api.Res refused = bearer(forged).get("me");
        assertEquals(401, refused.status(), refused.raw());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, bearer("not-a-token").get("me").status());
        assertEquals(401, portal.api("admin").get("me").status(), "the built-in Basic login is off with Keycloak");
    }

    @Test
    void disablingAUserInKeycloakEndsTheirPortalSessionThroughBackChannelLogout() throws Exception {
        try (Browser browser = Browser.open(portal.baseUrl(), false)) {
            signIn(browser, "manager03");
            assertEquals("manager03", me(browser).get("username").asText());

            // The operator signs the user out in Keycloak's admin console (here: its admin API) and disables them.
            String admin = adminToken();
            String userId = userId(admin, "manager03");
            try {
                // Sign out first: disabling drops the user's Keycloak sessions without telling the clients.
                HttpResponse<String> signedOut = adminCall(admin, "POST", "/users/" + userId + "/logout", null);
                assertEquals(204, signedOut.statusCode(), signedOut.body());
                HttpResponse<String> disabled = adminCall(admin, "PUT", "/users/" + userId, "{\"enabled\":false}");
                assertEquals(204, disabled.statusCode(), disabled.body());

                // Keycloak posted a logout token to /oidc/backchannel-logout: the portal session is over at once.
                browser.go("/api/v1/me");
                assertTrue(browser.driver.findElement(By.tagName("body")).getText().contains("error.unauthenticated"),
                        "the browser's portal session ended: " + browser.driver.findElement(By.tagName("body")).getText());
                browser.go("/firm/profile.xhtml");
                browser.waitFor(By.id("kc-login"));
            } finally {
                adminCall(admin, "PUT", "/users/" + userId, "{\"enabled\":true}");
            }
        }
        // The moment is in the audit trail.
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from audit_entry where action = 'SIGNED_OUT_BY_PROVIDER'")) {
            ResultSet rs = s.executeQuery();
            rs.next();
            assertTrue(rs.getLong(1) >= 1, "back-channel logout audited");
        }
    }

    @Test
    void forgedOrMalformedLogoutTokensEndNoSession() throws Exception {
        try (Browser browser = Browser.open(portal.baseUrl(), false)) {
            signIn(browser, "manager02");
            // An ID token is signed by the realm too, but it is no logout token (nonce, no logout event).
            String idToken = Api.JSON.readTree(passwordGrant("manager02")).get("id_token").asText();
            for (String token : List.of(idToken, "not-a-token", forge(idToken))) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/oidc/backchannel-logout"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, r.statusCode(), r.body());
            }
            assertEquals("manager02", me(browser).get("username").asText(), "still signed in");
        }
    }

    // ---- helpers ----

    static void signIn(Browser browser, String username) {
        browser.go("/firm/profile.xhtml");
        browser.waitFor(By.id("kc-login"));
        browser.driver.findElement(By.id("username")).sendKeys(username);
        browser.driver.findElement(By.id("password")).sendKeys("loopgate123");
        browser.driver.findElement(By.id("kc-login")).click();
        browser.waitFor(By.id("top:menu"));
    }

    static JsonNode me(Browser browser) throws Exception {
        browser.go("/api/v1/me");
        return Api.JSON.readTree(browser.driver.findElement(By.tagName("body")).getText());
    }

    /** A token with its payload changed and the signature kept. */
    static String forge(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\"", "\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}},\"sub\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    static String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=kcadmin&password=kcadmin-" + kcPort;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kcPort
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Api.JSON.readTree(r.body()).get("access_token").asText();
    }

    static String userId(String admin, String username) throws Exception {
        HttpResponse<String> r = adminCall(admin, "GET", "/users?exact=true&username=" + username, null);
        assertEquals(200, r.statusCode(), r.body());
        return Api.JSON.readTree(r.body()).get(0).get("id").asText();
    }

    static HttpResponse<String> adminCall(String admin, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kcPort + "/admin/realms/loopgate" + path))
                .header("Authorization", "Bearer " + admin);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Api bearer(String token) {
        return Api.bearer(portal.baseUrl(), token);
    }

    /** A token for a realm user through the resource-owner password grant (direct access grants are on for tests). */
    static String token(String username) throws Exception {
        return Api.JSON.readTree(passwordGrant(username)).get("access_token").asText();
    }

    static String passwordGrant(String username) throws Exception {
        String form = "grant_type=password&scope=openid&client_id=" + CLIENT + "&client_secret=" + SECRET
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=loopgate123";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static long firmIdOf(String creditCode) throws Exception {
        return idOf("select id from firm where credit_code = ?", creditCode);
    }

    static long parkIdOf(String code) throws Exception {
        return idOf("select id from park where code = ?", code);
    }

    private static long idOf(String sql, String key) throws Exception {
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            ResultSet rs = s.executeQuery();
            assertTrue(rs.next(), "demo data has " + key);
            return rs.getLong(1);
        }
    }

    /** kc.sh start-dev with an in-memory database, importing the realm with this run's portal as a redirect URI. */
    static Process startKeycloak(int port, String portalUrl) throws Exception {
        Path home = Path.of(System.getProperty("loopgate.keycloak.home", "target/keycloak/keycloak-26.4.7"));
        Path realmFile = Path.of(System.getProperty("loopgate.keycloak.realm", "docker/keycloak/loopgate-realm.json"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak in " + home + ": run through Maven (mvn verify unpacks it)");
        }
        ObjectNode realm = (ObjectNode) Api.JSON.readTree(realmFile.toFile());
        for (JsonNode client : realm.get("clients")) {
            ((ArrayNode) client.get("redirectUris")).add(portalUrl + "/*");
            ((ObjectNode) client.get("attributes")).put("backchannel.logout.url", portalUrl + "/oidc/backchannel-logout");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(imports.resolve("loopgate-realm.json"), Api.JSON.writeValueAsString(realm));
        Path log = Path.of(System.getProperty("loopgate.work", "target/it")).resolve("keycloak-" + port + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://127.0.0.1:" + port,
                "--db=dev-mem", "--import-realm", "--http-management-port=" + Ports.free()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "kcadmin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "kcadmin-" + port);
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return pb.start();
    }

    static void awaitKeycloak(Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + keycloak.exitValue() + "; see target/it/keycloak-*.log");
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout);
    }
}
