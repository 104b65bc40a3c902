package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API credentials (issue 18 item 7) on the shared portal: issued by an administrator (any scope) and by a firm's
 * manager (own firm, scope FIRM only); a FIRM secret reaches its firm's roster and nothing outside the allow-list;
 * a GATE secret scans at the gates of its parks; expired and revoked secrets get 401; the secret is never listed or
 * logged; the last use is recorded and the first use audited.
 */
class ApiCredentialsIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;
    static long firm;
    static long otherFirm;
    static long park;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        firm = TestData.newFirm(admin, "CD-ETZ", true, 120);
        otherFirm = TestData.newFirm(admin, "BJ-IND", true, 120);
        park = TestData.parkId(admin, "CD-ETZ");
    }

    static ObjectNode body(String name, String scope, Long firmId, LocalDate expiresOn, long... parks) {
        ObjectNode o = Api.obj().put("name", name).put("scope", scope).put("expiresOn", expiresOn.toString());
        if (firmId != null) {
            o.put("firmId", firmId);
        }
        if (parks.length > 0) {
            var a = o.putArray("parkIds");
            for (long p : parks) {
                a.add(p);
            }
        }
        return o;
    }

    static LocalDate today() {
        return LocalDate.ofInstant(Instant.parse(admin.get("test/clock").json().get("now").asText()), SHANGHAI);
    }

    static Api.Res issue(Api by, ObjectNode body) {
        return by.post("api-credentials", body);
    }

    static Api machine(String secret) {
        return Api.bearer(portal.baseUrl(), secret);
    }

    static JsonNode listed(Api by, long id) {
        for (JsonNode c : by.get("api-credentials").json()) {
            if (c.get("id").asLong() == id) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aFirmCredentialReachesItsRosterAndNothingElse() throws Exception {
        Api.Res issued = issue(admin, body("HR system", "FIRM", firm, today().plusDays(30)));
        assertEquals(201, issued.status(), issued.raw());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(null));
        String secret = issued.json().get("secret").asText();
        long id = issued.json().get("credential").get("id").asLong();
        assertTrue(secret.matches("lgk_[A-Za-z0-9_-]{43}"), secret);

        Api hr = machine(secret);
        Api.Res me = hr.get("me");
        assertEquals(200, me.status(), me.raw());
        assertEquals("firm-manager", me.json().get("role").asText());
        assertEquals(firm, me.json().get("firmId").asLong());
        assertEquals(200, hr.get("firms/" + firm + "/workers").status());
        assertEquals(404, hr.get("firms/" + otherFirm + "/workers").status(), "another firm is outside its scope");
        assertEquals(403, hr.get("users").status());
        assertEquals(403, hr.get("api-credentials").status(), "no credential management");
        assertEquals(403, hr.post("api-credentials", body("more", "FIRM", firm, today().plusDays(3))).status());
        assertEquals(403, hr.get("firms/" + firm + "/plans").status(), "plans are not on the FIRM allow-list");
        assertEquals(403, hr.get("audit").status());
        Api.Res refused = hr.put("me/password", Api.obj());
        assertEquals(403, refused.status());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), refused.raw());
        // Pages: never, even the firm's own.
        for (String page : new String[] {"/index.xhtml", "/firm/roster.xhtml", "/api-credentials.xhtml"}) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + page))
                    .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), page);
        }

        // Listed without the secret, with its first characters; the last use arrives within seconds.
        String list = admin.get("api-credentials").raw();
        assertFalse(list.contains(secret), "the secret is never listed");
        assertFalse(list.contains(secret.substring(12)), "nor any part beyond the shown prefix");
        JsonNode row = listed(admin, id);
        assertEquals(secret.substring(0, 12), row.get("shown").asText());
        assertEquals("ACTIVE", row.get("status").asText());
        assertEquals("admin", row.get("createdBy").asText());
        JsonNode used = row;
        for (int i = 0; i < 50 && used.get("lastUsedAt").isNull(); i++) {
            Thread.sleep(200);
            used = listed(admin, id);
        }
        assertFalse(used.get("lastUsedAt").isNull(), "last use recorded");

        JsonNode audit = admin.get("audit?objectType=ApiCredential&objectId=" + id).json();
        String actions = audit.get("items").toString();
        assertTrue(actions.contains("\"ISSUE\""), actions);
        for (int i = 0; i < 50 && !actions.contains("\"FIRST_USE\""); i++) {
            Thread.sleep(200);
            actions = admin.get("audit?objectType=ApiCredential&objectId=" + id).json().get("items").toString();
        }
        assertTrue(actions.contains("\"FIRST_USE\""), actions);
        assertFalse(actions.contains(secret), "no secret in the audit trail");
        assertEquals(1, actions.split("\"FIRST_USE\"", -1).length - 1, "the first use only, not every use");

        // Revoked: 401 at once, with problem+json; revoking again is a conflict.
        assertEquals(200, admin.post("api-credentials/" + id + "/revoke", Api.obj()).status());
        Api.Res gone = hr.get("firms/" + firm + "/workers");
        assertEquals(401, gone.status(), gone.raw());
        assertTrue(gone.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), gone.raw());
        assertEquals(409, admin.post("api-credentials/" + id + "/revoke", Api.obj()).status());
        assertEquals("REVOKED", listed(admin, id).get("status").asText());
        assertTrue(admin.get("audit?objectType=ApiCredential&objectId=" + id).json().get("items").toString().contains("\"REVOKE\""));

        assertEquals(401, machine(secret.substring(0, 46) + (secret.endsWith("A") ? "B" : "A")).get("me").status(), "a wrong secret");
        assertEquals(401, machine("lgk_short").get("me").status());

        // The secret never reaches the server's log.
        String log = Files.readString(portal.server.log(), StandardCharsets.UTF_8);
        assertFalse(log.contains(secret.substring(12)), "secret in the log");
    }

    @Test
    void aGateCredentialScansAtTheGatesOfItsParks() {
        long gate = TestData.gate(admin, "CD-ETZ", "API east gate");
        long foreignGate = TestData.gate(admin, "BJ-IND", "API north gate");
        Api.Res issued = issue(admin, body("East gate scanner", "GATE", null, today().plusDays(30), park));
        assertEquals(201, issued.status(), issued.raw());
        Api scanner = machine(issued.json().get("secret").asText());
        Api.Res scan = scanner.post("gate/verify", Api.obj().put("gateId", gate).put("content", "not a permit").put("temperature", 36.6));
        assertEquals(200, scan.status(), scan.raw());
        assertEquals("FORGED", scan.json().get("result").asText(), scan.raw());
        assertEquals(400, scanner.post("gate/verify", Api.obj().put("gateId", foreignGate).put("content", "not a permit")).status(),
                "a gate of another park is not its gate");
        assertEquals(200, scanner.get("public/permits/keys").status());
        assertEquals(403, scanner.get("firms/" + firm + "/workers").status());
        assertEquals(403, scanner.get("gate-scans").status());
        assertEquals(403, scanner.get("gates").status());
    }

    @Test
    void aParkCredentialOnlyReads() {
        Api.Res issued = issue(admin, body("Park screen", "PARK", null, today().plusDays(10), park));
        assertEquals(201, issued.status(), issued.raw());
        Api screen = machine(issued.json().get("secret").asText());
        assertEquals(200, screen.get("dashboard/figures?parkId=" + park).status());
        assertEquals(200, screen.get("plans/queue").status());
        assertEquals(403, screen.post("board/remind?parkId=" + park, Api.obj()).status());
        assertEquals(403, screen.get("firms/" + firm + "/workers").status());
    }

    @Test
    void aManagerIssuesForTheirOwnFirmOnly() {
        String username = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(username);
        Api.Res own = issue(manager, body("Testing site", "FIRM", null, today().plusDays(7)));
        assertEquals(201, own.status(), own.raw());
        assertEquals(firm, own.json().get("credential").get("firmId").asLong());
        assertEquals(404, issue(manager, body("x", "FIRM", otherFirm, today().plusDays(7))).status(), "another firm");
        assertEquals(403, issue(manager, body("x", "PARK", null, today().plusDays(7), park)).status());
        assertEquals(403, issue(manager, body("x", "GATE", null, today().plusDays(7), park)).status());
        // Lists its firm's credentials only; cannot revoke another firm's.
        Api.Res foreign = issue(admin, body("Other HR", "FIRM", otherFirm, today().plusDays(7)));
        long foreignId = foreign.json().get("credential").get("id").asLong();
        for (JsonNode c : manager.get("api-credentials").json()) {
            assertEquals(firm, c.get("firmId").asLong());
        }
        assertEquals(404, manager.post("api-credentials/" + foreignId + "/revoke", Api.obj()).status());
        assertEquals("ACTIVE", listed(admin, foreignId).get("status").asText());
        // Other roles issue nothing.
        assertEquals(403, portal.api("liaison.cd").get("api-credentials").status());
        assertEquals(403, portal.api("guard").post("api-credentials", body("x", "GATE", null, today().plusDays(7), park)).status());
    }

    @Test
    void badInputIsRefusedWithTheField() {
        Api en = admin.english();
        Api.Res r = issue(en, Api.obj());
        assertEquals(400, r.status());
        assertTrue(r.errorFor("name") != null && r.errorFor("scope") != null && r.errorFor("expiresOn") != null, r.raw());
        r = issue(en, body("x", "FIRM", null, today().plusDays(400)));
        assertEquals(400, r.status());
        assertTrue(r.errorFor("expiresOn").contains("365"), r.raw());
        assertTrue(r.errorFor("firmId") != null, r.raw());
        r = issue(en, body("x", "FIRM", firm, today()));
        assertEquals("The expiry must be after today", r.errorFor("expiresOn"), r.raw());
        r = issue(en, body("x", "GATE", null, today().plusDays(3)));
        assertTrue(r.errorFor("parkIds") != null, r.raw());
    }

    @Test
    void anExpiredCredentialIsRefused() {
        Api.Res issued = issue(admin, body("Short lived", "FIRM", firm, today().plusDays(1)));
        assertEquals(201, issued.status(), issued.raw());
        long id = issued.json().get("credential").get("id").asLong();
        Api hr = machine(issued.json().get("secret").asText());
        assertEquals(200, hr.get("firms/" + firm + "/workers").status());
        try {
            Instant later = today().plusDays(2).atTime(9, 0).atZone(SHANGHAI).toInstant();
            assertEquals(200, admin.put("test/clock", Api.obj().put("now", later.toString())).status());
            Api.Res r = hr.get("firms/" + firm + "/workers");
            assertEquals(401, r.status(), r.raw());
            assertEquals("EXPIRED", listed(admin, id).get("status").asText());
        } finally {
            admin.delete("test/clock");
        }
    }
}
