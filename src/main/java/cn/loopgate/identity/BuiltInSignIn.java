package cn.loopgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in sign-in (no identity provider configured):
 * <ul>
 *   <li>the login page calls {@code SecurityContext.authenticate} with a username and password;</li>
 *   <li>API clients send HTTP Basic credentials, statelessly (no session is created for them);</li>
 *   <li>once signed in, the session carries the username as a plain attribute, which a Payara cluster
 *   replicates; each request re-applies it with the role from {@link UserDirectory#resolve} (so disabling a user
 *   or changing a role takes effect at once on the node that made the change, and within
 *   {@code loopgate.identity.caller-cache-seconds} on the others);</li>
 *   <li>a page request without a session but with a remembered device's cookie ({@link RememberedDevices}) signs
 *   its holder in again without a password, in a new session.</li>
 * </ul>
 * An unauthenticated request for a protected page is sent to the login page (and back afterwards); for the
 * API it gets 401 with a problem body.
 */
@ApplicationScoped
public class BuiltInSignIn {

    /** Session attribute holding the signed-in username (a String, so it replicates across nodes). */
    public static final String SIGNED_IN = "loopgate.signedIn";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    UserDirectory directory;
    @Inject
    RememberedDevices devices;
    /** Reverse proxies (their addresses, comma-separated) whose X-Forwarded-For names the client's address. */
    @Inject
    @ConfigProperty(name = "loopgate.proxy.trusted-addresses")
    Optional<String> trustedProxies;

    AuthenticationStatus validate(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return login(credential, request, context);
        }
        HttpSession session = request.getSession(false);
        String signedIn = session == null ? null : (String) session.getAttribute(SIGNED_IN);
        if (signedIn != null) {
            Caller user = directory.resolve(signedIn);
            if (user.role() != null) {
                return context.notifyContainerAboutLogin(signedIn, Set.of(user.role().group()));
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
            return unauthorized(request, response);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (!Answers.isApi(request) && RememberedDevices.cookie(request) != null) {
            String remembered = devices.redeem(request, response);
            Caller user = remembered == null ? null : directory.resolve(remembered);
            if (user != null && user.role() != null) {
                // A new session id, as after a password sign-in: an id planted before cannot become signed in.
                if (session != null) {
                    request.changeSessionId();
                }
                request.getSession(true).setAttribute(SIGNED_IN, remembered);
                return context.notifyContainerAboutLogin(remembered, Set.of(user.role().group()));
            }
        }
        if (Answers.isApi(request)) {
            return unauthorized(request, response);
        }
        ReturnTarget.remember(request);
        return context.redirect(request.getContextPath() + "/login.xhtml");
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response) {
        return Answers.unauthorized(request, response, "Basic realm=\"loopgate\", charset=\"UTF-8\"");
    }

    private AuthenticationStatus login(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = validate(credential, request);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            request.getSession(true).setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
            return context.notifyContainerAboutLogin(result);
        }
        return AuthenticationStatus.SEND_FAILURE;
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
                && Arrays.stream(trustedProxies.get().split(",")).map(String::strip).anyMatch(peer::equals)) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return peer;
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
