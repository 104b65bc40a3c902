package cn.loopgate.identity;

import cn.loopgate.identity.oidc.OidcClient;
import cn.loopgate.identity.oidc.OidcIdentity;
import cn.loopgate.identity.oidc.OidcSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * How a request becomes authenticated: the one place that chooses between the built-in user store and
 * an OpenID Connect provider (Keycloak), switched by {@link OidcSettings#enabled()}.
 * <p>
 * With OpenID Connect: pages use the authorization-code flow (with PKCE, state and nonce); the
 * provider sends the browser back to {@code /oidc/callback}, where the code is exchanged and the ID
 * token verified; API clients send {@code Authorization: Bearer <access token>} from the same realm.
 * The token's claims travel as an {@link OidcIdentity} (session or request) to {@link CurrentCaller};
 * a browser's identity stays in the session (replicated in a cluster) and is re-applied on each
 * request; the built-in form and Basic logins are then off.
 * <p>
 * With the built-in user store:
 * <ul>
 *   <li>the login page calls {@code SecurityContext.authenticate} with a username and password;</li>
 *   <li>API clients send HTTP Basic credentials;</li>
 *   <li>once logged in, the session carries the caller's username as a plain attribute, which a
 *   Payara cluster replicates; each request re-applies it with the role from {@link UserDirectory#resolve}
 *   (so disabling a user or changing a role takes effect at once on the node that made the change, and
 *   within {@code loopgate.identity.caller-cache-seconds} on the others).</li>
 * </ul>
 * API requests with Basic credentials stay stateless: no session is created for them.
 * An unauthenticated request for a protected page is sent to the login page (and back afterwards);
 * for the API it gets 401 with a problem body instead of a redirect.
 */
@ApplicationScoped
public class LoopgateAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Session attribute holding where to go after logging in. */
    public static final String RETURN_TO = "loopgate.returnTo";
    /** Session attribute holding the signed-in username (a String, so it replicates across nodes). */
    public static final String SIGNED_IN = "loopgate.signedIn";

    /** The page Keycloak sends the browser back to. */
    public static final String CALLBACK = "/oidc/callback";
    private static final Logger LOG = Logger.getLogger(LoopgateAuthenticationMechanism.class.getName());

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    UserDirectory directory;
    @Inject
    OidcSettings oidc;
    @Inject
    OidcClient oidcClient;
    /** Reverse proxies (their addresses, comma-separated) whose X-Forwarded-For names the client's address. */
    @Inject
    @ConfigProperty(name = "loopgate.proxy.trusted-addresses")
    java.util.Optional<String> trustedProxies;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // This runs before any servlet filter: its own answers (401, 503, redirects) need the headers too.
        cn.loopgate.shared.web.SecurityHeadersFilter.apply(request, response, cn.loopgate.shared.web.SecurityHeadersFilter.policy(oidc.enabled() ? oidc.issuer() : null));
        if (oidc.enabled()) {
            return validateWithOidc(request, response, context);
        }
        try {
            return validateBuiltIn(request, response, context);
        } catch (RuntimeException e) {
            if (!cn.loopgate.shared.rest.DomainExceptions.isDatabaseUnavailable(e)) {
                // Thrown on, the container would answer an empty 500 and log only a warning of its own
                // ("JASPIC: http msg authentication fail"): say it in the application's log and answer like the API.
                LOG.log(java.util.logging.Level.SEVERE, "authentication failed unexpectedly", e);
                return failure(request, response, 500, "error.internal", "http.500");
            }
            // The users live in the database: while it is away nobody can be checked. Say so, briefly.
            LOG.warning("database unavailable while authenticating: " + e);
            return failure(request, response, 503, "error.unavailable", "http.503");
        }
    }

    private AuthenticationStatus validateBuiltIn(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return login(credential, request, context);
        }
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        String signedIn = session == null ? null : (String) session.getAttribute(SIGNED_IN);
        if (signedIn != null) {
            Caller user = directory.resolve(signedIn);
            if (user.role() != null) {
                return context.notifyContainerAboutLogin(signedIn, java.util.Set.of(user.role().group()));
            }
            session.removeAttribute(SIGNED_IN);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential basic = decodeBasic(authorization.substring(6).trim());
            if (basic != null) {
                CredentialValidationResult result = validate(basic, request);
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return unauthorized(request, response, context);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request)) {
            return unauthorized(request, response, context);
        }
        rememberReturnTo(request);
        return context.redirect(request.getContextPath() + "/login.xhtml");
    }

    private AuthenticationStatus validateWithOidc(HttpServletRequest request, HttpServletResponse response,
                                                  HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                OidcIdentity identity = oidcClient.verifyAccessToken(authorization.substring(7).trim());
                request.setAttribute(OidcIdentity.ATTRIBUTE, identity);
                return context.notifyContainerAboutLogin(identity.username(), groups(identity));
            } catch (OidcClient.InvalidToken e) {
                LOG.fine(() -> "bearer token refused: " + e.getMessage());
                return unauthorizedBearer(request, response);
            }
        }
        if (path(request).equals(CALLBACK)) {
            return callback(request, response, context);
        }
        // A browser signed in through Keycloak: the session holds the verified identity (it replicates
        // across the cluster); re-apply it on each request.
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(OidcIdentity.ATTRIBUTE) instanceof OidcIdentity signedIn) {
            return context.notifyContainerAboutLogin(signedIn.username(), groups(signedIn));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request) || context.getAuthParameters().getCredential() != null || authorization != null) {
            return unauthorizedBearer(request, response);
        }
        OidcClient.Pending pending = OidcClient.Pending.start(returnTarget(request));
        request.getSession(true).setAttribute(OidcClient.Pending.ATTRIBUTE, pending);
        return context.redirect(oidcClient.authorizationUrl(pending));
    }

    /** Back from the provider: check the state, redeem the code, verify the ID token, sign in. */
    private AuthenticationStatus callback(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        var session = request.getSession(false);
        OidcClient.Pending pending = session == null ? null : (OidcClient.Pending) session.getAttribute(OidcClient.Pending.ATTRIBUTE);
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        if (pending == null || state == null || code == null || !pending.state().equals(state)) {
            // A stale or forged callback: start again from the landing page.
            return context.redirect(request.getContextPath() + "/index.xhtml");
        }
        session.removeAttribute(OidcClient.Pending.ATTRIBUTE);
        try {
            OidcIdentity identity = oidcClient.redeem(code, pending);
            request.changeSessionId();
            request.getSession().setAttribute(OidcIdentity.ATTRIBUTE, identity);
            request.getSession().setAttribute(RETURN_TO, pending.returnTo());
            return context.notifyContainerAboutLogin(identity.username(), groups(identity));
        } catch (OidcClient.InvalidToken e) {
            LOG.log(Level.WARNING, "OpenID Connect sign-in refused: " + e.getMessage());
            return context.redirect(request.getContextPath() + "/error/403.xhtml");
        }
    }

    /** The container groups (and so roles, glassfish-web.xml) are the token's realm roles that Loopgate knows. */
    private static Set<String> groups(OidcIdentity identity) {
        return identity.roles().stream().filter(r -> Role.ofGroup(r).isPresent()).collect(Collectors.toSet());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String returnTarget(HttpServletRequest request) {
        String path = path(request);
        if ("GET".equals(request.getMethod()) && (path.endsWith(".xhtml") || path.equals("/"))) {
            return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        }
        return "/index.xhtml";
    }

    private static void rememberReturnTo(HttpServletRequest request) {
        String path = path(request);
        // Only pages are worth returning to (not the browser's own fetches such as /favicon.ico).
        if ("GET".equals(request.getMethod()) && (path.endsWith(".xhtml") || path.equals("/"))) {
            String target = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, target);
        }
    }

    /** Checks a credential, telling the check where it comes from (sign-in failures count per source address). */
    private CredentialValidationResult validate(Credential credential, HttpServletRequest request) {
        LoginThrottle.SOURCE.set(source(request));
        try {
            return identityStores.validate(credential);
        } finally {
            LoginThrottle.SOURCE.remove();
        }
    }

    /**
     * Where a sign-in comes from: the TCP peer, or, when the peer is a configured reverse proxy, the last address
     * in its X-Forwarded-For (the one that proxy added; earlier entries are the client's to invent).
     */
    String source(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && trustedProxies != null && trustedProxies.isPresent()
                && java.util.Arrays.stream(trustedProxies.get().split(",")).map(String::strip).anyMatch(peer::equals)) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return peer;
    }

    private AuthenticationStatus login(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = validate(credential, request);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            request.getSession(true).setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
            return context.notifyContainerAboutLogin(result);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context) {
        return unauthorized(request, response, "Basic realm=\"loopgate\", charset=\"UTF-8\"");
    }

    private static AuthenticationStatus unauthorizedBearer(HttpServletRequest request, HttpServletResponse response) {
        return unauthorized(request, response, "Bearer realm=\"loopgate\"");
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response, String challenge) {
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", challenge);
            response.setContentType("application/problem+json;charset=UTF-8");
            boolean english = request.getLocale() != null && "en".equals(request.getLocale().getLanguage());
            String detail = english ? "Sign in first." : "请先登录。";
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"code\":\"error.unauthenticated\",\"detail\":\"" + detail + "\",\"errors\":[]}");
        } catch (IOException e) {
            // The client went away; nothing to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * A short answer of the mechanism itself, in the caller's language: problem+json for the API, a small page
     * otherwise (503 while the database is away, with Retry-After: the pool reconnects by itself).
     */
    private static AuthenticationStatus failure(HttpServletRequest request, HttpServletResponse response, int status,
                                                String code, String titleKey) {
        try {
            java.util.Locale locale = cn.loopgate.shared.Messages.supported(request.getLocale());
            String detail = cn.loopgate.shared.Messages.get(locale, code);
            String title = cn.loopgate.shared.Messages.get(locale, titleKey);
            response.setStatus(status);
            if (status == 503) {
                response.setHeader("Retry-After", "10");
            }
            if (isApi(request)) {
                response.setContentType("application/problem+json;charset=UTF-8");
                response.getWriter().write(Json.createObjectBuilder().add("type", "about:blank").add("title", title)
                        .add("status", status).add("code", code).add("detail", detail)
                        .add("errors", Json.createArrayBuilder()).build().toString());
            } else {
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
                        + "</h1><p>" + detail + "</p></body></html>");
            }
        } catch (IOException e) {
            // The client went away.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    static UsernamePasswordCredential decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
