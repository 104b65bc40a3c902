package cn.loopgate.it;

import cn.loopgate.devserver.Ports;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reminder to the missing firms reaches a real (in-process) SMTP server, addressed to the
 * managers of the silent firms only, and still reaches it when the SMTP server was down at the time
 * (retried with back-off). Needs its own portal, started with the mail settings.
 */
class ReminderMailIT {

    static int smtpPort;
    static GreenMail smtp;
    static Portal portal;

    @BeforeAll
    static void start() throws Exception {
        smtpPort = Ports.free();
        startSmtp();
        // Retries 1 s, 2 s, 4 s, ... apart here (5 s, 10 s, ... by default), so the outage test stays short.
        portal = Portal.start(Map.of("LOOPGATE_MAIL_HOST", "127.0.0.1", "LOOPGATE_MAIL_PORT", String.valueOf(smtpPort),
                "LOOPGATE_MAIL_RETRY_DELAY", "1", "LOOPGATE_MAIL_RETRY_MAX_DELAY", "4"));
    }

    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void reminderMailGoesToTheManagersOfSilentFirmsOnly() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "BJ-LOG");
        long reporting = TestData.newFirm(admin, "BJ-LOG", false, 30);
        long silent = TestData.newFirm(admin, "BJ-LOG", false, 30);
        String reportingManager = TestData.newUser(admin, "FIRM_MANAGER", reporting);
        String silentManager = TestData.newUser(admin, "FIRM_MANAGER", silent);
        String liaison = TestData.newUser(admin, "LIAISON", null, park);
        assertEquals(201, portal.api(reportingManager).post("firms/" + reporting + "/reports/zero", null).status());

        // Demo firms of the park have not reported today either: count who must be reminded.
        int expectedFirms = 0;
        for (var row : portal.api(liaison).get("board").json().get("rows")) {
            if (row.get("status").asText().equals("MISSING")) {
                expectedFirms++;
            }
        }
        smtp.purgeEmailFromAllMailboxes();
        Api.Res reminded = portal.api(liaison).post("board/remind", null);
        assertEquals(200, reminded.status(), reminded.raw());
        assertEquals(expectedFirms, reminded.json().get("firms").asInt());
        assertTrue(smtp.waitForIncomingEmail(30_000, expectedFirms), "one mail per silent firm");
        Thread.sleep(1000);

        Set<String> to = new HashSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                to.add(a.toString());
            }
        }
        assertTrue(to.contains(silentManager + "@test.loopgate.cn"), to.toString());
        assertFalse(to.contains(reportingManager + "@test.loopgate.cn"), to.toString());
        assertEquals(expectedFirms, smtp.getReceivedMessages().length);
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(silentManager + "@test.loopgate.cn")) {
                assertTrue(String.valueOf(m.getContent()).contains("/firm/reports.xhtml"), "the mail links to the report page");
            }
        }
    }

    @Test
    void aReminderSentWhileTheMailServerIsDownArrivesWhenItIsBack() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "BJ-LOG");
        long silent = TestData.newFirm(admin, "BJ-LOG", false, 30);
        String silentManager = TestData.newUser(admin, "FIRM_MANAGER", silent);
        String liaison = TestData.newUser(admin, "LIAISON", null, park);

        smtp.stop();
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
            startSmtp();
        }
        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the retried mail arrives once the server is back");
        Set<String> to = new HashSet<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!to.contains(silentManager + "@test.loopgate.cn") && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            for (MimeMessage m : smtp.getReceivedMessages()) {
                for (Address a : m.getAllRecipients()) {
                    to.add(a.toString());
                }
            }
        }
        assertTrue(to.contains(silentManager + "@test.loopgate.cn"), "the silent firm's manager got the reminder: " + to);
    }
}
