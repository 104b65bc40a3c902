package cn.loopgate.identity;

import cn.loopgate.identity.machine.ApiTokens;
import cn.loopgate.identity.machine.MachineSignIn;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.identity.oidc.OidcSignIn;
import cn.loopgate.shared.persistence.DatabaseBreaker;
import cn.loopgate.shared.rest.DomainExceptions;
import cn.loopgate.shared.web.SecurityHeadersFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a request becomes authenticated: the one place that chooses between the built-in user store
 * ({@link BuiltInSignIn}) and an OpenID Connect provider such as Keycloak ({@link OidcSignIn}), switched by
 * {@link OidcSettings#enabled()}. A machine client's API credential ({@code Bearer lgk_...}, {@link MachineSignIn}) is
 * recognised by its prefix before either, so it works with and without Keycloak. It runs before any servlet filter, so it applies the security headers to its
 * own answers (401, 503, redirects) first.
 */
@ApplicationScoped
public class LoopgateAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(LoopgateAuthenticationMechanism.class.getName());

    @Inject
    OidcSettings oidc;
    @Inject
    OidcSignIn oidcSignIn;
    @Inject
    BuiltInSignIn builtIn;
    @Inject
    MachineSignIn machines;
    @Inject
    DatabaseBreaker database;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        SecurityHeadersFilter.apply(request, response, SecurityHeadersFilter.policy(oidc.enabled() ? oidc.issuer() : null));
        if (needsDatabase(request) && !database.admits()) {
            // PostgreSQL is known to be away: say so now instead of after the pool's ten-second wait.
            return Answers.failure(request, response, 503, "error.unavailable");
        }
        try {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && ApiTokens.looksLikeOne(authorization.substring(7).strip())) {
                return machines.validate(authorization.substring(7).strip(), request, response, context);
            }
            return oidc.enabled() ? oidcSignIn.validate(request, response, context) : builtIn.validate(request, response, context);
        } catch (RuntimeException e) {
            if (!DomainExceptions.isDatabaseUnavailable(e)) {
                // Thrown on, the container would answer an empty 500 and log only a warning of its own
                // ("JASPIC: http msg authentication fail"): say it in the application's log and answer like the API.
                LOG.log(Level.SEVERE, "authentication failed unexpectedly", e);
                return Answers.failure(request, response, 500, "error.internal");
            }
            // The users (and ended provider sessions) live in the database: while it is away nobody can be checked.
            LOG.warning("database unavailable while authenticating: " + e);
            DatabaseBreaker.failed(e);
            return Answers.failure(request, response, 503, "error.unavailable");
        }
    }

    /** The API and the pages; not the health checks (they report the outage) nor static resources. */
    static boolean needsDatabase(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.endsWith(".xhtml") || path.equals("/");
    }
}
