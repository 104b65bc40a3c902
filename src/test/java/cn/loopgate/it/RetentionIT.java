package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static cn.loopgate.it.PermitFixtures.count;
import static cn.loopgate.it.PermitFixtures.insert;
import static cn.loopgate.it.PermitFixtures.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal-data retention: a fresh park whose closed loop ended, the clock moved past the retention
 * period (30 days by default), the admin's run anonymises workers, drivers, card and pass holders and
 * empties roster files of that park only; reports stay as they were; one audit entry; a second run
 * changes nothing.
 */
class RetentionIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    @Test
    void aParksPersonalDataIsAnonymisedAfterTheRetentionPeriodAndItsFiguresStay() throws Exception {
        String code = "RT-" + (100000 + TestData.FAKES.random().nextInt(900000));
        long district = admin.get("districts").json().get(0).get("id").asLong();
        ObjectNode parkBody = Api.obj().put("districtId", district).put("code", code).put("name", "留存测试园区" + code)
                .put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00").put("passMaxDays", 30);
        Api.Res created = admin.post("parks", parkBody);
        assertEquals(201, created.status(), created.raw());
        long park = created.json().get("id").asLong();

        long firm = TestData.newFirm(admin, code, false, 30);
        String managerName = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Api manager = portal.api(managerName);
        String name = TestData.FAKES.personName();
        String residentId = TestData.FAKES.residentId("320583");
        long worker = addWorker(manager, firm, name, residentId);
        long worker2 = addWorker(manager, firm, TestData.FAKES.personName(), TestData.FAKES.residentId("320583"));
        Api.Res zero = manager.post("firms/" + firm + "/reports/zero", null);
        assertEquals(201, zero.status(), zero.raw());

        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long card = insert(portal, PermitType.CARD, firm, name, residentId, now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        long passPermit = insert(portal, PermitType.PASS, firm, "赵司机", "320583199001011234", now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        long certificate = insert(portal, PermitType.CERTIFICATE, firm, "留存测试企业", "cert", now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        long pass = passRow(firm, park, "赵司机", "320583199001011234", "13800138000");
        PermitFixtures.Bytes cardPdf = PermitFixtures.download(portal, managerName, "/api/v1/permits/" + card + "/pdf");
        assertEquals(200, cardPdf.status());
        String cardQr = PermitFixtures.qrCodes(cardPdf.body(), 0).get(0);
        sql(portal, "insert into roster_import (firm_id, file_name, format, content, total_rows, valid_rows, status, created_at, created_by)"
                + " values (?, 'roster.csv', 'CSV', ?, 1, 1, 'CHECKED', now(), 'it')", firm,
                portal.cipher().sealFile((name + "," + residentId).getBytes()));

        // a firm in another park keeps its data
        long otherFirm = TestData.newFirm(admin, "CD-ETZ", false, 10);
        Api otherManager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", otherFirm));
        String otherResident = TestData.FAKES.residentId("510100");
        long otherWorker = addWorker(otherManager, otherFirm, TestData.FAKES.personName(), otherResident);

        String reportsBefore = reports(firm);
        LocalDate today = now.atZone(SHANGHAI).toLocalDate();
        Api.Res ended = admin.put("parks/" + park, parkBody.put("loopEndedOn", today.minusDays(1).toString()));
        assertEquals(200, ended.status(), ended.raw());

        Api.Res early = admin.post("parks/" + park + "/retention", null);
        assertEquals(200, early.status(), early.raw());
        assertFalse(early.json().get("due").asBoolean(), early.raw());
        assertEquals(today.plusDays(29).toString(), early.json().get("dueOn").asText());
        assertEquals(1, count(portal, "select count(*) from worker where id = ? and resident_id_index = ? and anonymized_at is null",
                worker, portal.cipher().index(residentId)), "not due yet: nothing changes");

        try {
            admin.put("test/clock", Api.obj().put("now", today.plusDays(30).atTime(9, 0).atZone(SHANGHAI).toInstant().toString()));
            assertEquals(403, manager.post("parks/" + park + "/retention", null).status());
            Api.Res run = admin.post("parks/" + park + "/retention", null);
            assertEquals(200, run.status(), run.raw());
            JsonNode o = run.json();
            assertTrue(o.get("due").asBoolean(), run.raw());
            assertEquals(2, o.get("workers").asInt(), run.raw());
            assertEquals(1, o.get("passes").asInt(), run.raw());
            assertEquals(2, o.get("permits").asInt(), "the card and the pass, not the certificate: " + run.raw());
            assertEquals(1, o.get("rosterFiles").asInt(), run.raw());

            JsonNode w = manager.get("firms/" + firm + "/workers/" + worker).json();
            assertEquals("***", w.get("name").asText(), w.toString());
            assertEquals(1, count(portal, "select count(*) from worker where id = ? and resident_id_enc = ? and resident_id_index = ?"
                    + " and resident_id_tail is null and phone = '00000000000' and anonymized_at is not null", worker, "ANON" + worker, "ANON" + worker));
            assertFalse(w.toString().contains(residentId) || w.toString().contains(name), w.toString());
            assertEquals(1, count(portal, "select count(*) from worker where id = ? and resident_id_enc = ? and phone = '00000000000'"
                    + " and anonymized_at is not null", worker2, "ANON" + worker2));
            assertEquals(1, count(portal, "select count(*) from vehicle_pass where id = ? and driver_name = '***'"
                    + " and driver_resident_id_enc = ? and driver_phone = '00000000000' and co_driver_name = '***'"
                    + " and co_driver_resident_id_enc = ? and co_driver_phone = '00000000000'", pass, "ANON" + pass, "ANON" + pass));
            assertEquals(2, count(portal, "select count(*) from permit where id in (?, ?) and holder_name = '***'", card, passPermit));
            assertEquals(1, count(portal, "select count(*) from permit where id = ? and holder_name = '留存测试企业'", certificate));
            assertEquals(1, count(portal, "select count(*) from roster_import where firm_id = ? and octet_length(content) = 0", firm));
            assertEquals(1, count(portal, "select count(*) from worker where id = ? and resident_id_index = ? and anonymized_at is null",
                    otherWorker, portal.cipher().index(otherResident)), "another park's workers are untouched");

            assertEquals(reportsBefore, reports(firm), "the firm's daily reports stay as they were");
            TestData.gate(admin, code, "留存测试岗", "guard");
            JsonNode scan = portal.api("guard").post("gate/verify", Api.obj().put("gate", "留存测试岗").put("content", cardQr)).json();
            assertEquals("EXPIRED", scan.get("result").asText(),
                    "an anonymised card's QR is still Loopgate's own, and long expired, not forged: " + scan);

            assertEquals(200, manager.get("firms/" + firm + "/reports").status());

            String audit = auditOf(park);
            assertTrue(audit.replace(" ", "").contains("\"workers\":2") && audit.replace(" ", "").contains("\"passes\":1"), audit);
            assertEquals(0, count(portal, "select count(*) from audit_entry where object_type = 'Park' and object_id = ?"
                    + " and action = 'ANONYMIZE' and (after_state like ? or after_state like ?)", park, "%" + name + "%", "%" + residentId + "%"));

            Api.Res again = admin.post("parks/" + park + "/retention", null);
            assertEquals(200, again.status(), again.raw());
            assertTrue(again.json().get("due").asBoolean());
            for (String k : List.of("workers", "passes", "permits", "rosterFiles")) {
                assertEquals(0, again.json().get(k).asInt(), "idempotent: " + again.raw());
            }
            assertEquals(1, count(portal, "select count(*) from audit_entry where object_type = 'Park' and object_id = ? and action = 'ANONYMIZE'", park),
                    "a run that changes nothing leaves no audit entry");
        } finally {
            admin.delete("test/clock");
        }
    }

    static long addWorker(Api manager, long firm, String name, String residentId) {
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", name).put("residentId", residentId)
                .put("phone", TestData.FAKES.mobile()).put("job", "装配工"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    static long passRow(long firm, long park, String driver, String residentId, String phone) throws Exception {
        try (Connection c = portal.db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("insert into vehicle_pass (firm_id, park_id, plate, vehicle_type, driver_name,"
                     + " driver_resident_id_enc, driver_phone, co_driver_name, co_driver_resident_id_enc, co_driver_phone, origin, destination,"
                     + " cargo, purpose, valid_from, valid_to, status, submitted_at, submitted_by)"
                     + " values (?, ?, '苏E12345', 'TRUCK', ?, ?, ?, '钱副驾', ?, '13900139000', '昆山', '苏州',"
                     + " '零件', 'MATERIALS_IN', current_date, current_date + 5, 'APPROVED', now(), 'it') returning id")) {
            // Resident IDs are sealed at rest: written as the portal writes them, with its keys.
            s.setLong(1, firm);
            s.setLong(2, park);
            s.setString(3, driver);
            s.setString(4, portal.cipher().encrypt(residentId));
            s.setString(5, phone);
            s.setString(6, portal.cipher().encrypt("320583199202022345"));
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The after-state of the park's one ANONYMIZE audit entry. */
    static String auditOf(long park) throws Exception {
        try (Connection c = portal.db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select after_state from audit_entry where object_type = 'Park' and object_id = ?"
                     + " and action = 'ANONYMIZE'")) {
            s.setLong(1, park);
            ResultSet rs = s.executeQuery();
            assertTrue(rs.next(), "an audit entry for the run");
            String state = rs.getString(1);
            assertFalse(rs.next(), "one audit entry for the run");
            return state;
        }
    }

    /** The firm's daily reports, every column, as text. */
    static String reports(long firm) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = portal.db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select row_to_json(r)::text from daily_report r where firm_id = ? order by id")) {
            s.setLong(1, firm);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertFalse(rows.isEmpty());
        assertNotNull(rows.get(0));
        return String.join("\n", rows);
    }
}
