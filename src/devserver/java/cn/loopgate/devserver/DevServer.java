package cn.loopgate.devserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run command ({@code mvn -Prun package}): starts an embedded PostgreSQL whose data lives in
 * {@code .loopgate-data/} (delete it to start clean), unless {@code LOOPGATE_DB_URL} names an external
 * one, then runs the WAR on Payara Micro at http://localhost:8080 (or {@code LOOPGATE_PORT}) with demo
 * data and demo users. Ctrl-C stops both.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Path war = PortalProcess.requiredFile("loopgate.war");
        Path payara = PortalProcess.requiredFile("loopgate.payara.jar");
        Path data = Path.of(System.getProperty("loopgate.data", ".loopgate-data")).toAbsolutePath();
        int port = Integer.parseInt(env("LOOPGATE_PORT", "8080"));
        if (!Ports.isFree(port)) {
            System.err.println("Port " + port + " is taken; set LOOPGATE_PORT to another one.");
            System.exit(2);
        }

        Map<String, String> config = new LinkedHashMap<>();
        EmbeddedDatabase db = null;
        if (System.getenv("LOOPGATE_DB_URL") == null) {
            db = EmbeddedDatabase.start(data.resolve("postgres"), false);
            // Also LOOPGATE_DB_EMBEDDED and LOOPGATE_DATA_DIR: without LOOPGATE_PII_KEYS the portal generates its
            // personal-data keys into .loopgate-data/pii-keys.properties (an external database needs them set).
            config.putAll(db.portalEnvironment());
            System.out.println("Embedded PostgreSQL on port " + db.port() + ", data in " + data.resolve("postgres"));
        } else {
            System.out.println("Using the external database named by LOOPGATE_DB_URL");
        }
        config.put("LOOPGATE_DEMO_DATA", env("LOOPGATE_DEMO_DATA", "true"));
        config.put("LOOPGATE_COOKIE_SECURE", env("LOOPGATE_COOKIE_SECURE", "false"));
        config.put("LOOPGATE_PUBLIC_URL", env("LOOPGATE_PUBLIC_URL", "http://localhost:" + port));

        EmbeddedDatabase database = db;
        PortalProcess portal = new PortalProcess(payara, war, data.resolve("server"), port, config, true, List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                portal.close();
                if (database != null) {
                    database.close();
                }
            } catch (Exception e) {
                System.err.println("Shutdown: " + e.getMessage());
            }
        }));
        Files.createDirectories(data);
        portal.start(Duration.ofMinutes(5));
        System.out.println();
        System.out.println("Loopgate is ready at http://localhost:" + port + "/ (" + Duration.between(started, Instant.now()).toSeconds()
                + " s). Demo users: admin, analyst, guard, liaison.cd, liaison.bj, manager01..manager40; password loopgate123.");
        System.out.println("Press Ctrl-C to stop.");
        portal.waitFor();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
