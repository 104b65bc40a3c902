package cn.loopgate.it;

import cn.loopgate.permit.KeyMaterial;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitType;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import static cn.loopgate.it.PermitFixtures.count;
import static cn.loopgate.it.PermitFixtures.download;
import static cn.loopgate.it.PermitFixtures.insert;
import static cn.loopgate.it.PermitFixtures.qrCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Permit PDFs, signed QR codes, the public keys and revocation list, and the gate's verdicts. */
class PermitsIT {

    static Portal portal;
    static Api admin;
    static Api guard;
    static long parkId;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        guard = portal.api("guard");
        parkId = TestData.parkId(admin, "CD-ETZ");
        // Gates belong to parks, guards scan at their own gates: the demo guard's gates of CD-ETZ.
        TestData.gate(admin, "CD-ETZ", "东门一号岗", "guard");
        for (int i = 0; i < CONCURRENT_GATES; i++) {
            TestData.gate(admin, "CD-ETZ", "并发岗" + i, "guard");
        }
    }

    static final int CONCURRENT_GATES = 4;

    static JsonNode scan(String content) {
        Api.Res r = guard.post("gate/verify", Api.obj().put("gate", "东门一号岗").put("content", content));
        assertEquals(200, r.status(), r.raw());
        return r.json();
    }

    static String verdict(String content) {
        return scan(content).get("result").asText();
    }

    record Card(long id, String qr) {
    }

    /** A card of a new firm, valid from an hour ago for ten days, and its QR text as the firm's manager reads it. */
    static Card activeCard(String holder, String residentId) throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Instant t = Instant.parse(now());
        long id = insert(portal, PermitType.CARD, firm, holder, residentId, t.minus(1, ChronoUnit.HOURS), t.plus(10, ChronoUnit.DAYS));
        return new Card(id, portal.api(manager).get("permits/" + id).json().get("qr").asText());
    }

    static String now() {
        return admin.get("test/clock").json().get("now").asText();
    }

    @Test
    void cardSheetQrCodesVerifyAtTheGateAndARevocationShowsAtTheNextScan() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 40);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        String liaison = TestData.newUser(admin, "LIAISON", null, parkId);
        Instant t = Instant.parse(now());
        long a = insert(portal, PermitType.CARD, firm, "张三丰", "110105199001011234", t.minus(1, ChronoUnit.DAYS), t.plus(30, ChronoUnit.DAYS));
        long b = insert(portal, PermitType.CARD, firm, "李四", "110105199001015678", t.minus(1, ChronoUnit.DAYS), t.plus(30, ChronoUnit.DAYS));
        long expired = insert(portal, PermitType.CARD, firm, "王五", "110105199001019999", t.minus(9, ChronoUnit.DAYS), t.minus(1, ChronoUnit.DAYS));

        PermitFixtures.Bytes pdf = download(portal, manager, "/api/v1/permits/pdf?firmId=" + firm + "&type=CARD");
        assertEquals(200, pdf.status(), new String(pdf.body(), StandardCharsets.UTF_8));
        assertTrue(pdf.contentType().startsWith("application/pdf"), pdf.contentType());
        String numberA = portal.api(manager).get("permits/" + a).json().get("number").asText();
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("白名单卡") && text.contains("持卡人") && text.contains("有效期") && text.contains("签发园区"), text);
            assertTrue(text.contains(numberA), "the card number is printed");
            assertTrue(text.contains("张*丰") && !text.contains("张三丰"), "the holder's name is masked");
        }
        List<String> codes = qrCodes(pdf.body(), 0);
        assertEquals(2, codes.size(), "only the active, unexpired cards are printed by default");
        assertEquals(a, PermitCodec.decode(codes.get(0)).claims().permitId());

        JsonNode ok = scan(codes.get(0));
        assertEquals("VALID", ok.get("result").asText());
        assertEquals("张*丰", ok.get("holder").asText());
        assertEquals(numberA, ok.get("number").asText());
        assertEquals("东门一号岗", ok.get("gate").asText());
        assertEquals("VALID", verdict(codes.get(1)));

        Api.Res revoked = portal.api(liaison).post("permits/" + a + "/revoke", Api.obj().put("reason", "员工离职"));
        assertEquals(200, revoked.status(), revoked.raw());
        assertEquals("REVOKED", revoked.json().get("state").asText());
        assertEquals("REVOKED", verdict(codes.get(0)), "revocation shows at the very next scan");
        assertEquals("VALID", verdict(codes.get(1)));

        assertEquals(4, count(portal, "select count(*) from gate_scan where permit_id in (?, ?)", a, b));
        assertEquals(1, count(portal, "select count(*) from gate_scan where permit_id = ? and result = 'REVOKED' and guard = 'guard'"
                + " and gate = '东门一号岗' and park_id = ?", a, parkId));
        // Alerts are counted off the scan's path and written every few seconds, grouped per gate and kind.
        JsonNode inbox = PermitFixtures.eventually(() -> portal.api(liaison).get("notifications").json(),
                n -> n.toString().contains(numberA), Duration.ofSeconds(20));
        assertTrue(inbox.toString().contains(numberA), "the park's liaison is alerted: " + inbox);
        assertTrue(portal.api(manager).get("notifications").json().toString().contains(numberA), "the firm is told of the revocation");

        // the signed revocation list names it, anonymously readable, and its signature verifies
        Api.Res list = portal.api(null).get("public/permits/revocations");
        assertEquals(200, list.status(), list.raw());
        assertTrue(list.headers().firstValue("Cache-Control").orElse("").contains("max-age=300"));
        JsonNode l = list.json();
        assertTrue(l.get("revoked").toString().contains(String.valueOf(a)));
        assertFalse(l.get("revoked").toString().contains(String.valueOf(b)));
        assertFalse(l.get("revoked").toString().contains(String.valueOf(expired)), "expired permits fail by themselves");
        String signed = l.get("signed").asText();
        assertTrue(signed.startsWith("LGRL1\nissued=") && (signed.contains("," + a) || signed.contains("revoked=" + a)), signed);
        PublicKey key = publicKey(l.get("keyId").asText());
        assertTrue(PermitCodec.verify(signed.getBytes(StandardCharsets.US_ASCII), Base64.getUrlDecoder().decode(l.get("signature").asText()), key));
        assertFalse(PermitCodec.verify(signed.replace("revoked=", "revoked=1,").getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(l.get("signature").asText()), key));
    }

    static PublicKey publicKey(String keyId) {
        for (JsonNode k : portal.api(null).get("public/permits/keys").json()) {
            if (k.get("keyId").asText().equals(keyId)) {
                return KeyMaterial.publicKey(Base64.getDecoder().decode(k.get("publicKey").asText()));
            }
        }
        throw new AssertionError("key " + keyId + " not published");
    }

    @Test
    void anyChangedByteIsForgedAndIsLogged() throws Exception {
        String qr = activeCard("赵六", "110105199001012222").qr();
        assertEquals("VALID", verdict(qr));
        byte[] raw = Base64.getUrlDecoder().decode(qr.substring(4));
        long before = count(portal, "select count(*) from gate_scan where result = 'FORGED'");
        int[] positions = {0, 1, 4, 5, 12, 13, 14, 17, 18, 21, 22, 37, 38, 70, 101};
        for (int i : positions) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            JsonNode r = scan("LG1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed));
            assertEquals("FORGED", r.get("result").asText(), "byte " + i);
            assertTrue(r.path("number").isMissingNode() || r.get("number").isNull(), "a forged code shows nothing about any permit");
        }
        assertEquals("FORGED", verdict("hello"));
        assertEquals("FORGED", verdict(qr.substring(0, qr.length() - 2)));
        assertEquals(before + positions.length + 2, count(portal, "select count(*) from gate_scan where result = 'FORGED'"));
        assertEquals("VALID", verdict(qr), "the untouched code is still fine");
    }

    /**
     * Concurrent scans share statements in the scan log (group commit): each must still get its own row
     * back, committed before the answer, with its own gate, guard and verdict.
     */
    @Test
    void concurrentScansEachGetTheirOwnCommittedLogRow() throws Exception {
        Card card = activeCard("钱七", "110105199001013333");
        long id = card.id();
        String qr = card.qr();
        int n = 48;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Every third one is a forgery, so verdicts of both kinds are in the same batches.
                String gate = "并发岗" + (i % CONCURRENT_GATES);
                String content = i % 3 == 0 ? "LG1:forged-" + i : qr;
                answers.add(pool.submit(() -> {
                    Api.Res r = guard.post("gate/verify", Api.obj().put("gate", gate).put("content", content));
                    assertEquals(200, r.status(), r.raw());
                    return r.json();
                }));
            }
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                JsonNode r = answers.get(i).get();
                long scanId = r.get("scanId").asLong();
                assertTrue(ids.add(scanId), "scan id " + scanId + " given twice");
                String expected = i % 3 == 0 ? "FORGED" : "VALID";
                assertEquals(expected, r.get("result").asText());
                assertEquals(1, count(portal, "select count(*) from gate_scan where id = ? and gate = ? and guard = 'guard' and result = ?"
                        + " and (permit_id = ? or (result = 'FORGED' and permit_id is null))", scanId, "并发岗" + (i % CONCURRENT_GATES), expected, id),
                        "the row of scan " + i);
            }
            assertEquals(n, count(portal, "select count(*) from gate_scan where gate like '并发岗%' and id = any(?)",
                    (Object) ids.toArray(Long[]::new)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validityBoundariesAndSuspension() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Instant from = Instant.parse(now()).truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(2));
        Instant to = from.plus(Duration.ofDays(7));
        long id = insert(portal, PermitType.PASS, firm, "苏E12345", "苏E12345", from, to);
        String qr = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        try {
            // The test clock keeps ticking from where it is set: exact instants are checked on the side
            // time moves away from (from: VALID, to: EXPIRED), the other side with a margin.
            assertEquals(200, admin.put("test/clock", Api.obj().put("now", from.minusSeconds(5).toString())).status());
            assertEquals("NOT_YET_VALID", verdict(qr));
            admin.put("test/clock", Api.obj().put("now", from.toString()));
            assertEquals("VALID", verdict(qr));
            PermitFixtures.sql(portal, "update firm set suspended_since = now(), suspended_reason = 'it' where id = ?", firm);
            assertEquals("SUSPENDED", verdict(qr));
            PermitFixtures.sql(portal, "update firm set suspended_since = null, suspended_reason = null where id = ?", firm);
            assertEquals("VALID", verdict(qr));
            admin.put("test/clock", Api.obj().put("now", to.minusSeconds(5).toString()));
            assertEquals("VALID", verdict(qr));
            admin.put("test/clock", Api.obj().put("now", to.toString()));
            assertEquals("EXPIRED", verdict(qr));
        } finally {
            admin.delete("test/clock");
        }
        PermitFixtures.Bytes pdf = download(portal, manager, "/api/v1/permits/" + id + "/pdf");
        assertEquals(200, pdf.status());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertTrue(new PDFTextStripper().getText(doc).contains("车辆通行证"));
            assertEquals(420, Math.round(doc.getPage(0).getMediaBox().getWidth()), "A5");
        }
    }

    @Test
    void aPermitSignedByARotatedOutKeyStillVerifies() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Instant t = Instant.parse(now());
        long id = insert(portal, PermitType.CERTIFICATE, firm, "测试企业", "91320583MA1XXXXX0X", t.minus(1, ChronoUnit.DAYS), t.plus(90, ChronoUnit.DAYS));
        String before = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        String oldKey = PermitCodec.keyIdText(PermitCodec.decode(before).claims().keyId());

        Api.Res rotated = admin.post("permits/signing-keys/rotate", Api.obj());
        assertEquals(200, rotated.status(), rotated.raw());
        String newKey = rotated.json().get("keyId").asText();
        assertNotEquals(oldKey, newKey);
        String after = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        assertEquals(newKey, PermitCodec.keyIdText(PermitCodec.decode(after).claims().keyId()), "new prints use the new key");

        assertEquals("VALID", verdict(before), "the old print still verifies");
        assertEquals("VALID", verdict(after));
        JsonNode keys = portal.api(null).get("public/permits/keys").json();
        String ks = keys.toString();
        assertTrue(ks.contains(oldKey) && ks.contains(newKey), ks);
        for (JsonNode k : keys) {
            if (k.get("keyId").asText().equals(oldKey)) {
                assertEquals("RETIRED", k.get("status").asText());
            }
            if (k.get("keyId").asText().equals(newKey)) {
                assertEquals("ACTIVE", k.get("status").asText());
                assertEquals(32, Base64.getUrlDecoder().decode(k.get("rawPublicKey").asText()).length);
            }
        }
        assertTrue(PermitCodec.verify(PermitCodec.decode(before), publicKey(oldKey)), "offline: the retired key is published");
        assertEquals(1, count(portal, "select count(*) from signing_key where status = 'ACTIVE'"));
        assertTrue(count(portal, "select count(*) from audit_entry where object_type = 'SigningKey' and action = 'ROTATE'") >= 1);
        PermitFixtures.Bytes pdf = download(portal, manager, "/api/v1/permits/" + id + "/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertTrue(new PDFTextStripper().getText(doc).contains("复工复产证明"));
        }
        assertEquals("VALID", verdict(qrCodes(pdf.body(), 0).get(0)));
    }

    @Test
    void onlyTheFirmAndItsParkPrintOnlyLiaisonsRevokeOnlyGuardsVerify() throws Exception {
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api other = TestData.newManagedFirm(portal, "CD-ETZ", false, 10);
        Instant t = Instant.parse(now());
        long id = insert(portal, PermitType.CARD, firm, "钱七", "110105199001013333", t.minus(1, ChronoUnit.DAYS), t.plus(5, ChronoUnit.DAYS));
        String one = "/api/v1/permits/" + id + "/pdf";
        String many = "/api/v1/permits/pdf?firmId=" + firm + "&type=CARD&ids=" + id;
        assertEquals(200, download(portal, manager, one).status());
        assertEquals(200, download(portal, manager, many).status());
        assertEquals(200, download(portal, "liaison.cd", one).status());
        assertEquals(200, download(portal, "liaison.cd", many).status());
        for (String path : List.of(one, many)) {
            assertEquals(404, download(portal, "liaison.bj", path).status(), path);
            assertEquals(404, download(portal, "guard", path).status(), path);
            assertEquals(403, download(portal, "analyst", path).status(), path);
            assertEquals(403, download(portal, "admin", path).status(), path);
            assertEquals(401, download(portal, null, path).status(), path);
        }
        assertEquals(404, other.get("permits/" + id).status());
        assertEquals(404, other.get("permits/pdf?firmId=" + firm + "&type=CARD").status());
        assertEquals(404, portal.api(manager).get("permits/pdf?firmId=" + firm + "&type=CARD&ids=" + id + ",1").status(), "an id of no such card");
        assertEquals(400, portal.api(manager).get("permits/pdf?firmId=" + firm).status(), "the type is required");

        assertEquals(403, portal.api(manager).post("permits/" + id + "/revoke", Api.obj().put("reason", "x")).status());
        assertEquals(404, portal.api("liaison.bj").post("permits/" + id + "/revoke", Api.obj().put("reason", "x")).status());
        Api.Res noReason = portal.api("liaison.cd").post("permits/" + id + "/revoke", Api.obj());
        assertEquals(400, noReason.status());
        assertTrue(noReason.errorFor("reason") != null);

        String qr = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        assertEquals(403, portal.api(manager).post("gate/verify", Api.obj().put("gate", "x").put("content", qr)).status());
        assertEquals(403, portal.api("liaison.cd").post("gate/verify", Api.obj().put("gate", "x").put("content", qr)).status());
        Api.Res noGate = guard.post("gate/verify", Api.obj().put("content", qr));
        assertEquals(400, noGate.status());
        assertTrue(noGate.errorFor("gate") != null);
        assertEquals(403, portal.api(manager).post("permits/signing-keys/rotate", Api.obj()).status());
        assertEquals(403, guard.post("permits/signing-keys/rotate", Api.obj()).status());
        assertEquals(200, portal.api(null).get("public/permits/keys").status());
        assertNull(guard.get("permits/" + id).json().get("qr"), "a guard reads no permit");
    }
}
