package cn.loopgate.it;

import cn.loopgate.demo.Fakes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Firms registering themselves (issue 18.4) through the public multipart endpoint, on the shared portal: the
 * park's liaison confirms (the manager then signs in and sees the firm) or refuses with a reason; duplicates are
 * flagged to the liaison and answered generically to the public; one pending registration per credit code and per
 * phone; a few per address per hour. Every test runs in its own future hour (the clock moved, reset after), so the
 * per-address counts of one test do not reach into another's.
 */
class FirmRegistrationIT {

    static final Fakes FAKES = new Fakes(System.nanoTime());
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final String PASSWORD = "Fabrik-Start-2026";

    static Portal portal;
    static Api admin;
    static Api liaison;
    static Api anonymous;
    static long park;
    /** Days ahead of today this run's windows start, different per run (the embedded database may be reused). */
    static int base;
    static int window;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        liaison = portal.api("liaison.cd");
        anonymous = Api.basic(portal.baseUrl(), null, null).english();
        park = TestData.parkId(admin, "CD-ETZ");
        base = 30 + FAKES.random().nextInt(300) * 4;
    }

    /** A fresh hour of its own, two days after the last one. */
    static Instant ownWindow() {
        Instant at = Instant.now().plus(Duration.ofDays(base + 2L * window++));
        assertEquals(200, admin.put("test/clock", Api.obj().put("now", at.toString())).status());
        return at;
    }

    @AfterEach
    void resetClock() {
        admin.delete("test/clock");
    }

    static Map<String, String> form(String creditCode, String phone) {
        return form(park, creditCode, phone);
    }

    /** A registration that passes validation, in the given park. */
    static Map<String, String> form(long park, String creditCode, String phone) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("creditCode", creditCode);
        f.put("name", "自助注册测试" + FAKES.random().nextInt(1_000_000) + "有限公司");
        f.put("parkId", String.valueOf(park));
        f.put("aboveSize", "true");
        f.put("fourAbove", "INDUSTRY");
        f.put("industry", "MACHINERY");
        f.put("registeredStaff", "85");
        f.put("legalRep", FAKES.personName());
        f.put("contactName", FAKES.personName());
        f.put("contactPhone", phone);
        f.put("username", "reg" + FAKES.random().nextInt(100_000_000));
        f.put("password", PASSWORD);
        return f;
    }

    static Map<String, String> form() {
        return form(FAKES.creditCode("510100"), FAKES.mobile());
    }

    static Api.Res submit(Map<String, String> fields, String fileName, byte[] licence) {
        return submit(anonymous, fields, fileName, licence);
    }

    /** Posts the fields and the licence as multipart/form-data, as a browser form would. */
    static Api.Res submit(Api client, Map<String, String> fields, String fileName, byte[] licence) {
        String boundary = "----lg" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + v + "\r\n"));
        if (licence != null) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"licence\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(licence);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return client.postBytes("public/firm-registrations", "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static long submitted(Map<String, String> fields) {
        Api.Res r = submit(fields, "licence.png", PNG);
        assertEquals(201, r.status(), r.raw());
        assertEquals("PENDING", r.json().get("status").asText());
        return r.json().get("id").asLong();
    }

    static int me(String user, String password) {
        return Api.basic(portal.baseUrl(), user, password).get("me").status();
    }

    @Test
    void aFirmRegistersTheLiaisonConfirmsAndTheManagerSignsInToTheirFirm() throws Exception {
        ownWindow();
        Map<String, String> f = form();
        long id = submitted(f);
        assertEquals(401, me(f.get("username"), PASSWORD), "no account before the park confirms");

        JsonNode queue = liaison.get("firm-registrations?status=PENDING&limit=500").json();
        JsonNode row = null;
        for (JsonNode r : queue.get("items")) {
            if (r.get("id").asLong() == id) {
                row = r;
            }
        }
        assertNotNull(row, "in the liaison's queue");
        assertFalse(row.get("contactPhone").asText().equals(f.get("contactPhone")), "masked in the list");
        JsonNode detail = liaison.get("firm-registrations/" + id).json();
        assertEquals(f.get("contactPhone"), detail.get("contactPhone").asText(), "in full on the single record, to call");
        assertFalse(detail.toString().contains(PASSWORD));
        assertFalse(detail.toString().contains("pbkdf2") || detail.has("passwordHash"));
        assertArrayEquals(PNG, Uploads.get(portal, "liaison.cd", "firm-registrations/" + id + "/licence").body());

        assertEquals(404, portal.api("liaison.bj").get("firm-registrations/" + id).status(), "another park's liaison");
        assertEquals(404, portal.api("liaison.bj").post("firm-registrations/" + id + "/confirm", null).status());
        assertEquals(403, portal.api("analyst").get("firm-registrations/" + id).status());
        assertEquals(403, portal.api("guard").get("firm-registrations").status());
        assertEquals(200, admin.get("firm-registrations/" + id).status(), "administrators see every park");

        Api.Res confirmed = liaison.post("firm-registrations/" + id + "/confirm", null);
        assertEquals(200, confirmed.status(), confirmed.raw());
        assertEquals("CONFIRMED", confirmed.json().get("status").asText());
        long firmId = confirmed.json().get("firmId").asLong();
        assertEquals(409, liaison.post("firm-registrations/" + id + "/confirm", null).status(), "decided once");

        Api manager = Api.basic(portal.baseUrl(), f.get("username"), PASSWORD);
        JsonNode me = manager.get("me").json();
        assertEquals(firmId, me.get("firmId").asLong(), me.toString());
        JsonNode firm = manager.get("firms/" + firmId).json();
        assertEquals(f.get("name"), firm.get("name").asText());
        assertEquals(f.get("creditCode"), firm.get("creditCode").asText());

        assertEquals(List.of("SUBMIT", "CONFIRM"), audit("FirmRegistration", id));
        assertEquals(List.of("CREATE"), audit("Firm", firmId));
        assertFalse(auditText("FirmRegistration", id).contains(f.get("contactPhone")), "no phone in the audit");
        assertFalse(auditText("FirmRegistration", id).contains(f.get("username")), "no username in the registration's audit");
    }

    @Test
    void aRefusalNeedsAReasonAndMakesNothing() throws Exception {
        ownWindow();
        Map<String, String> f = form();
        long id = submitted(f);
        Api.Res noReason = liaison.post("firm-registrations/" + id + "/refuse", Api.obj().put("reason", "  "));
        assertEquals(400, noReason.status(), noReason.raw());
        assertNotNull(noReason.errorFor("reason"));
        Api.Res refused = liaison.post("firm-registrations/" + id + "/refuse", Api.obj().put("reason", "营业执照模糊，无法辨认"));
        assertEquals(200, refused.status(), refused.raw());
        assertEquals("REFUSED", refused.json().get("status").asText());
        assertEquals("营业执照模糊，无法辨认", refused.json().get("reason").asText());
        assertEquals(409, liaison.post("firm-registrations/" + id + "/confirm", null).status());
        assertEquals(401, me(f.get("username"), PASSWORD), "no account");
        assertEquals(0, count("select count(*) from firm where credit_code = ?", f.get("creditCode")));
        assertEquals(0, count("select count(*) from app_user where username = ?", f.get("username")));
        assertEquals(0, count("select count(*) from firm_registration where id = ? and password_hash is not null", id),
                "the password hash goes with the decision");
        assertEquals(List.of("SUBMIT", "REFUSE"), audit("FirmRegistration", id));

        // Refused, the code and the phone are free again; the liaison sees the earlier attempt.
        long again = submitted(f);
        JsonNode detail = liaison.get("firm-registrations/" + again).json();
        assertEquals(id, detail.get("sameCode").get(0).asLong());
        assertEquals(id, detail.get("samePhone").get(0).asLong());
    }

    @Test
    void aSecondRegistrationOfACodeIsRefusedGenericallyAndAFirmRegisteredMeanwhileIsFlagged() throws Exception {
        ownWindow();
        Map<String, String> first = form();
        long id = submitted(first);
        Map<String, String> second = form(first.get("creditCode"), FAKES.mobile());
        Api.Res dup = submit(second, "licence.png", PNG);
        assertEquals(400, dup.status(), dup.raw());
        String said = dup.errorFor("creditCode");
        assertEquals("This credit code is registered already or waiting for a decision. Contact your park if in doubt.", said);
        assertFalse(dup.raw().contains(first.get("name")) || dup.raw().contains(first.get("username")), "says not who");

        // An administrator registers a firm with that code meanwhile: the liaison sees it and cannot confirm.
        long firm = admin.post("firms", TestData.firmBody(park, false, 10).put("creditCode", first.get("creditCode")))
                .json().get("id").asLong();
        JsonNode detail = liaison.get("firm-registrations/" + id).json();
        assertEquals(firm, detail.get("existingFirmId").asLong());
        boolean flagged = false;
        for (JsonNode r : liaison.get("firm-registrations?status=PENDING&limit=500").json().get("items")) {
            if (r.get("id").asLong() == id) {
                flagged = r.get("firmExists").asBoolean();
            }
        }
        assertTrue(flagged);
        Api.Res confirm = liaison.post("firm-registrations/" + id + "/confirm", null);
        assertEquals(409, confirm.status(), confirm.raw());
        assertEquals(0, count("select count(*) from app_user where username = ?", first.get("username")), "nothing half-made");

        // An existing firm's code gets the same generic answer from the public.
        Api.Res existing = submit(form(first.get("creditCode"), FAKES.mobile()), "licence.png", PNG);
        assertEquals(said, existing.errorFor("creditCode"));
    }

    @Test
    void onePendingRegistrationPerPhone() throws Exception {
        ownWindow();
        Map<String, String> first = form();
        submitted(first);
        long before = count("select count(*) from firm_registration", null);
        Api.Res r = submit(form(FAKES.creditCode("510100"), first.get("contactPhone")), "licence.png", PNG);
        assertEquals(400, r.status(), r.raw());
        assertNotNull(r.errorFor("contactPhone"));
        assertEquals(before, count("select count(*) from firm_registration", null));
    }

    @Test
    void anAddressRegistersAtMostFivePerHour() throws Exception {
        Instant at = ownWindow();
        for (int i = 0; i < 5; i++) {
            submitted(form());
        }
        long rows = count("select count(*) from firm_registration", null);
        long files = count("select count(*) from stored_file", null);
        Api.Res sixth = submit(form(), "licence.png", PNG);
        assertEquals(429, sixth.status(), sixth.raw());
        assertTrue(sixth.raw().contains("Too many registrations"), sixth.raw());
        assertEquals(rows, count("select count(*) from firm_registration", null), "nothing saved");
        assertEquals(files, count("select count(*) from stored_file", null), "no file kept");
        assertEquals(200, admin.put("test/clock", Api.obj().put("now", at.plus(Duration.ofMinutes(61)).toString())).status());
        submitted(form());
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsSaved() throws Exception {
        ownWindow();
        long rows = count("select count(*) from firm_registration", null);
        long files = count("select count(*) from stored_file", null);
        String good = FAKES.creditCode("510100");
        String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        Map<String, String> f = form(wrongCheck, "2381234567");
        f.put("password", "short");
        Api.Res r = submit(f, "licence.png", PNG);
        assertEquals(400, r.status(), r.raw());
        assertTrue(r.errorFor("creditCode").contains("GB 32100"), r.raw());
        assertNotNull(r.errorFor("contactPhone"));
        assertNotNull(r.errorFor("password"));

        Api.Res text = submit(form(), "licence.pdf", "not a pdf at all".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, text.status(), text.raw());
        assertTrue(text.errorFor("licence").startsWith("Wrong file type"), text.raw());
        Api.Res none = submit(form(), null, null);
        assertNotNull(none.errorFor("licence"), none.raw());
        Api.Res renamed = submit(form(), "licence.exe", PNG);
        assertNotNull(renamed.errorFor("licence"), renamed.raw());
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        Api.Res large = submit(form(), "licence.png", big);
        assertEquals(400, large.status());
        assertTrue(large.errorFor("licence").contains("10 MB"), large.raw());
        Map<String, String> noPark = form();
        noPark.put("parkId", "999999999");
        assertNotNull(submit(noPark, "licence.png", PNG).errorFor("parkId"));
        Map<String, String> noCode = form();
        noCode.remove("creditCode");
        Api.Res zh = submit(Api.basic(portal.baseUrl(), null, null), noCode, "licence.png", PNG);
        assertEquals(400, zh.status(), zh.raw());
        assertEquals("必填。", zh.errorFor("creditCode"), "Chinese by default");

        assertEquals(rows, count("select count(*) from firm_registration", null));
        assertEquals(files, count("select count(*) from stored_file", null));
    }

    static long count(String sql, Object arg) throws Exception {
        try (Connection c = Portal.get().db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setObject(1, arg);
            }
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> audit(String type, long id) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = Portal.get().db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select action from audit_entry where object_type = ? and object_id = ? order by at, id")) {
            s.setString(1, type);
            s.setLong(2, id);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    static String auditText(String type, long id) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = Portal.get().db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select coalesce(before_state, '') || coalesce(after_state, '') || coalesce(reason, '')"
                        + " from audit_entry where object_type = ? and object_id = ?")) {
            s.setString(1, type);
            s.setLong(2, id);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                b.append(rs.getString(1));
            }
        }
        return b.toString();
    }
}
