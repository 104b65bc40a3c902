package cn.loopgate.it;

import cn.loopgate.demo.Fakes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manager accounts by invitation on the shared portal (no mail server, no SMS gateway: the inviter gets the
 * one-time link to hand over): activation, own password change, reset by the park's liaison, disabling,
 * "forgot my password" that says nothing, and the SMS log that never shows the number or the link.
 */
class ManagerAccountsIT {

    static final Fakes FAKES = new Fakes(System.nanoTime());
    static Portal portal;
    static Api admin;
    static Api liaison;
    static long firm;
    static long otherFirm;

    @BeforeAll
    static void start() {
        portal = Portal.get();
        admin = portal.api("admin");
        liaison = portal.api("liaison.cd");
        firm = TestData.newFirm(admin, "CD-ETZ", true, 120);
        otherFirm = TestData.newFirm(admin, "BJ-IND", true, 120);
    }

    static String username() {
        return "inv" + FAKES.random().nextInt(100_000_000);
    }

    static ObjectNode invitation(String username, String email, String phone) {
        ObjectNode o = Api.obj().put("username", username).put("displayName", FAKES.personName());
        if (email != null) {
            o.put("email", email);
        }
        if (phone != null) {
            o.put("phone", phone);
        }
        return o;
    }

    static String tokenOf(Api.Res delivery) {
        String link = delivery.json().get("link").asText();
        assertTrue(link.startsWith("/activate.xhtml?token="), link);
        return link.substring(link.indexOf('=') + 1);
    }

    static Api.Res activate(String token, String password) {
        return Api.basic(portal.baseUrl(), null, null).post("public/accounts/activation",
                Api.obj().put("token", token).put("newPassword", password));
    }

    static int me(String user, String password) {
        return Api.basic(portal.baseUrl(), user, password).get("me").status();
    }

    @Test
    void aLiaisonInvitesAManagerWhoActivatesChangesAndIsReset() throws Exception {
        String user = username();
        Api.Res invited = liaison.post("firms/" + firm + "/managers", invitation(user, user + "@example.cn", null));
        assertEquals(201, invited.status(), invited.raw());
        assertEquals(0, invited.json().get("channels").size(), "no mail server on this portal");
        String token = tokenOf(invited);
        long id = invited.json().get("userId").asLong();
        assertEquals(401, me(user, "Anything-123"), "no password before activation");

        Api.Res weak = activate(token, "short1");
        assertEquals(400, weak.status(), weak.raw());
        assertNotNull(weak.errorFor("newPassword"));
        assertEquals(200, activate(token, "Werk-Sicher-2026").status());
        assertEquals(403, activate(token, "Werk-Sicher-2027").status(), "the link works once");
        assertEquals(200, me(user, "Werk-Sicher-2026"));
        var list = liaison.get("firms/" + firm + "/managers").json();
        boolean activated = false;
        for (var m : list) {
            if (m.get("username").asText().equals(user)) {
                activated = m.get("activated").asBoolean();
            }
        }
        assertTrue(activated, list.toString());

        Api manager = Api.basic(portal.baseUrl(), user, "Werk-Sicher-2026");
        Api.Res wrong = manager.put("me/password", Api.obj().put("currentPassword", "nope-12345").put("newPassword", "Neues-Passwort-1"));
        assertEquals(400, wrong.status());
        assertNotNull(wrong.errorFor("currentPassword"));
        Api.Res changed = manager.put("me/password", Api.obj().put("currentPassword", "Werk-Sicher-2026")
                .put("newPassword", "Neues-Passwort-1"));
        assertEquals(204, changed.status(), changed.raw());
        assertEquals(401, me(user, "Werk-Sicher-2026"));
        assertEquals(200, me(user, "Neues-Passwort-1"));

        Api.Res reset = liaison.post("accounts/" + id + "/reset", null);
        assertEquals(200, reset.status(), reset.raw());
        assertEquals(401, me(user, "Neues-Passwort-1"), "a reset stops the old password at once");
        assertEquals(200, activate(tokenOf(reset), "Nach-Reset-2026").status());
        assertEquals(200, me(user, "Nach-Reset-2026"));

        assertEquals(200, liaison.post("accounts/" + id + "/disable", null).status());
        assertEquals(401, me(user, "Nach-Reset-2026"), "disabled at once on this node");
        assertEquals(200, liaison.post("accounts/" + id + "/enable", null).status());
        assertEquals(200, me(user, "Nach-Reset-2026"));

        assertEquals(List.of("INVITE", "ACTIVATE", "PASSWORD", "RESET", "PASSWORD_RESET", "DISABLE", "ENABLE"), auditActions(id));
    }

