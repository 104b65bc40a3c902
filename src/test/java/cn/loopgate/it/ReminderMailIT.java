package cn.loopgate.it;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reminder to the missing firms reaches a real (in-process) SMTP server, addressed to the
 * managers of the silent firms only, and still reaches it when the SMTP server was down at the time
 * (retried with back-off). On the mail tests' portal ({@link MailPortal}), as its first administrator.
 */
@Order(MailPortal.ORDER + 2)
class ReminderMailIT {

    static MailPortal mail;
    static Portal portal;
    static Api admin;
    static final String PARK = "WJ-LOG";

    @BeforeAll
    static void start() throws Exception {
        mail = MailPortal.get();
        portal = mail.portal;
        admin = mail.administrator();
        // A park of its own on the production start (no demo city there).
        boolean exists = false;
        for (var p : admin.get("parks").json()) {
            exists |= p.get("code").asText().equals(PARK);
        }
        if (!exists) {
            Api.Res district = admin.post("districts", Api.obj().put("code", "WJ").put("name", "吴江区"));
            assertEquals(201, district.status(), district.raw());
            Api.Res park = admin.post("parks", Api.obj().put("districtId", district.json().get("id").asLong()).put("code", PARK)
                    .put("name", "物流园").put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00").put("passMaxDays", 30));
            assertEquals(201, park.status(), park.raw());
        }
    }

    @Test
    void reminderMailGoesToTheManagersOfSilentFirmsOnly() throws Exception {
        long park = TestData.parkId(admin, PARK);
        long reporting = TestData.newFirm(admin, PARK, false, 30);
        long silent = TestData.newFirm(admin, PARK, false, 30);
        String reportingManager = TestData.newUser(admin, "FIRM_MANAGER", reporting);
        String silentManager = TestData.newUser(admin, "FIRM_MANAGER", silent);
        String liaison = TestData.newUser(admin, "LIAISON", null, park);
        assertEquals(201, portal.api(reportingManager).post("firms/" + reporting + "/reports/zero", null).status());

        // The park's other firms (the other test's) have not reported today either: count who must be reminded.
        int expectedFirms = 0;
        for (var row : portal.api(liaison).get("board").json().get("rows")) {
            if (row.get("status").asText().equals("MISSING")) {
                expectedFirms++;
            }
        }
        mail.smtp().purgeEmailFromAllMailboxes();
        Api.Res reminded = portal.api(liaison).post("board/remind", null);
        assertEquals(200, reminded.status(), reminded.raw());
        assertEquals(expectedFirms, reminded.json().get("firms").asInt());
        assertTrue(mail.smtp().waitForIncomingEmail(30_000, expectedFirms), "one mail per silent firm");
        Thread.sleep(1000);

        Set<String> to = new HashSet<>();
        for (MimeMessage m : mail.smtp().getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                to.add(a.toString());
            }
        }
        assertTrue(to.contains(silentManager + "@test.loopgate.cn"), to.toString());
        assertFalse(to.contains(reportingManager + "@test.loopgate.cn"), to.toString());
        assertEquals(expectedFirms, mail.smtp().getReceivedMessages().length);
        for (MimeMessage m : mail.smtp().getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(silentManager + "@test.loopgate.cn")) {
                assertTrue(String.valueOf(m.getContent()).contains("/firm/reports.xhtml"), "the mail links to the report page");
            }
        }
    }

    @Test
    void aReminderSentWhileTheMailServerIsDownArrivesWhenItIsBack() throws Exception {
        long park = TestData.parkId(admin, PARK);
        long silent = TestData.newFirm(admin, PARK, false, 30);
        String silentManager = TestData.newUser(admin, "FIRM_MANAGER", silent);
        String liaison = TestData.newUser(admin, "LIAISON", null, park);

        mail.stopSmtp();
        try {
            Api.Res reminded = portal.api(liaison).post("board/remind", null);
            assertEquals(200, reminded.status(), reminded.raw());
            int firms = reminded.json().get("firms").asInt();
            assertTrue(firms >= 1, reminded.raw());
            // The first attempt and at least one retry fail while nothing listens on the port.
            Thread.sleep(3_000);
            assertTrue(Files.readString(portal.server.log()).contains("recipient(s) failed (attempt 1)"),
                    "the portal noticed the failed send");
        } finally {
            mail.startSmtp();
        }
        assertTrue(mail.smtp().waitForIncomingEmail(30_000, 1), "the retried mail arrives once the server is back");
        Set<String> to = new HashSet<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!to.contains(silentManager + "@test.loopgate.cn") && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            for (MimeMessage m : mail.smtp().getReceivedMessages()) {
                for (Address a : m.getAllRecipients()) {
                    to.add(a.toString());
                }
            }
        }
        assertTrue(to.contains(silentManager + "@test.loopgate.cn"), "the silent firm's manager got the reminder: " + to);
    }
}
