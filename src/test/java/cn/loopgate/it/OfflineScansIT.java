package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static cn.loopgate.it.PermitFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17.7: scans a guard's phone verified offline are uploaded later with their original time. Each is
 * checked again for that time (a revocation after the scan does not count, one before does), logged with what
 * the phone showed, stored once however often it is sent, audited per upload; bad items are refused naming
 * them and nothing of that upload is stored; only guards may upload, at their own gates.
 */
class OfflineScansIT {

    static ObjectNode item(String clientId, long gateId, String content, Instant at, String shown) {
        return Api.obj().put("clientId", clientId).put("gateId", gateId).put("content", content).put("scannedAt", at.toString())
                .put("offlineResult", shown);
    }

    static ObjectNode batch(ObjectNode... items) {
        ObjectNode body = Api.obj();
        ArrayNode scans = body.putArray("scans");
        for (ObjectNode i : items) {
            scans.add(i);
        }
        return body;
    }

    @BeforeAll
    static void start() {
        GateIT.start();
    }

    @Test
    void queuedScansAreCheckedForTheirTimeLoggedOnceAndAudited() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        String[] revokedLater = GateIT.card("CD-ETZ", "唐三藏", "110105199001017777");
        String[] revokedBefore = GateIT.card("CD-ETZ", "白龙马", "110105199001018888");
        String guardName = TestData.newUser(admin, "GUARD", null);
        long gate = TestData.gate(admin, "CD-ETZ", "离线岗", guardName);
        Api guard = portal.api(guardName);
        Instant now = Instant.parse(GateIT.now()).truncatedTo(ChronoUnit.SECONDS);
        Instant tenMinutesAgo = now.minus(10, ChronoUnit.MINUTES);
        Instant anHourAgo = now.minus(1, ChronoUnit.HOURS);
        // revoked 5 minutes ago: the scan 10 minutes ago was of a valid card; the other card was revoked two hours ago
        PermitFixtures.sql(portal, "update permit set status = 'REVOKED', revoked_at = ? where id = ?",
                java.sql.Timestamp.from(now.minus(5, ChronoUnit.MINUTES)), Long.parseLong(revokedLater[0]));
        PermitFixtures.sql(portal, "update permit set status = 'REVOKED', revoked_at = ? where id = ?",
                java.sql.Timestamp.from(now.minus(2, ChronoUnit.HOURS)), Long.parseLong(revokedBefore[0]));
        long audits = count(portal, "select count(*) from audit_entry where object_type = 'GateScan' and action = 'UPLOAD' and actor = ?", guardName);

        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        ObjectNode body = batch(item(a, gate, revokedLater[1], tenMinutesAgo, "VALID"),
                item(b, gate, revokedBefore[1], anHourAgo, "VALID"),
                item(c, gate, "LG1:not-a-permit", anHourAgo, "FORGED"));
        Api.Res r = guard.post("gate/offline-scans", body);
        assertEquals(200, r.status(), r.raw());
        JsonNode results = r.json().get("results");
        assertEquals(3, results.size());
        assertEquals("VALID", results.get(0).get("result").asText(), "revoked after the scan: valid when scanned");
        assertEquals("REVOKED", results.get(1).get("result").asText(), "revoked before the scan: the phone's list was old");
        assertEquals("VALID", results.get(1).get("offlineResult").asText());
        assertEquals("FORGED", results.get(2).get("result").asText());
        assertFalse(results.get(0).get("duplicate").asBoolean());
        long scanA = results.get(0).get("scanId").asLong();
        assertEquals(1, count(portal, "select count(*) from gate_scan where id = ? and scanned_at = ? and uploaded_at >= ?"
                + " and offline_result = 'VALID' and result = 'VALID' and guard = ? and gate_id = ?",
                scanA, java.sql.Timestamp.from(tenMinutesAgo), java.sql.Timestamp.from(now), guardName, gate));
        assertEquals(audits + 1, count(portal, "select count(*) from audit_entry where object_type = 'GateScan' and action = 'UPLOAD'"
                + " and actor = ? and after_state like '%\"differingVerdicts\":1%'", guardName));

        // the answer was lost: the phone sends the same scans again; nothing is stored twice
        Api.Res again = guard.post("gate/offline-scans", body);
        assertEquals(200, again.status(), again.raw());
        assertTrue(again.json().get("results").get(0).get("duplicate").asBoolean());
        assertEquals(scanA, again.json().get("results").get(0).get("scanId").asLong());
        assertEquals(1, count(portal, "select count(*) from gate_scan where guard = ? and client_scan_id = cast(? as uuid)", guardName, a));

        // the scan log shows it at its original time
        JsonNode log = portal.api("liaison.cd").get("gate-scans?permitNumber=" + revokedBefore[2]).json().get("items");
        assertEquals("REVOKED", log.get(0).get("result").asText());
        assertEquals(anHourAgo, Instant.parse(log.get(0).get("scannedAt").asText()));

        // refusals name the item; nothing of the upload is stored
        long before = count(portal, "select count(*) from gate_scan where guard = ?", guardName);
        Api.Res bad = guard.post("gate/offline-scans", batch(item(UUID.randomUUID().toString(), gate, revokedLater[1], now, "VALID"),
                item(UUID.randomUUID().toString(), gate, revokedLater[1], now.minus(8, ChronoUnit.DAYS), "VALID"),
                item("not-a-uuid", gate, revokedLater[1], now.plus(1, ChronoUnit.HOURS), "MAYBE")));
        assertEquals(400, bad.status(), bad.raw());
        String errors = bad.json().get("errors").toString();
        assertTrue(errors.contains("scans[1].scannedAt") && errors.contains("scans[2].clientId") && errors.contains("scans[2].scannedAt")
                && errors.contains("scans[2].offlineResult") && !errors.contains("scans[0]"), errors);
        assertEquals(400, guard.post("gate/offline-scans", batch()).status());
        assertEquals(before, count(portal, "select count(*) from gate_scan where guard = ?", guardName));

        // a gate that is not the guard's: logged REFUSED, not stored against that gate
        long other = TestData.gate(admin, "CD-ETZ", "别人的岗");
        Api.Res notMine = guard.post("gate/offline-scans", batch(item(UUID.randomUUID().toString(), other, revokedLater[1], now, "VALID")));
        assertEquals(200, notMine.status(), notMine.raw());
        assertEquals("REFUSED", notMine.json().get("results").get(0).get("result").asText());

        // only guards upload
        assertEquals(403, portal.api("liaison.cd").post("gate/offline-scans", body).status());
    }
}