    @Test
    void aLiaisonManagesOnlyTheirParksManagersAndInvitationsAreValidated() {
        assertEquals(404, liaison.post("firms/" + otherFirm + "/managers", invitation(username(), "x@example.cn", null)).status());
        String otherUser = username();
        Api.Res other = admin.post("firms/" + otherFirm + "/managers", invitation(otherUser, otherUser + "@example.cn", null));
        assertEquals(201, other.status(), other.raw());
        long otherId = other.json().get("userId").asLong();
        assertEquals(404, liaison.post("accounts/" + otherId + "/reset", null).status());
        assertEquals(404, liaison.post("accounts/" + otherId + "/disable", null).status());
        assertEquals(403, portal.api("analyst").post("accounts/" + otherId + "/disable", null).status());

        Api.Res noChannel = liaison.post("firms/" + firm + "/managers", invitation(username(), null, null));
        assertEquals(400, noChannel.status());
        assertNotNull(noChannel.errorFor("email"), noChannel.raw());
        Api.Res duplicate = liaison.post("firms/" + firm + "/managers", invitation(otherUser, "d@example.cn", null));
        assertEquals(400, duplicate.status());
        assertNotNull(duplicate.errorFor("username"));
    }

    @Test
    void forgottenPasswordAnswersTheSameAndSendsOnlyWhereItCan() throws Exception {
        String user = username();
        Api.Res invited = admin.post("firms/" + firm + "/managers", invitation(user, user + "@example.cn", null));
        assertEquals(200, activate(tokenOf(invited), "Erstes-Passwort-1").status());
        long id = invited.json().get("userId").asLong();
        Api anonymous = Api.basic(portal.baseUrl(), null, null);
        Api.Res known = anonymous.post("public/accounts/password-reset", Api.obj().put("username", user));
        Api.Res unknown = anonymous.post("public/accounts/password-reset", Api.obj().put("username", "nobody-" + user));
        assertEquals(202, known.status());
        assertEquals(known.status(), unknown.status());
        assertEquals(known.raw(), unknown.raw(), "the same answer whether or not the account exists");
        assertEquals(200, me(user, "Erstes-Passwort-1"), "a self-service request does not stop the password");
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from activation_token where user_id = ? and purpose = 'RESET' and used_at is not null")) {
            s.setLong(1, id);
            ResultSet rs = s.executeQuery();
            rs.next();
            assertEquals(1, rs.getInt(1), "no channel could carry it, and nobody else may see it: voided at once");
        }
    }

    @Test
    void anSmsInvitationWithoutGatewayLogsNeitherTheNumberNorTheLink() throws Exception {
        String phone = FAKES.mobile();
        Api.Res invited = admin.post("firms/" + firm + "/managers", invitation(username(), null, phone));
        assertEquals(201, invited.status(), invited.raw());
        String token = tokenOf(invited);
        Thread.sleep(500);
        String log = Files.readString(portal.server.log());
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        assertTrue(log.contains("SMS to " + masked), "the due text is logged, masked");
        assertFalse(log.contains(phone), "never the full number");
        assertFalse(log.contains(token), "never the link");
        assertNull(invited.json().get("channels").get(0), "a logging sender delivers nothing");
    }

    static List<String> auditActions(long userId) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select action from audit_entry where object_type = 'User' and object_id = ? order by at, id")) {
            s.setLong(1, userId);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }
}
