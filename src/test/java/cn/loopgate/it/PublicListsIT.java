package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public keys and the revocation list come from each node's copy in memory, with an ETag (304 on
 * If-None-Match); a revocation or rotation on this node shows in the very next answer, and a change made
 * elsewhere (another node, a script) within about a second, through the database's version counter.
 */
class PublicListsIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void boot() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    @Test
    void keysAnswer304ToTheirETagAndARotationShowsAtOnce() throws Exception {
        HttpResponse<String> first = get("keys", null);
        assertEquals(200, first.statusCode(), first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("max-age="));
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(first.body(), get("keys", null).body(), "the same bytes until something changes");

        HttpResponse<String> again = get("keys", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElse(""));
        assertEquals(304, get("keys", "\"other\", " + etag).statusCode());
        assertEquals(200, get("keys", "\"other\"").statusCode());

        Api.Res rotated = admin.post("permits/signing-keys/rotate", Api.obj());
        assertEquals(200, rotated.status(), rotated.raw());
        String newKey = rotated.json().get("keyId").asText();
        HttpResponse<String> after = get("keys", etag);
        assertEquals(200, after.statusCode(), "the old copy is no longer current");
        assertTrue(after.body().contains(newKey), after.body());
        assertNotEquals(etag, after.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void aRevocationIsInTheListAtOnceAndAChangeFromElsewhereWithinASecond() throws Exception {
        long parkId = TestData.parkId(admin, "CD-ETZ");
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        String liaison = TestData.newUser(admin, "LIAISON", null, parkId);
        Instant t = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long a = PermitFixtures.insert(portal, PermitType.CARD, firm, "赵一", "110105199001011111", t.minus(1, ChronoUnit.HOURS), t.plus(10, ChronoUnit.DAYS));
        long b = PermitFixtures.insert(portal, PermitType.CARD, firm, "钱二", "110105199001012222", t.minus(1, ChronoUnit.HOURS), t.plus(10, ChronoUnit.DAYS));

        HttpResponse<String> before = get("revocations", null);
        assertEquals(200, before.statusCode(), before.body());
        assertTrue(before.headers().firstValue("Cache-Control").orElse("").contains("max-age=300"));
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertFalse(revoked(before).contains("," + a + ","));
        assertEquals(304, get("revocations", etag).statusCode());

        Api.Res r = portal.api(liaison).post("permits/" + a + "/revoke", Api.obj().put("reason", "员工离职"));
        assertEquals(200, r.status(), r.raw());
        HttpResponse<String> after = get("revocations", etag);
        assertEquals(200, after.statusCode(), "a revocation on this node shows in the very next answer");
        assertTrue(revoked(after).contains("," + a + ","), after.body());
        String etag2 = after.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, etag2);
        assertEquals(304, get("revocations", etag2).statusCode());

        // Another node (here: plain SQL behind this node's back) revokes b: the database's counter brings it here.
        PermitFixtures.sql(portal, "update permit set status = 'REVOKED', revoked_at = now(), revoke_reason = 'it' where id = ?", b);
        String seen = PermitFixtures.eventually(() -> {
            try {
                return revoked(get("revocations", null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, s -> s.contains("," + b + ","), Duration.ofSeconds(5));
        assertTrue(seen.contains("," + b + ","), seen);
    }

    /** The revoked ids as ",1,2,3," for exact matching. */
    private static String revoked(HttpResponse<String> r) throws Exception {
        StringBuilder ids = new StringBuilder(",");
        Api.JSON.readTree(r.body()).get("revoked").forEach(n -> ids.append(n.asLong()).append(','));
        return ids.toString();
    }

    private static HttpResponse<String> get(String list, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/api/v1/public/permits/" + list))
                .timeout(Duration.ofSeconds(30));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
