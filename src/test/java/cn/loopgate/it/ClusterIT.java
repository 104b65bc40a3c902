package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.shared.Messages;
import cn.loopgate.permit.KeyMaterial;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitType;
import cn.loopgate.devserver.PortalProcess;
import cn.loopgate.devserver.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Payara Micro nodes on 127.0.0.1, clustered with Hazelcast over one PostgreSQL, started together with a
 * key-encryption key as production runs them: they make one wrapped signing key and see each other's revocations
 * and rotations at once; a multi-step page flow and a signed-in session survive a change of node and the death
 * of the node that made them; a rolling upgrade replaces one node with the next version without a failed
 * request; and the old-version node that comes back with a signing key from configuration takes over signing
 * while every earlier print still verifies. One cluster for all of it: each node start costs 15-25 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static EmbeddedDatabase db;
    static PortalProcess a;
    static PortalProcess b;

    static int hz;
    static Path work;
    static String kek;

    /** From the key test to the configured-key test: a print signed by the first key, and its firm. */
    static String oldQr;
    static long keyFirm;
    /** The signing key node A is given in configuration when it comes back after the upgrade. */
    static KeyPair configured;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("cluster-" + Ports.free());
        db = EmbeddedDatabase.start(work.resolve("postgres"), true);
        hz = Ports.freeGridPort(3, 10);
        byte[] kekBytes = new byte[32];
        new SecureRandom().nextBytes(kekBytes);
        kek = Base64.getEncoder().encodeToString(kekBytes);
        // Both at once, as a cluster's nodes come up: only A seeds the demo city, both find no signing key.
        a = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve("node-a"), Ports.free(), nodeEnvironment(true), false, clusterArgs(0));
        b = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve("node-b"), Ports.free(), nodeEnvironment(false), false, clusterArgs(10));
        CompletableFuture<Void> startA = CompletableFuture.runAsync(() -> start(a));
        CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b));
        startA.join();
        startB.join();
        // Started together, B may have looked for A's grid before A listened and made a grid of its own; the two merge
        // after hazelcast.merge.first.run.delay.seconds (10 s). A session moves between nodes only within one grid
        // (a CI run's roster import failed on B before this wait).
        Instant until = Instant.now().plusSeconds(90);
        while (members(a) != 2 || members(b) != 2) {
            assertTrue(Instant.now().isBefore(until), "one grid of 2 members within 90 s: A " + members(a) + ", B " + members(b));
            Thread.sleep(500);
        }
    }

    private static void start(PortalProcess node) {
        try {
            node.start(Duration.ofMinutes(5));
        } catch (Exception e) {
            throw new IllegalStateException("node did not start; see " + node.log(), e);
        }
    }

    /** Both nodes are on 127.0.0.1: without --nohostaware Hazelcast would keep no backups on the other node. */
    private static List<String> clusterArgs(int portOffset) {
        return List.of("--cluster", "--clustername", "loopgate-it-" + hz, "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + hz, "--startport", String.valueOf(hz + portOffset), "--nohostaware");
    }

    /** The database's environment includes its data directory: every node reads the same generated personal-data keys. */
    private static Map<String, String> nodeEnvironment(boolean demo) {
        Map<String, String> env = new HashMap<>(db.portalEnvironment());
        env.putAll(Map.of("LOOPGATE_DEMO_DATA", String.valueOf(demo), "LOOPGATE_COOKIE_SECURE", "false", "LOOPGATE_HEAP", "640m",
                "LOOPGATE_TEST_CLOCK_CONTROL", "true", "LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY", kek,
                PortalProcess.JAVA_OPTS, Portal.SHORT_LIVED_JVM));
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /**
     * Two nodes starting together on an empty database make one signing key, wrapped with the key-encryption key;
     * a print made on A verifies on B, a revocation on A shows on B at the next scan, and after a rotation on A
     * node B signs with the new key at once while the old print still verifies.
     */
    @Test
    @Order(1)
    void nodesStartedTogetherShareOneWrappedKeyAndSeeEachOthersRevocationsAndRotations() throws Exception {
        String firstKey;
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
        keyFirm = TestData.newFirm(adminA, "CD-ETZ", false, 10);
        String manager = TestData.newUser(adminA, "FIRM_MANAGER", keyFirm);
        Instant now = Instant.parse(adminA.get("test/clock").json().get("now").asText());
        long p1 = PermitFixtures.insert(db.dataSource(), PermitType.CARD, keyFirm, "周一", "110105199001016666",
                now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        long p2 = PermitFixtures.insert(db.dataSource(), PermitType.CARD, keyFirm, "吴二", "110105199001017777",
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

    /**
     * Multi-step work survives a change of node without stickiness: the roster's dry run is answered by node A, its
     * "import valid rows" by node B (a proxy that switches nodes between the two clicks, as a load balancer does when
     * A is drained or dies), then a page of A again. The view-scoped bean with the dry run's result travels in the
     * replicated session.
     */
    @Test
    @Order(2)
    void aRosterImportCheckedOnOneNodeIsImportedOnTheOtherAndPagesAlternateNodes() throws Exception {
        Path csv = Files.createTempFile("roster", ".csv");
        Files.writeString(csv, RosterImportIT.csvWithBadRows(4), StandardCharsets.UTF_8);
        long firm = Api.basic(b.baseUrl(), "manager05", "loopgate123").get("me").json().get("firmId").asLong();
        int before = Api.basic(a.baseUrl(), "manager05", "loopgate123").get("firms/" + firm + "/workers").json().get("total").asInt();
        try (SwitchingProxy proxy = new SwitchingProxy(a.port()); Browser browser = Browser.open(proxy.baseUrl(), false)) {
            browser.login("manager05");
            browser.go("/firm/import.xhtml");
            browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(csv.toAbsolutePath().toString());
            String counts = browser.waitFor(By.id("counts")).getText();
            assertTrue(counts.contains("4") && counts.contains("3"), "node A checked the file: " + counts);

            proxy.to(b.port());
            browser.driver.findElement(By.id("result:importValid")).click();
            String imported = browser.waitFor(By.id("result:imported")).getText();
            assertTrue(imported.contains("4"), "node B imported the rows node A checked: " + imported);
            browser.screenshot("cluster-import-on-b");

            // A page built by A, its search answered by B.
            proxy.to(a.port());
            browser.go("/firm/roster.xhtml");
            assertFalse(browser.waitFor(By.id("roster:workers")).findElements(By.cssSelector("tbody tr")).isEmpty());
            proxy.to(b.port());
            browser.driver.findElement(By.id("roster:text")).sendKeys("无此人");
            browser.driver.findElement(By.id("roster:search")).click();
            browser.waitForText(By.id("roster:workers"), Messages.get(Messages.DEFAULT_LOCALE, "common.noRecords"));
        } finally {
            Files.deleteIfExists(csv);
        }
        JsonNode workers = Api.basic(a.baseUrl(), "manager05", "loopgate123").get("firms/" + firm + "/workers").json();
        assertEquals(before + 4, workers.get("total").asInt(), "the four valid rows, imported once");
        for (PortalProcess node : List.of(a, b)) {
            String log = Files.readString(node.log(), StandardCharsets.UTF_8);
            assertTrue(!log.contains("NotSerializableException") && !log.contains("cannot be serialized"),
                    "every session attribute replicates: " + node.log());
        }
    }

    @Test
    @Order(3)
    void sessionSurvivesTheDeathOfTheNodeThatCreatedIt() throws Exception {
        WebSession browser = new WebSession();
        assertTrue(browser.login(a.baseUrl(), "manager01", "loopgate123"), "signed in on node A");
        HttpResponse<String> onA = browser.get(a.baseUrl() + "/index.xhtml");
        assertEquals(200, onA.statusCode());
        assertTrue(onA.body().contains("企业防疫负责人"), "node A knows the user");

        a.kill();

        browser.sameCookiesFor(b.baseUrl());
        HttpResponse<String> onB = browser.get(b.baseUrl() + "/index.xhtml");
        assertEquals(200, onB.statusCode(), "node B serves the page instead of sending to the login: "
                + onB.headers().firstValue("Location").orElse(""));
        assertTrue(onB.body().contains("企业防疫负责人"), "node B knows the same user");

        // A restarted node that lists only one peer (A lists itself) joins B's grid at once, not after
        // Hazelcast's split-brain merge minutes later.
        a.start(Duration.ofMinutes(4));
        Instant ready = Instant.now();
        while (members(a) != 2 || members(b) != 2) {
            assertTrue(Duration.between(ready, Instant.now()).toSeconds() < 30,
                    "both nodes see 2 members within 30 s of A's restart: A " + members(a) + ", B " + members(b));
            Thread.sleep(500);
        }
        assertEquals(200, browser.get(b.baseUrl() + "/index.xhtml").statusCode(), "the session lives on");
        assertOnlyLoopback(a);
        assertOnlyLoopback(b);
    }

    /**
     * A rolling upgrade (docs/deployment.md, "Upgrades"): node B is drained and replaced by the next version,
     * whose expand-only migration runs while node A (the old version) keeps serving a signed-in user without
     * a single failed request; the old code then writes against the expanded schema, the session made on the
     * old version is served by the new one, and an old-version node restarted after the migration (a
     * rollback, or a node that was down during the upgrade) still starts and serves the session.
     */
    @Test
    @Order(4)
    void aRollingUpgradeKeepsServingAndKeepsSessions() throws Exception {
        Path next = nextVersionWar();
        WebSession browser = new WebSession();
        assertTrue(browser.login(a.baseUrl(), "manager02", "loopgate123"), "signed in on node A (old version)");
        AtomicInteger served = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    HttpResponse<String> r = browser.get(a.baseUrl() + "/index.xhtml");
                    if (r.statusCode() == 200 && r.body().contains("企业防疫负责人")) {
                        served.incrementAndGet();
                    } else {
                        failures.add(r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
                    }
                    Thread.sleep(250);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        poller.start();
        try {
            b.close();
            b = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), next, work.resolve("node-b-next"),
                    Ports.free(), nodeEnvironment(false), false, clusterArgs(10)).start(Duration.ofMinutes(4));
        } finally {
            polling.set(false);
            poller.join();
        }
        assertEquals(List.of(), failures, "node A answered every request while B was replaced and migrated");
        assertTrue(served.get() > 0, "the poller ran");
        assertTrue(Files.readString(b.log(), StandardCharsets.UTF_8).contains("(1 migration(s) applied now)"),
                "the new version's node applied its migration");
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from information_schema.columns where table_name = 'firm' and column_name = 'upgrade_probe'")) {
            assertTrue(rs.next() && rs.getInt(1) == 1, "the schema was expanded");
        }

        Api oldAdmin = Api.basic(a.baseUrl(), "admin", "loopgate123");
        assertTrue(TestData.newFirm(oldAdmin, "CD-ETZ", false, 20) > 0, "the old version registers a firm on the expanded schema");
        browser.sameCookiesFor(b.baseUrl());
        HttpResponse<String> onNew = browser.get(b.baseUrl() + "/index.xhtml");
        assertEquals(200, onNew.statusCode(), "the new version serves the session made on the old one");
        assertTrue(onNew.body().contains("企业防疫负责人"));

        a.close();
        assertEquals(200, browser.get(b.baseUrl() + "/index.xhtml").statusCode(), "A drained: the session lives on B");
        // A comes back with a signing key from configuration (checked in the next test).
        configured = KeyMaterial.generate();
        Map<String, String> env = nodeEnvironment(false);
        env.put("LOOPGATE_PERMIT_SIGNING_KEY", Base64.getEncoder().encodeToString(configured.getPrivate().getEncoded()));
        env.put("LOOPGATE_PERMIT_SIGNING_PUBLIC_KEY", Base64.getEncoder().encodeToString(configured.getPublic().getEncoded()));
        env.put("LOOPGATE_PERMIT_SIGNING_KEY_ID", "C0FFEE01");
        a = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve("node-a-configured"), Ports.free(), env, false, clusterArgs(0)).start(Duration.ofMinutes(4));
        assertTrue(Files.readString(a.log(), StandardCharsets.UTF_8).contains("Database schema at version"),
                "the old version starts on the newer schema (Flyway ignores the migration it does not know): " + a.log());
        browser.sameCookiesFor(a.baseUrl());
        assertEquals(200, browser.get(a.baseUrl() + "/index.xhtml").statusCode(), "and serves the same session again");
    }

    /**
     * Node A, back with a signing key from configuration (the previous test), takes over signing: a print signed by
     * the first key, retired on the other node long ago, still verifies; fresh prints carry the configured key,
     * which is never stored; a rotation is refused while the key comes from configuration.
     */
    @Test
    @Order(5)
    void aNodeWithAConfiguredKeyTakesOverAndEarlierPrintsStillVerify() throws Exception {
        Api guardA = Api.basic(a.baseUrl(), "guard", TestData.PASSWORD);
        assertEquals("VALID", verdict(guardA, oldQr), "a print signed by a key retired on another node still verifies");
        Api adminA = Api.basic(a.baseUrl(), "admin", TestData.PASSWORD);
        String manager = TestData.newUser(adminA, "FIRM_MANAGER", keyFirm);
        long p2 = PermitCodec.decode(oldQr).claims().permitId();
        String fresh = Api.basic(a.baseUrl(), manager, TestData.PASSWORD).get("permits/" + p2).json().get("qr").asText();
        assertEquals("c0ffee01", keyOf(fresh));
        assertTrue(PermitCodec.verify(PermitCodec.decode(fresh), configured.getPublic()), "signed by the configured key");
        assertEquals("VALID", verdict(guardA, fresh));
        assertNotEquals(keyOf(oldQr), keyOf(fresh));
        assertEquals(409, adminA.post("permits/signing-keys/rotate", Api.obj()).status());
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

    static String verdict(Api guard, String qr) {
        Api.Res r = guard.post("gate/verify", Api.obj().put("gate", "东门").put("content", qr));
        assertEquals(200, r.status(), r.raw());
        return r.json().get("result").asText();
    }

    static String keyOf(String qr) throws PermitCodec.Malformed {
        return PermitCodec.keyIdText(PermitCodec.decode(qr).claims().keyId());
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The next release, made from this one: the same WAR plus an expand-only migration (a nullable column and a
     * new table), as docs/deployment.md requires of every release that must upgrade without downtime.
     */
    private static Path nextVersionWar() throws Exception {
        Path war = PortalProcess.requiredFile("loopgate.war");
        Path next = war.resolveSibling("loopgate-next.war");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(next))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("WEB-INF/classes/db/migration/V9000_1__rolling_upgrade_probe.sql"));
            out.write(("alter table firm add column upgrade_probe varchar(40);\n"
                    + "create table upgrade_probe (id bigint primary key, note text);\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return next;
    }

    private static long members(PortalProcess node) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^loopgate_cluster_members(?:\\{[^}]*})?\\s+([0-9.]+)").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    /** Neither the HTTP listener nor Hazelcast listens beyond 127.0.0.1 (Payara's switches alone left 0.0.0.0). */
    private static void assertOnlyLoopback(PortalProcess node) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        List<String> sockets = out.lines().filter(l -> l.contains("pid=" + node.pid() + ",")).map(l -> l.trim().split("\\s+")[3]).toList();
        assertTrue(sockets.size() >= 2, "HTTP and Hazelcast sockets found: " + sockets);
        for (String socket : sockets) {
            assertTrue(socket.startsWith("127.0.0.1:") || socket.startsWith("[::ffff:127.0.0.1]:"), "listens beyond loopback: " + sockets);
        }
    }
}
