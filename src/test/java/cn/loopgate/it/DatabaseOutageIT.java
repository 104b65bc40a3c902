package cn.loopgate.it;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away and comes back while the portal runs (issue 10): requests fail cleanly and
 * quickly (503 problem+json or the error page, no stack trace), readiness is DOWN, and once PostgreSQL is
 * back on the same data and port the portal serves again by itself, without a restart. On the fault tests'
 * portal ({@link FaultPortal}), which it leaves serving on its database.
 */
@Order(FaultPortal.ORDER + 1)
class DatabaseOutageIT {

    @Test
    void thePortalFailsCleanlyWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        Instant begun = Instant.now();
        FaultPortal faults = FaultPortal.get();
        Portal portal = faults.portal();
        Instant booted = Instant.now();
        try {
            Api admin = portal.api("admin");
            Api anonymous = portal.api(null);
            assertEquals(200, admin.get("firms").status());
            assertEquals(200, anonymous.get("/health/ready").status());
            Api guard = portal.api("guard");
            Api.Res scanned = guard.post("gate/verify", Api.obj().put("gate", "东门").put("content", "not a permit"));
            assertEquals("FORGED", scanned.json().get("result").asText(), scanned.raw());

            faults.stopDatabase();
            Instant down = Instant.now();
            Instant firstFailed = null;

            for (int i = 0; i < 3; i++) {
                Instant t0 = Instant.now();
                Api.Res api = admin.get("firms");
                // The first call waits for the pool (10 s) and finds the server away; from then on the breaker
                // (DatabaseBreaker) answers at once, and the rest of the loop must not wait for the pool again.
                assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 30, "an API call hung while the database was down");
                if (i == 0) {
                    firstFailed = Instant.now();
                }
                assertTrue(api.status() == 503 || api.status() == 401, "API while down: " + api.status() + " " + api.raw());
                assertClean(api);
                if (api.status() == 503) {
                    assertTrue(api.headers().firstValue("Content-Type").orElse("").contains("problem+json"), api.raw());
                }
                // A scan that cannot be logged is not answered as if it had been.
                Api.Res scan = guard.post("gate/verify", Api.obj().put("gate", "东门").put("content", "not a permit"));
                assertTrue(scan.status() == 503 || scan.status() == 401, "gate while down: " + scan.status() + " " + scan.raw());
                assertClean(scan);
                Api.Res open = anonymous.get("public/permits/revocations");
                assertEquals(503, open.status(), open.raw());
                assertClean(open);
                Api.Res ready = anonymous.get("/health/ready");
                assertEquals(503, ready.status(), ready.raw());
                assertTrue(ready.raw().contains("DOWN"), ready.raw());
                Api.Res page = anonymous.accepting("text/html").get("/login.xhtml");
                assertTrue(page.status() == 200 || page.status() >= 500, "login page while down: " + page.status());
                assertClean(page);
            }

            Instant probed = Instant.now();
            assertTrue(Duration.between(firstFailed, probed).toSeconds() < 8,
                    "once the database was known to be away, calls still waited for the pool: "
                            + Duration.between(firstFailed, probed).toSeconds() + " s for 14 calls");
            faults.startDatabase();
            Instant back = Instant.now();

            Instant until = Instant.now().plusSeconds(90);
            int firms = 0;
            int readiness = 0;
            while (Instant.now().isBefore(until)) {
                readiness = anonymous.get("/health/ready").status();
                firms = admin.get("firms").status();
                if (readiness == 200 && firms == 200) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertEquals(200, readiness, "readiness after the database came back");
            assertEquals(200, firms, "the API after the database came back");
            // Writes work again too.
            assertEquals("FORGED", guard.post("gate/verify", Api.obj().put("gate", "东门").put("content", "not a permit"))
                    .json().get("result").asText());
            long firm = TestData.newFirm(admin, "CD-ETZ", true, 50);
            assertEquals(200, admin.get("firms/" + firm).status());
            System.out.printf("DatabaseOutageIT: boot %d s, database stopped %d s, calls while down %d s, database restarted %d s,"
                    + " recovered %d s%n", Duration.between(begun, booted).toSeconds(), Duration.between(booted, down).toSeconds(),
                    Duration.between(down, probed).toSeconds(), Duration.between(probed, back).toSeconds(),
                    Duration.between(back, Instant.now()).toSeconds());
        } finally {
            faults.startDatabase(); // the next fault test finds it serving even if this one failed while it was away
        }
    }

    static void assertClean(Api.Res r) {
        String body = r.raw() == null ? "" : r.raw();
        for (String leak : java.util.List.of("\tat ", "at cn.loopgate.", "org.postgresql", "PSQLException", "SQLException",
                "EclipseLink", "Connection refused")) {
            assertFalse(body.contains(leak), "a stack trace or driver detail (" + leak + ") leaked: " + body);
        }
    }

    static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
