package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.devserver.PortalProcess;
import cn.loopgate.devserver.Ports;
import cn.loopgate.shared.crypto.PersonalDataCipher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fault tests' own portal, apart from the shared one because they break it: {@link DatabaseOutageIT}
 * stops its database, {@link ServerKillIT} kills its server, {@link PersonalDataRotationIT} restarts it with a
 * new personal-data key. One database (on a fixed port, its data kept when it stops) and one server port for
 * all three, so a run boots this portal once plus once per restart a test itself needs, instead of five times.
 * The three classes run one after another at the end of the run ({@code @Order(FaultPortal.ORDER + n)}), each
 * leaving the portal serving; what one leaves behind (firms, workers, a rotated key) the next treats as
 * existing data of a city. Stopped when the test JVM exits.
 */
final class FaultPortal {

    /** Class order of the fault tests: after the unannotated classes (JUnit's default order), before LogPrivacyIT. */
    static final int ORDER = Integer.MAX_VALUE / 2 + 100;

    /** The personal-data keys it starts with (configured, not generated): k1 and the blind-index key. */
    static final String K1 = PersonalDataCipher.newKey();
    static final String INDEX = PersonalDataCipher.newKey();

    private static FaultPortal instance;

    final Path dir;
    final int dbPort;
    final int port;
    private final Map<String, String> env = new LinkedHashMap<>();
    private EmbeddedDatabase db;
    private boolean databaseUp;
    private Portal portal;

    private FaultPortal() throws Exception {
        dir = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("faults-postgres");
        DatabaseOutageIT.deleteTree(dir);
        dbPort = Ports.free();
        port = Ports.free();
        env.put("LOOPGATE_PORT", String.valueOf(port));
        env.put("LOOPGATE_PII_KEYS", "k1:" + K1);
        env.put("LOOPGATE_PII_INDEX_KEY", INDEX);
        // The full JIT: the kill must land inside a 10,000-row import, which C1's slower code let finish first.
        env.put(PortalProcess.JAVA_OPTS, "");
        // Not "clean": a stopped database keeps its data, so the same server can come back on the same port.
        startDatabase();
        portal = Portal.start(env, db);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly));
    }

    static synchronized FaultPortal get() throws Exception {
        if (instance == null) {
            instance = new FaultPortal();
        }
        return instance;
    }

    Portal portal() {
        return portal;
    }

    EmbeddedDatabase db() {
        return db;
    }

    /** The database goes away (the portal keeps running). */
    void stopDatabase() throws Exception {
        databaseUp = false;
        db.close();
    }

    /** The same database server comes back on the same data and port (if it is away). */
    void startDatabase() throws Exception {
        if (!databaseUp) {
            db = EmbeddedDatabase.start(dir, false, dbPort);
            databaseUp = true;
        }
    }

    /**
     * A fresh server process on the same database and port, with {@code changes} added to its environment
     * from now on (a restart after a kill -9 passes none). The previous process is stopped first if it still runs.
     */
    Portal restart(Map<String, String> changes) throws Exception {
        portal.server.close();
        env.putAll(changes);
        portal = Portal.start(env, db);
        return portal;
    }

    private void stopQuietly() {
        try {
            portal.server.close();
            db.close();
        } catch (Exception e) {
            System.err.println("fault portal stop: " + e.getMessage());
        }
    }
}
