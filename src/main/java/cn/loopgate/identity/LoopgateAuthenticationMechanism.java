package cn.loopgate.identity;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a request becomes authenticated with the built-in user store:
 * <ul>
 *   <li>the login page calls {@code SecurityContext.authenticate} with a username and password;</li>
 *   <li>API clients send HTTP Basic credentials;</li>
 *   <li>once logged in, the session carries the caller's username as a plain attribute, which a
 *   Payara cluster replicates; each request re-applies it with the role read fresh from the database
 *   (so disabling a user or changing a role takes effect at once, on every node).</li>
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

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    UserDirectory directory;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return login(credential, request, context);
        }
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        String signedIn = session == null ? null : (String) session.getAttribute(SIGNED_IN);
        if (signedIn != null) {
            var user = directory.find(signedIn).filter(UserAccount::isEnabled);
            if (user.isPresent()) {
                return context.notifyContainerAboutLogin(signedIn, java.util.Set.of(user.get().getRole().group()));
            }
            session.removeAttribute(SIGNED_IN);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential basic = decodeBasic(authorization.substring(6).trim());
            if (basic != null) {
                CredentialValidationResult result = identityStores.validate(basic);
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Only pages are worth returning to (not the browser's own fetches such as /favicon.ico).
        if ("GET".equals(request.getMethod()) && (path.endsWith(".xhtml") || path.equals("/"))) {
            String target = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, target);
        }
        return context.redirect(request.getContextPath() + "/login.xhtml");
    }

    private AuthenticationStatus login(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(credential);
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
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"loopgate\", charset=\"UTF-8\"");
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
