package cn.loopgate.identity.oidc;

import cn.loopgate.shared.Jsonp;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * OpenID Connect Back-Channel Logout: the provider (Keycloak) posts a signed logout token here when a user's
 * session ends on its side — signed out elsewhere, disabled, or their sessions revoked by an operator. The
 * token is verified like an ID token ({@link OidcClient#verifyLogoutToken}); the session it names is recorded
 * in {@link EndedSessions}, which every node consults, and the moment is audited. Keycloak finds this address
 * in the client's {@code backchannel.logout.url} (docs/security.md, "Keycloak").
 */
@WebServlet(BackChannelLogoutServlet.PATH)
public class BackChannelLogoutServlet extends HttpServlet {

    public static final String PATH = "/oidc/backchannel-logout";
    private static final Logger LOG = Logger.getLogger(BackChannelLogoutServlet.class.getName());

    @Inject
    OidcSettings settings;
    @Inject
    OidcClient client;
    @Inject
    EndedSessions ended;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!settings.enabled()) {
            response.sendError(404);
            return;
        }
        String token = request.getParameter("logout_token");
        if (token == null || token.isBlank()) {
            LOG.warning("back-channel logout refused: no logout_token (content type " + request.getContentType() + ")");
            refuse(response, "no logout_token");
            return;
        }
        OidcClient.Logout logout;
        try {
            logout = client.verifyLogoutToken(token);
        } catch (OidcClient.InvalidToken e) {
            LOG.warning("back-channel logout refused: " + e.getMessage());
            refuse(response, e.getMessage());
            return;
        }
        ended.record(logout);
        response.setStatus(200);
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json;charset=UTF-8");
        // The specification's error answer; the reason is the token library's, never personal data.
        response.getWriter().write(Jsonp.PROVIDER.createObjectBuilder().add("error", "invalid_request")
                .add("error_description", why == null ? "invalid logout token" : why).build().toString());
    }
}
