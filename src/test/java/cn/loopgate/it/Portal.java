package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.devserver.PortalProcess;
import cn.loopgate.devserver.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal under test, started once for all integration tests of a run: a clean embedded
 * PostgreSQL and the built WAR on Payara Micro (a child process), with demo data and a controllable
 * clock. Stopped when the test JVM exits.
 */
public final class Portal {

    private static Portal shared;

    public final EmbeddedDatabase db;
    public final PortalProcess server;
    public final Path work;

    private Portal(EmbeddedDatabase db, PortalProcess server, Path work) {
        this.db = db;
        this.server = server;
        this.work = work;
    }

    public static synchronized Portal get() {
        if (shared == null) {
            try {
                // The shared portal serves the whole run: the full JIT, not the short-lived nodes' C1.
                shared = start(Map.of(PortalProcess.JAVA_OPTS, ""));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the portal", e);
            }
        }
        return shared;
    }

    /**
     * JVM options of a portal that lives for one test class: C1 alone makes the start a fifth faster on two
     * cores, and such a node never runs long enough for C2's code to pay back, although it hashes passwords
     * ten times slower (src/bench/boot.sh; docs/performance.md, "Starting a node").
     */
    public static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1";

    /**
     * A dedicated portal with extra environment; {@code LOOPGATE_PORT} in it fixes the port (e.g. for a
     * redirect URI registered elsewhere beforehand), and the public URL defaults to the portal's address.
     */
    public static Portal start(Map<String, String> extraEnv) throws Exception {
        int port = extraEnv.containsKey("LOOPGATE_PORT") ? Integer.parseInt(extraEnv.get("LOOPGATE_PORT")) : Ports.free();
        Path work = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("portal-" + port);
        return start(extraEnv, EmbeddedDatabase.start(work.resolve("postgres"), true));
    }

    /** A dedicated portal on a database the caller started (and may stop and start again). */
    public static Portal start(Map<String, String> extraEnv, EmbeddedDatabase db) throws Exception {
        int port = extraEnv.containsKey("LOOPGATE_PORT") ? Integer.parseInt(extraEnv.get("LOOPGATE_PORT")) : Ports.free();
        Path work = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("portal-" + port);
        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(db.portalEnvironment());
        env.put("LOOPGATE_DEMO_DATA", "true");
        env.put("LOOPGATE_TEST_CLOCK_CONTROL", "true");
        env.put("LOOPGATE_COOKIE_SECURE", "false");
        env.put("LOOPGATE_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put(PortalProcess.JAVA_OPTS, SHORT_LIVED_JVM);
        env.putAll(extraEnv);
        PortalProcess server = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"),
                PortalProcess.requiredFile("loopgate.war"), work.resolve("server"), port, env, false, List.of());
        try {
            server.start(Duration.ofMinutes(4));
        } catch (Exception | Error e) {
            // A start that timed out leaves no server or database behind.
            server.close();
            db.close();
            throw e;
        }
        Portal portal = new Portal(db, server, work);
        Runtime.getRuntime().addShutdownHook(new Thread(portal::stop));
        return portal;
    }

    /**
     * The personal-data keys the portal generated into its database's data directory (it runs without
     * {@code LOOPGATE_PII_KEYS}): lets a test read or write sealed resident IDs directly.
     */
    public cn.loopgate.shared.crypto.PersonalDataCipher cipher() throws java.io.IOException {
        return cn.loopgate.shared.crypto.PersonalDataKeys.load(
                db.dataDirectory().getParent().resolve(cn.loopgate.shared.crypto.PersonalDataKeys.KEY_FILE));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public Api api(String user) {
        return Api.basic(baseUrl(), user, user == null ? null : "loopgate123");
    }

    public void stop() {
        try {
            server.close();
            db.close();
        } catch (Exception e) {
            System.err.println("portal stop: " + e.getMessage());
        }
    }
}
