package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.devserver.PortalProcess;
import cn.loopgate.devserver.Ports;
import cn.loopgate.permit.KeyMaterial;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing keys across nodes of one database (its own database, not the shared portal): two nodes
 * starting together make one wrapped key; a revocation or rotation on one node shows on the other
 * at once; then a node with a key from configuration takes over and old prints still verify.
 */
class SigningKeyClusterIT {

    static Map<String, String> env(EmbeddedDatabase db, Path work, boolean demo) {
        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(db.portalEnvironment());
        env.put("LOOPGATE_DEMO_DATA", String.valueOf(demo));
        env.put("LOOPGATE_TEST_CLOCK_CONTROL", "true");
        env.put("LOOPGATE_COOKIE_SECURE", "false");
        env.put("LOOPGATE_HEAP", "512m");
        return env;
    }

    static PortalProcess node(Path work, String name, Map<String, String> env) {
        return new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve(name), Ports.free(), env, false, List.of());
    }

    static String verdict(Api guard, String qr) {
        Api.Res r = guard.post("gate/verify", Api.obj().put("gate", "东门").put("content", qr));
        assertEquals(200, r.status(), r.raw());
        return r.json().get("result").asText();
    }

    static String keyOf(String qr) throws PermitCodec.Malformed {
        return PermitCodec.keyIdText(PermitCodec.decode(qr).claims().keyId());
    }

    @Test
    void nodesShareOneKeyAndSeeEachOthersChangesThenAConfiguredKeyTakesOver() throws Exception {
        Path work = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("keys-" + Ports.free());
        byte[] kekBytes = new byte[32];
        new SecureRandom().nextBytes(kekBytes);
        String kek = Base64.getEncoder().encodeToString(kekBytes);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("postgres"), true)) {
            Map<String, String> envA = env(db, work, true);
            envA.put("LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY", kek);
            Map<String, String> envB = env(db, work, false);
            envB.put("LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY", kek);
            String oldQr;
            String firstKey;
            long firm;
            try (PortalProcess a = node(work, "a", envA); PortalProcess b = node(work, "b", envB)) {
                CompletableFuture<Void> startA = CompletableFuture.runAsync(() -> start(a));
                CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b));
                startA.join();
                startB.join();

                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    ResultSet rs = s.executeQuery("select key_id, wrapping, status, private_key from signing_key");
                    assertTrue(rs.next());
                    firstKey = rs.getString(1).strip();
                    assertEquals("AES-GCM", rs.getString(2), "wrapped with the key-encryption key");
                    assertEquals("ACTIVE", rs.getString(3));
                    byte[] stored = rs.getBytes(4);
                    assertFalse(startsWith(stored, new byte[]{0x30, 0x2e, 0x02, 0x01, 0x00}), "not a clear PKCS#8 key");
                    assertFalse(rs.next(), "two nodes starting together made one key");
                }

                Api adminA = Api.basic(a.baseUrl(), "admin", TestData.PASSWORD);
                firm = TestData.newFirm(adminA, "CD-ETZ", false, 10);
                String manager = TestData.newUser(adminA, "FIRM_MANAGER", firm);
                Instant now = Instant.parse(adminA.get("test/clock").json().get("now").asText());
                long p1 = PermitFixtures.insert(db.dataSource(), PermitType.CARD, firm, "周一", "110105199001016666",
                        now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
                long p2 = PermitFixtures.insert(db.dataSource(), PermitType.CARD, firm, "吴二", "110105199001017777",
                        now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
                String qrA = Api.basic(a.baseUrl(), manager, TestData.PASSWORD).get("permits/" + p1).json().get("qr").asText();
                Api managerB = Api.basic(b.baseUrl(), manager, TestData.PASSWORD);
                assertEquals(firstKey, keyOf(qrA));
                assertEquals(firstKey, keyOf(managerB.get("permits/" + p1).json().get("qr").asText()));
                Api guardB = Api.basic(b.baseUrl(), "guard", TestData.PASSWORD);
                assertEquals("VALID", verdict(guardB, qrA));

                Api.Res revoked = Api.basic(a.baseUrl(), "liaison.cd", TestData.PASSWORD)
                        .post("permits/" + p1 + "/revoke", Api.obj().put("reason", "另一节点吊销"));
                assertEquals(200, revoked.status(), revoked.raw());
                assertEquals("REVOKED", verdict(guardB, qrA), "a revocation on node A shows on node B at the next scan");

                oldQr = managerB.get("permits/" + p2).json().get("qr").asText();
                Api.Res rotated = adminA.post("permits/signing-keys/rotate", Api.obj());
                assertEquals(200, rotated.status(), rotated.raw());
                String second = rotated.json().get("keyId").asText();
                assertEquals(second, keyOf(managerB.get("permits/" + p2).json().get("qr").asText()), "node B signs with the new key at once");
                assertEquals("VALID", verdict(guardB, oldQr));
            }

            KeyPair configured = KeyMaterial.generate();
            Map<String, String> envC = env(db, work, false);
            envC.put("LOOPGATE_PERMIT_SIGNING_KEY", Base64.getEncoder().encodeToString(configured.getPrivate().getEncoded()));
            envC.put("LOOPGATE_PERMIT_SIGNING_PUBLIC_KEY", Base64.getEncoder().encodeToString(configured.getPublic().getEncoded()));
            envC.put("LOOPGATE_PERMIT_SIGNING_KEY_ID", "C0FFEE01");
            envC.put("LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY", kek);
            try (PortalProcess c = node(work, "c", envC)) {
                start(c);
                Api guardC = Api.basic(c.baseUrl(), "guard", TestData.PASSWORD);
                assertEquals("VALID", verdict(guardC, oldQr), "a print signed by a key retired on another node still verifies");
                String manager = TestData.newUser(Api.basic(c.baseUrl(), "admin", TestData.PASSWORD), "FIRM_MANAGER", firm);
                long p2 = PermitCodec.decode(oldQr).claims().permitId();
                String fresh = Api.basic(c.baseUrl(), manager, TestData.PASSWORD).get("permits/" + p2).json().get("qr").asText();
                assertEquals("c0ffee01", keyOf(fresh));
                assertTrue(PermitCodec.verify(PermitCodec.decode(fresh), configured.getPublic()), "signed by the configured key");
                assertEquals("VALID", verdict(guardC, fresh));
                assertNotEquals(keyOf(oldQr), keyOf(fresh));
                assertEquals(409, Api.basic(c.baseUrl(), "admin", TestData.PASSWORD).post("permits/signing-keys/rotate", Api.obj()).status());
                try (Connection con = db.dataSource().getConnection(); Statement s = con.createStatement()) {
                    ResultSet rs = s.executeQuery("select wrapping, private_key, public_key from signing_key where status = 'ACTIVE'");
                    assertTrue(rs.next());
                    assertEquals("CONFIG", rs.getString(1));
                    assertNull(rs.getBytes(2), "a configured private key is never stored");
                    assertArrayEquals(configured.getPublic().getEncoded(), rs.getBytes(3));
                    assertFalse(rs.next());
                }
                assertEquals(3, PermitFixtures.count(db.dataSource(), "select count(*) from signing_key"));
            }
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void start(PortalProcess p) {
        try {
            p.start(Duration.ofMinutes(5));
        } catch (Exception e) {
            throw new IllegalStateException("node did not start; see " + p.log(), e);
        }
    }
}
