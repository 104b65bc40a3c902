package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.loopgate.it.PermitFixtures.download;
import static cn.loopgate.it.PermitFixtures.insert;
import static cn.loopgate.it.PermitFixtures.qrCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's tools read: MicroProfile Health (liveness, readiness with the database) and the
 * Prometheus text at /metrics, where Loopgate's business counters grow with the actions they count.
 */
class OpsIT {

    /** A sample line: name{labels} value (timestamps are not printed by Payara). */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)(\\s+\\d+)?$");

    static Portal portal;
    static Api anonymous;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        anonymous = portal.api(null);
    }

    @Test
    void livenessAndReadinessAnswerUpWithTheDatabaseCheck() {
        Api.Res live = anonymous.get("/health/live");
        assertEquals(200, live.status(), live.raw());
        assertEquals("UP", live.json().get("status").asText(), live.raw());
        Api.Res ready = anonymous.get("/health/ready");
        assertEquals(200, ready.status(), ready.raw());
        assertEquals("UP", ready.json().get("status").asText(), ready.raw());
        JsonNode database = null;
        for (JsonNode c : ready.json().get("checks")) {
            if ("database".equals(c.get("name").asText())) {
                database = c;
            }
        }
        assertTrue(database != null && "UP".equals(database.get("status").asText()), ready.raw());
        Api.Res health = anonymous.get("/health");
        assertEquals(200, health.status(), health.raw());
        assertTrue(health.raw().contains("database") && health.raw().contains("loopgate"), health.raw());
    }

    @Test
    void metricsArePrometheusTextAndTheBusinessCountersGrow() throws Exception {
        String before = metrics();
        assertTrue(before.contains("# TYPE "), "Prometheus text: " + before.substring(0, Math.min(500, before.length())));

        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 20);
        long firm = manager.get("me").json().get("firmId").asLong();
        Api.Res zero = manager.post("firms/" + firm + "/reports/zero", null);
        assertEquals(201, zero.status(), zero.raw());

        Instant now = Instant.parse(portal.api("admin").get("test/clock").json().get("now").asText());
        long permit = insert(portal, PermitType.CARD, firm, "孙八", "320583199001013456", now.minus(1, ChronoUnit.DAYS), now.plus(5, ChronoUnit.DAYS));
        String user = manager.get("me").json().get("username").asText();
        PermitFixtures.Bytes pdf = download(portal, user, "/api/v1/permits/" + permit + "/pdf");
        assertEquals(200, pdf.status());
        List<String> codes = qrCodes(pdf.body(), 0);
        assertEquals(1, codes.size());
        Api.Res scan = portal.api("guard").post("gate/verify", Api.obj().put("gate", "高新园南门").put("content", codes.get(0)));
        assertEquals(200, scan.status(), scan.raw());
        assertEquals("VALID", scan.json().get("result").asText());

        String after = metrics();
        System.out.println("OpsIT: Loopgate's counters as Payara prints them:\n" + lines(after, "loopgate_"));
        // On time or late: the real time of day decides (the deadline is 10:00 in the park's zone).
        double filedBefore = sum(before, "loopgate_reports_filed_total", "");
        double filedAfter = sum(after, "loopgate_reports_filed_total", "");
        assertTrue(filedAfter >= filedBefore + 1, "reports filed " + filedBefore + " -> " + filedAfter + "\n" + lines(after, "loopgate_"));
        double validBefore = sum(before, "loopgate_verifications_total", "result=\"VALID\"");
        double validAfter = sum(after, "loopgate_verifications_total", "result=\"VALID\"");
        assertTrue(validAfter >= validBefore + 1, "verifications " + validBefore + " -> " + validAfter + "\n" + lines(after, "loopgate_"));
        assertTrue(lines(after, "loopgate_verifications_total").contains("mp_scope=\"application\""), lines(after, "loopgate_"));
        assertTrue(after.contains("# TYPE loopgate_reports_filed_total counter"), lines(after, "loopgate_"));
    }

    static String metrics() {
        Api.Res r = anonymous.accepting("text/plain").get("/metrics");
        assertEquals(200, r.status(), r.raw());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        return r.raw();
    }

    /** The sum of a metric's samples whose labels contain {@code label} (0 when it has none yet). */
    static double sum(String text, String name, String label) {
        double total = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && m.matches() && m.group(1).equals(name) && (m.group(3) == null ? "" : m.group(3)).contains(label)) {
                total += Double.parseDouble(m.group(4));
            }
        }
        return total;
    }

    static String lines(String text, String prefix) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.contains(prefix)) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
