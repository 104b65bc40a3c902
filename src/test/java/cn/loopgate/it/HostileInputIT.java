package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The input defects a hostile client found on the landed code (issue 19, items 1, 2, 3, 9 and 11): each
 * answer is a 400 naming the field or parameter, nothing is stored, and contact phones stay masked in lists.
 */
class HostileInputIT {

    static Portal portal;
    static Api admin;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
    }

    /** Item 1: a 101+ character file name was a 500 (varchar(100) overflow). */
    @Test
    void anOverlongImportFileNameIs400NamingTheField() {
        long firm = TestData.newFirm(admin, "CD-ETZ", true, 20);
        String user = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Uploads.Bytes r = Uploads.post(portal, user, "firms/" + firm + "/roster-imports", "x".repeat(101) + ".csv",
                "姓名,身份证号,手机号\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("\"field\":\"file\""), r.text());
    }

    /** Item 2: 1e309 was stored as 0 (a zero-report nobody filed); fractions and overflows name the field. */
    @Test
    void wholeNumberFieldsRefuseOverflowsAndFractionsNamingTheField() throws Exception {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 30);
        long firm = manager.get("me").json().get("firmId").asLong();
        for (String value : List.of("1e309", "1.5", "2147483648", "-1e400", "1e10")) {
            String body = "{\"staffOnSite\": " + value + ", \"temperatureChecks\": 0, \"feverCount\": 0, \"symptomCount\": 0,"
                    + " \"positiveCount\": 0, \"isolatedCount\": 0, \"testsDone\": 0, \"productionStatus\": \"STOPPED\", \"capacityPct\": 0}";
            Api.Res r = manager.postRaw("firms/" + firm + "/reports", "application/json", body);
            assertEquals(400, r.status(), value + ": " + r.raw());
            assertNotNull(r.errorFor("staffOnSite"), value + ": " + r.raw());
        }
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from daily_report where firm_id = ?", firm), "nothing filed");
        // A whole number written with an exponent or a zero fraction is still that number.
        String ok = "{\"staffOnSite\": 1.0e1, \"temperatureChecks\": 10, \"feverCount\": 0, \"symptomCount\": 0,"
                + " \"positiveCount\": 0, \"isolatedCount\": 0, \"testsDone\": 0, \"productionStatus\": \"NORMAL\", \"capacityPct\": 80}";
        Api.Res filed = manager.postRaw("firms/" + firm + "/reports", "application/json", ok);
        assertEquals(201, filed.status(), filed.raw());
        assertEquals(10, filed.json().get("staffOnSite").asInt(), filed.raw());
    }

    /** Item 3: invisible, bidi-override and lone-surrogate names were accepted (the last stored as "?x"). */
    @Test
    void namesOfInvisibleOrBrokenCharactersAreRefusedWithAMessageAndNamesAreNormalised() throws Exception {
        Api manager = TestData.newManagedFirm(portal, "CD-HTP", false, 30).english();
        long firm = manager.get("me").json().get("firmId").asLong();
        for (String name : List.of("\\u200b\\ufeff", "\\u202e三张", "\\ud800x", "\\u00a0\\u3000")) {
            String body = "{\"name\": \"" + name + "\", \"residentId\": \"" + TestData.FAKES.residentId("320583") + "\", \"phone\": \""
                    + TestData.FAKES.mobile() + "\", \"job\": \"操作工\"}";
            Api.Res r = manager.postRaw("firms/" + firm + "/workers", "application/json", body);
            assertEquals(400, r.status(), name + ": " + r.raw());
            assertTrue(r.errorFor("name") != null && (r.errorFor("name").contains("visible") || r.errorFor("name").contains("Required")),
                    name + ": " + r.raw());
        }
        assertEquals(0, PermitFixtures.count(portal, "select count(*) from worker where firm_id = ?", firm));
        String body = "{\"name\": \"  Jose\\u0301 \", \"residentId\": \"" + TestData.FAKES.residentId("320583") + "\", \"phone\": \""
                + TestData.FAKES.mobile() + "\"}";
        Api.Res ok = manager.postRaw("firms/" + firm + "/workers", "application/json", body);
        assertEquals(201, ok.status(), ok.raw());
        assertEquals("Jos\u00e9", ok.json().get("name").asText(), "trimmed and NFC-normalised");
        // The same rule for firms' and users' names (one validator).
        var firmBody = TestData.firmBody(TestData.parkId(admin, "CD-HTP"), false, 10).put("contactName", "\u202e三张");
        Api.Res f = admin.post("firms", firmBody);
        assertEquals(400, f.status(), f.raw());
        assertNotNull(f.errorFor("contactName"), f.raw());
    }

    /** Item 9: malformed query and path parameters were 404 "not found" or silently clamped. */
    @Test
    void malformedParametersAre400NamingTheParameter() {
        for (String[] c : new String[][]{{"firms?limit=abc", "limit"}, {"firms?limit=2147483648", "limit"}, {"firms?limit=-1", "limit"},
                {"firms?offset=-5", "offset"}, {"firms?industry=HACK", "industry"}, {"firms/abc", "id"}, {"audit?limit=0", "limit"},
                {"problems?status=HACK", "status"}}) {
            Api.Res r = admin.get(c[0]);
            assertEquals(400, r.status(), c[0] + ": " + r.raw());
            assertNotNull(r.errorFor(c[1]), c[0] + " names " + c[1] + ": " + r.raw());
        }
        assertEquals(200, admin.get("firms?limit=5&offset=0").status());
    }

    /** Item 11: contact phones of named people were unmasked in lists for every role entitled to the firm. */
    @Test
    void contactPhonesAreMaskedInListsAndFullOnTheRecordForThoseWhoCall() throws Exception {
        long park = TestData.parkId(admin, "CD-HTP");
        long firm = TestData.newFirm(admin, "CD-HTP", false, 30);
        String phone = admin.get("firms/" + firm).json().get("contactPhone").asText();
        assertTrue(phone.matches("1\\d{10}"), "the administrator keeps the registration: " + phone);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        Api liaison = portal.api(TestData.newUser(admin, "LIAISON", null, park));
        Api analyst = portal.api(TestData.newUser(admin, "ANALYST", null));
        String code = admin.get("firms/" + firm).json().get("creditCode").asText();
        for (Api reader : List.of(admin, manager, liaison, analyst)) {
            JsonNode items = reader.get("firms?q=" + code).json().get("items");
            assertEquals(1, items.size(), items.toString());
            assertFalse(items.get(0).get("contactPhone").asText().equals(phone), "masked in the list: " + items);
        }
        assertEquals(phone, manager.get("firms/" + firm).json().get("contactPhone").asText(), "the firm's manager");
        assertEquals(phone, liaison.get("firms/" + firm).json().get("contactPhone").asText(), "the park's liaison");
        assertFalse(phone.equals(analyst.get("firms/" + firm).json().get("contactPhone").asText()), "analysts count, they do not call");

        long file = manager.postBytes("firms/" + firm + "/plans/commitments?name=c.png", "image/png", AccessMatrixIT.PNG).json().get("fileId").asLong();
        String officerPhone = TestData.FAKES.mobile();
        Api.Res plan = manager.post("firms/" + firm + "/plans", PlansIT.plan(file, 20).put("officerPhone", officerPhone));
        assertEquals(201, plan.status(), plan.raw());
        long planId = plan.json().get("id").asLong();
        JsonNode listed = manager.get("firms/" + firm + "/plans").json().get(0).get("versions").get(0);
        assertFalse(officerPhone.equals(listed.get("officerPhone").asText()), "masked in the list: " + listed);
        assertEquals(officerPhone, liaison.get("plans/" + planId).json().get("versions").get(0).get("officerPhone").asText());
        assertEquals(officerPhone, manager.get("plans/" + planId).json().get("versions").get(0).get("officerPhone").asText());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
