package cn.loopgate.it;

import cn.loopgate.devserver.Ports;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A production start with a mail server, for the tests that need one: an empty database, no demo data, the
 * built-in login, and a real SMTP server (GreenMail) in the test JVM that a test may stop and start again on the
 * same port. {@link FirstAdministratorIT} runs first on it (nobody can sign in until the set-up link from the log
 * is used) and creates the first administrator; {@link ReminderMailIT} then works as that administrator, in a
 * park of its own. One Payara start for both. Stopped when the test JVM exits.
 */
final class MailPortal {

    /** Class order: FirstAdministratorIT at {@code ORDER + 1}, ReminderMailIT at {@code ORDER + 2}, before the fault tests. */
    static final int ORDER = Integer.MAX_VALUE / 2 + 50;

    /** The first administrator that FirstAdministratorIT creates through the set-up page. */
    static final String ADMIN = "root";
    static final String ADMIN_PASSWORD = "Erster-Admin-2026";

    private static final Pattern SETUP_LINK = Pattern.compile("/setup\\.xhtml\\?token=([A-Za-z0-9_-]{43})");

    private static MailPortal instance;

    final int smtpPort;
    final Portal portal;
    private GreenMail smtp;

    private MailPortal() throws Exception {
        smtpPort = Ports.free();
        startSmtp();
        // Mail retries 1 s, 2 s, 4 s, ... apart here (5 s, 10 s, ... by default), so ReminderMailIT's outage stays short.
        portal = Portal.start(Map.of("LOOPGATE_DEMO_DATA", "false", "LOOPGATE_MAIL_HOST", "127.0.0.1",
                "LOOPGATE_MAIL_PORT", String.valueOf(smtpPort), "LOOPGATE_MAIL_RETRY_DELAY", "1", "LOOPGATE_MAIL_RETRY_MAX_DELAY", "4"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            portal.stop();
            smtp.stop();
        }));
    }

    static synchronized MailPortal get() throws Exception {
        if (instance == null) {
            instance = new MailPortal();
        }
        return instance;
    }

    GreenMail smtp() {
        return smtp;
    }

    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    void stopSmtp() {
        smtp.stop();
    }

    /** Every set-up token the portal's log has printed (one, on an empty database). */
    java.util.List<String> setupTokens() throws Exception {
        Matcher m = SETUP_LINK.matcher(Files.readString(portal.server.log()));
        java.util.List<String> tokens = new java.util.ArrayList<>();
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    /**
     * The first administrator: made by FirstAdministratorIT through the set-up page when it ran; made here through
     * the set-up API with the token from the log when a test runs without it ({@code -Dit.test=ReminderMailIT}).
     */
    Api administrator() throws Exception {
        Api admin = Api.basic(portal.baseUrl(), ADMIN, ADMIN_PASSWORD);
        if (admin.get("me").status() == 401) {
            Api.Res made = Api.basic(portal.baseUrl(), null, null).post("public/setup", Api.obj().put("token", setupTokens().get(0))
                    .put("username", ADMIN).put("displayName", "首位管理员").put("email", "root@example.cn").put("password", ADMIN_PASSWORD));
            if (made.status() != 200 && made.status() != 201) {
                throw new IllegalStateException("first administrator not created: " + made.raw());
            }
        }
        return admin;
    }
}
