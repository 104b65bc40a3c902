package cn.loopgate.identity.oidc;

import cn.loopgate.identity.Answers;
import cn.loopgate.identity.ReturnTarget;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.machine.ApiScope;
import cn.loopgate.identity.machine.MachineSignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sign-in through an OpenID Connect provider (Keycloak): pages use the authorization-code flow (with PKCE,
 * state and nonce); the provider sends the browser back to {@link #CALLBACK}, where the code is exchanged and
 * the ID token verified; API clients send {@code Authorization: Bearer <access token>} from the same realm.
 * The token's claims travel as an {@link OidcIdentity} (session or request) to {@code CurrentCaller}; a
 * browser's identity stays in the session (replicated in a cluster) and is re-applied on each request, unless
 * the provider ended its session meanwhile ({@link EndedSessions}, fed by back-channel logout). The built-in
 * form and Basic logins are then off. A token carrying a machine scope ({@link OidcIdentity#machineScope()}, a
 * service account's client-credentials token) is a machine client: it reaches only its scope's allow-list.
 */
@ApplicationScoped
public class OidcSignIn {

    /** The page the provider sends the browser back to. */
    public static final String CALLBACK = "/oidc/callback";
    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());

    @Inject
    OidcClient client;
    @Inject
    EndedSessions endedSessions;

    public AuthenticationStatus validate(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                OidcIdentity identity = client.verifyAccessToken(authorization.substring(7).trim());
                if (endedSessions.ended(identity)) {
                    return unauthorized(request, response);
                }
                if (identity.machineScope() != null) {
                    // A service account (client-credentials grant): a machine client, held to its scope's allow-list.
                    ApiScope scope = OidcCallers.scopeOf(identity);
                    if (scope == null || !MachineSignIn.allowed(scope, request)) {
                        return MachineSignIn.forbidden(request, response);
                    }
                    request.setAttribute(OidcIdentity.ATTRIBUTE, identity);
                    return context.notifyContainerAboutLogin(identity.username(), Set.of(scope.role().group()));
                }
                request.setAttribute(OidcIdentity.ATTRIBUTE, identity);
                return context.notifyContainerAboutLogin(identity.username(), groups(identity));
            } catch (OidcClient.InvalidToken e) {
                LOG.fine(() -> "bearer token refused: " + e.getMessage());
                return unauthorized(request, response);
            }
        }
        String path = ReturnTarget.path(request);
        if (path.equals(CALLBACK)) {
            return callback(request, context);
        }
        if (path.equals(BackChannelLogoutServlet.PATH)) {
            return context.doNothing();
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(OidcIdentity.ATTRIBUTE) instanceof OidcIdentity signedIn) {
            if (!endedSessions.ended(signedIn)) {
                return context.notifyContainerAboutLogin(signedIn.username(), groups(signedIn));
            }
            // The provider ended this session (back-channel logout): this one ends too.
            session.invalidate();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (Answers.isApi(request) || context.getAuthParameters().getCredential() != null || authorization != null) {
            return unauthorized(request, response);
        }
        String target = ReturnTarget.of(request);
        OidcClient.Pending pending = OidcClient.Pending.start(target == null ? "/index.xhtml" : target);
        request.getSession(true).setAttribute(OidcClient.Pending.ATTRIBUTE, pending);
        return context.redirect(client.authorizationUrl(pending));
    }

    /** Back from the provider: check the state, redeem the code, verify the ID token, sign in. */
    private AuthenticationStatus callback(HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        OidcClient.Pending pending = session == null ? null : (OidcClient.Pending) session.getAttribute(OidcClient.Pending.ATTRIBUTE);
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        if (pending == null || state == null || code == null || !pending.state().equals(state)) {
            // A stale or forged callback: start again from the landing page.
            return context.redirect(request.getContextPath() + "/index.xhtml");
        }
        session.removeAttribute(OidcClient.Pending.ATTRIBUTE);
        try {
            OidcIdentity identity = client.redeem(code, pending);
            request.changeSessionId();
            request.getSession().setAttribute(OidcIdentity.ATTRIBUTE, identity);
            request.getSession().setAttribute(ReturnTarget.ATTRIBUTE, pending.returnTo());
            return context.notifyContainerAboutLogin(identity.username(), groups(identity));
        } catch (OidcClient.InvalidToken e) {
            LOG.log(Level.WARNING, "OpenID Connect sign-in refused: " + e.getMessage());
            return context.redirect(request.getContextPath() + "/error/403.xhtml");
        }
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response) {
        return Answers.unauthorized(request, response, "Bearer realm=\"loopgate\"");
    }

    /** The container groups (and so roles, glassfish-web.xml) are the token's realm roles that Loopgate knows. */
    private static Set<String> groups(OidcIdentity identity) {
        return identity.roles().stream().filter(r -> Role.ofGroup(r).isPresent()).collect(Collectors.toSet());
    }
}
