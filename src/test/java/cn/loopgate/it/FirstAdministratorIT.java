package cn.loopgate.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A production start: empty database, no demo data, built-in login. Nobody can sign in; the log carries a
 * one-time set-up link; the set-up page creates the first administrator once, and never again. That
 * administrator then builds the city's first firm and invites its manager, whose activation link arrives by
 * mail (a real SMTP server in the test). On the mail tests' portal ({@link MailPortal}), first.
 */
@Order(MailPortal.ORDER + 1)
class FirstAdministratorIT {

    static final String PASSWORD = MailPortal.ADMIN_PASSWORD;
    static Portal portal;
    static GreenMail smtp;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        MailPortal mailPortal = MailPortal.get();
        portal = mailPortal.portal;
        smtp = mailPortal.smtp();
        List<String> tokens = mailPortal.setupTokens();
        assertEquals(1, tokens.size(), "the start-up log carries the set-up link, printed once");
        token = tokens.get(0);
    }

    static ObjectNode setup(String token, String username, String password) {
        return Api.obj().put("token", token).put("username", username).put("displayName", "首位管理员")
                .put("email", "root@example.cn").put("password", password);
    }

    @Test
    void theFirstAdministratorIsCreatedOnceWithTheTokenFromTheLog() throws Exception {
        Api anonymous = Api.basic(portal.baseUrl(), null, null);
        assertEquals(401, Api.basic(portal.baseUrl(), "admin", "loopgate123").get("me").status(), "no demo users");

        Api.Res wrongToken = anonymous.post("public/setup", setup("x".repeat(43), "root", PASSWORD));
        assertEquals(403, wrongToken.status(), wrongToken.raw());
        Api.Res weak = anonymous.post("public/setup", setup(token, MailPortal.ADMIN, "root12345678"));
        assertEquals(400, weak.status(), weak.raw());
        assertNotNull(weak.errorFor("newPassword"), "contains the username: " + weak.raw());
        assertEquals(400, anonymous.post("public/setup", setup(token, MailPortal.ADMIN, "onlyletterslong")).status());
        assertEquals(400, anonymous.post("public/setup", setup(token, MailPortal.ADMIN, "a1")).status());

        // The login page of a production start points to the log, and advertises no demo logins.
        WebSession web = new WebSession();
        String login = web.get(portal.baseUrl() + "/login.xhtml").body();
        assertTrue(login.contains("系统中还没有管理员"), "the login page points to the set-up link");
        assertFalse(login.contains("loopgate123"), "no demo logins on a production start");

        // The page, as the person holding the log would use it: the link fills the token in.
        String url = portal.baseUrl() + "/setup.xhtml";
        String page = web.get(url + "?token=" + token).body();
        assertTrue(page.contains(token), "the token from the link is in the form");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("setup", "setup");
        form.put("setup:token", token);
        form.put("setup:username", "root");
        form.put("setup:displayName", "首位管理员");
        form.put("setup:email", "root@example.cn");
        form.put("setup:password", PASSWORD);
        form.put("setup:passwordRepeat", PASSWORD + "x");
        form.put("jakarta.faces.ViewState", WebSession.viewState(page));
        form.put("primefaces.nonce", WebSession.nonce(page));
        HttpResponse<String> mismatch = web.postForm(url, form, "setup:submit", false);
        assertTrue(mismatch.body().contains("两次输入的密码不一致"), "repeated password checked");
        form.put("setup:passwordRepeat", PASSWORD);
        form.put("jakarta.faces.ViewState", WebSession.viewState(mismatch.body()));
        HttpResponse<String> done = web.postForm(url, form, "setup:submit", false);
        assertTrue(done.body().contains("第一位管理员已创建"), done.body());

        Api root = Api.basic(portal.baseUrl(), "root", PASSWORD);
        Api.Res me = root.get("me");
        assertEquals(200, me.status(), me.raw());
        assertEquals("admin", me.json().get("role").asText());

        // Closed for good: the same token, another token, the page.
        Api.Res again = anonymous.post("public/setup", setup(token, "root2", PASSWORD));
        assertEquals(409, again.status(), again.raw());
        assertTrue(again.raw().contains("首次设置已关闭"), again.raw());
        assertTrue(new WebSession().get(url + "?token=" + token).body().contains("首次设置已关闭"));
        assertFalse(new WebSession().get(portal.baseUrl() + "/login.xhtml").body().contains("系统中还没有管理员"));
        assertEquals(1, root.get("users").json().size(), "one user: the administrator");

        try (Connection c = portal.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select actor, action, object_type, after_state from audit_entry where action = 'BOOTSTRAP'");
            assertTrue(rs.next(), "audited");
            assertEquals("system", rs.getString("actor"));
            assertEquals("User", rs.getString("object_type"));
            assertTrue(rs.getString("after_state").contains("root"));
            assertFalse(rs.next());
            ResultSet t = s.executeQuery("select count(*) from setup_token where used_by = 'root'");
            t.next();
            assertEquals(1, t.getInt(1), "the token is used up");
        }
        assertFalse(Files.readString(portal.server.log()).contains(PASSWORD), "the password is never logged");

        // The administrator's first work: a district, a park, a firm, and its manager invited by mail.
        long district = root.post("districts", Api.obj().put("code", "KS").put("name", "昆山市")).json().get("id").asLong();
        long park = root.post("parks", Api.obj().put("districtId", district).put("code", "KS-ETZ").put("name", "开发区")
                .put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00").put("passMaxDays", 30)).json().get("id").asLong();
        long firm = root.post("firms", TestData.firmBody(park, true, 80)).json().get("id").asLong();
        Api.Res invited = root.post("firms/" + firm + "/managers", Api.obj().put("username", "zhang.san")
                .put("displayName", "张三").put("email", "zhang.san@example.cn"));
        assertEquals(201, invited.status(), invited.raw());
        assertEquals("MAIL", invited.json().get("channels").get(0).asText());
        assertTrue(invited.json().path("link").isMissingNode() || invited.json().get("link").isNull(), "sent, so not shown to the inviter");
        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the activation mail arrives");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("zhang.san@example.cn", mail.getAllRecipients()[0].toString());
        Matcher link = Pattern.compile("/activate\\.xhtml\\?token=([A-Za-z0-9_-]{43})").matcher(String.valueOf(mail.getContent()));
        assertTrue(link.find(), String.valueOf(mail.getContent()));
        Api.Res activated = anonymous.post("public/accounts/activation",
                Api.obj().put("token", link.group(1)).put("newPassword", "Zhang-San-2026"));
        assertEquals(200, activated.status(), activated.raw());
        Api.Res manager = Api.basic(portal.baseUrl(), "zhang.san", "Zhang-San-2026").get("me");
        assertEquals(200, manager.status());
        assertEquals(firm, manager.json().get("firmId").asLong());
    }
}
