package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Keep me signed in on this device" through a cookie-keeping client: a phone whose session ended comes back
 * signed in without its password, the cookie changes with every use (the one just replaced still works for a few
 * seconds: two tabs restored at once), a copied cookie used after the phone moved on revokes all the person's
 * devices (audited), and revoking, a password change and disabling end it.
 */
class RememberMeIT {

    static final String REMEMBER = "LOOPGATE_REMEMBER";
    static final String SESSION = "LOOPGATE_SESSION";
    static Portal portal;
    static Api admin;
    static String base;

    @BeforeAll
    static void boot() {
        portal = Portal.get();
        admin = portal.api("admin");
        base = portal.baseUrl();
    }

    @Test
    void aRememberedPhoneComesBackWithoutItsPasswordAndACopiedCookieRevokesEverything() throws Exception {
        String user = TestData.newUser(admin, "ANALYST", null);
        long userId = userId(user);

        WebSession plain = new WebSession();
        assertTrue(plain.login(base, user, TestData.PASSWORD));
        assertNull(plain.cookie(REMEMBER), "nothing remembered unless the box is ticked");

        WebSession phone = new WebSession();
        assertTrue(phone.login(base, user, TestData.PASSWORD, true));
        String first = phone.cookie(REMEMBER);
        assertNotNull(first);
        String selector = first.substring(0, first.indexOf('.'));
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from remembered_device where validator_hash like ?",
                "%" + first.substring(first.indexOf('.') + 1) + "%"), "only a hash of the secret is stored");

        // The session ends (browser closed, timeout): the next page signs the person in by the cookie.
        phone.dropCookie(SESSION);
        HttpResponse<String> home = phone.get(base + "/index.xhtml");
        assertEquals(200, home.statusCode(), "signed in without a password, not sent to the login page");
        String second = phone.cookie(REMEMBER);
        assertNotEquals(first, second, "the validator was replaced");
        assertTrue(second.startsWith(selector + "."), "same device, same selector");
        assertEquals(user, me(phone).path("username").asText());
        assertTrue(actions(userId).contains("LOGIN_REMEMBERED"));

        JsonNode devices = json(phone.send(request("/api/v1/me/devices", "GET")));
        assertEquals(1, devices.size());
        assertTrue(devices.get(0).path("current").asBoolean());
        assertFalse(devices.get(0).path("device").asText().isBlank());

        // A second tab restored at the same moment still sends the cookie just replaced: signed in, nothing revoked.
        WebSession tab = new WebSession();
        tab.putCookie(base, REMEMBER, first);
        assertEquals(200, tab.get(base + "/index.xhtml").statusCode(), "the validator replaced moments ago is still accepted");
        assertFalse(actions(userId).contains("REMEMBER_ME_REPLAYED"));

        // The phone's session ends again: the cookie moves on once more.
        phone.dropCookie(SESSION);
        assertEquals(200, phone.get(base + "/index.xhtml").statusCode());
        assertNotEquals(second, phone.cookie(REMEMBER));

        // A thief replays the first cookie, now two uses old: nobody is signed in and every device is forgotten.
        WebSession thief = new WebSession();
        thief.putCookie(base, REMEMBER, first);
        HttpResponse<String> stolen = thief.get(base + "/index.xhtml");
        assertEquals(302, stolen.statusCode());
        assertTrue(stolen.headers().firstValue("Location").orElse("").contains("/login.xhtml"));
        assertTrue(actions(userId).contains("REMEMBER_ME_REPLAYED"));
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from remembered_device where user_id = ?", userId));
        phone.dropCookie(SESSION);
        assertEquals(302, phone.get(base + "/index.xhtml").statusCode(), "the phone must sign in again too");
    }

    @Test
    void devicesAreRevokedFromTheListAndByAPasswordChangeOrDisabling() throws Exception {
        String user = TestData.newUser(admin, "ANALYST", null);
        long userId = userId(user);
        Api self = portal.api(user);
        WebSession a = remembered(user);
        WebSession b = remembered(user);
        JsonNode list = self.get("me/devices").json();
        assertEquals(2, list.size());
        long bId = list.get(0).path("id").asLong();

        // Someone else's device is not found, and changes nothing.
        String other = TestData.newUser(admin, "ANALYST", null);
        assertEquals(404, portal.api(other).delete("me/devices/" + bId).status());
        assertEquals(2, self.get("me/devices").json().size());

        assertEquals(204, self.delete("me/devices/" + bId).status());
        assertTrue(actions(userId).contains("DEVICE_REVOKE"));
        List<WebSession> left = new ArrayList<>();
        for (WebSession s : List.of(a, b)) {
            s.dropCookie(SESSION);
            if (s.get(base + "/index.xhtml").statusCode() == 200) {
                left.add(s);
            }
        }
        assertEquals(1, left.size(), "exactly the revoked device is signed out");

        assertEquals(204, self.delete("me/devices").status());
        assertEquals(0, self.get("me/devices").json().size());
        assertTrue(actions(userId).contains("DEVICE_REVOKE_ALL"));

        // A password change ends them all.
        WebSession c = remembered(user);
        Api.Res changed = self.put("me/password", Api.obj().put("currentPassword", TestData.PASSWORD).put("newPassword", "Changed-pass-2026"));
        assertEquals(204, changed.status(), changed.raw());
        c.dropCookie(SESSION);
        assertEquals(302, c.get(base + "/index.xhtml").statusCode());

        // So does disabling the account.
        WebSession d = new WebSession();
        assertTrue(d.login(base, user, "Changed-pass-2026", true));
        assertEquals(200, admin.post("accounts/" + userId + "/disable", null).status());
        d.dropCookie(SESSION);
        assertEquals(302, d.get(base + "/index.xhtml").statusCode());
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from remembered_device where user_id = ?", userId));
    }

    @Test
    void signingOutOnADeviceForgetsIt() throws Exception {
        String user = TestData.newUser(admin, "ANALYST", null);
        WebSession phone = remembered(user);
        String page = phone.get(base + "/index.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("top", "top");
        form.put("jakarta.faces.ViewState", WebSession.viewState(page));
        form.put("primefaces.nonce", WebSession.nonce(page));
        HttpResponse<String> out = phone.postForm(base + "/index.xhtml", form, "top:logout", false);
        assertEquals(302, out.statusCode(), out.body());
        assertTrue(phone.cookie(REMEMBER) == null || phone.cookie(REMEMBER).isEmpty(), "the cookie is cleared");
        assertEquals(0, portal.api(user).get("me/devices").json().size());
    }

    private static WebSession remembered(String user) throws Exception {
        WebSession s = new WebSession();
        assertTrue(s.login(base, user, TestData.PASSWORD, true));
        assertNotNull(s.cookie(REMEMBER));
        return s;
    }

    private static HttpRequest request(String path, String method) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private static JsonNode me(WebSession s) throws Exception {
        return json(s.send(request("/api/v1/me", "GET")));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return Api.JSON.readTree(r.body());
    }

    private static long userId(String username) {
        for (JsonNode u : admin.get("users").json()) {
            if (u.path("username").asText().equals(username)) {
                return u.path("id").asLong();
            }
        }
        throw new IllegalStateException("no user " + username);
    }

    private static List<String> actions(long userId) {
        List<String> actions = new ArrayList<>();
        admin.get("audit/User/" + userId).json().forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }
}
