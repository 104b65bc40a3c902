package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.devserver.PortalProcess;
import cn.loopgate.devserver.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Payara Micro nodes on 127.0.0.1, clustered with Hazelcast over one PostgreSQL: a user signed
 * in through node A keeps their session on node B after node A is killed.
 */
class ClusterIT {

    static EmbeddedDatabase db;
    static PortalProcess a;
    static PortalProcess b;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("loopgate.work", "target/it")).toAbsolutePath().resolve("cluster-" + Ports.free());
        db = EmbeddedDatabase.start(work.resolve("postgres"), true);
        int hz = 20000 + (int) (Math.random() * 20000);
        String cluster = "loopgate-it-" + hz;
        // Both nodes are on 127.0.0.1: without --nohostaware Hazelcast would keep no backups on the other node.
        List<String> clusterArgs = List.of("--cluster", "--clustername", cluster, "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + hz, "--startport", String.valueOf(hz), "--nohostaware");
        Map<String, String> env = Map.of("LOOPGATE_DB_URL", db.url(), "LOOPGATE_DB_USER", db.user(),
                "LOOPGATE_DB_PASSWORD", db.password(), "LOOPGATE_DEMO_DATA", "true", "LOOPGATE_COOKIE_SECURE", "false",
                "LOOPGATE_HEAP", "640m");
        a = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve("node-a"), Ports.free(), env, false, clusterArgs).start(Duration.ofMinutes(4));
        List<String> argsB = List.of("--cluster", "--clustername", cluster, "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + hz, "--startport", String.valueOf(hz + 10), "--nohostaware");
        b = new PortalProcess(PortalProcess.requiredFile("loopgate.payara.jar"), PortalProcess.requiredFile("loopgate.war"),
                work.resolve("node-b"), Ports.free(), env, false, argsB).start(Duration.ofMinutes(4));
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

    @Test
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
    }
}
