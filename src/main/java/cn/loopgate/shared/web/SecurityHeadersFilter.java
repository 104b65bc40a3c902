package cn.loopgate.shared.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Security headers on every response. Scripts come only from this origin. This policy still lists
 * 'unsafe-inline' for scripts, but on pages PrimeFaces' nonce mode (primefaces.CSP in web.xml) adds a
 * second policy that allows only scripts carrying the response's nonce, and browsers enforce both
 * (docs/security.md). Output is escaped by Facelets, so user text never becomes script. No framing, no plugins, forms post only here. Pages are not cached: they show
 * personal data.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The OpenID Connect issuer, read as plain configuration: shared plumbing must not depend on the
     * identity feature, and the header needs only the issuer's origin.
     */
    @Inject
    @ConfigProperty(name = "loopgate.oidc.issuer")
    Optional<String> oidcIssuer;
    private String csp = CSP;

    @Override
    public void init() {
        // Signing out posts a form here that redirects to Keycloak's logout: browsers apply form-action to that redirect.
        csp = policy(oidcIssuer == null ? null : oidcIssuer.orElse(null));
    }

    /** scheme://host[:port] of an issuer URL, or null when none is configured. */
    static String origin(String issuer) {
        String value = issuer.strip();
        if (value.isEmpty()) {
            return null;
        }
        URI u = URI.create(value);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response, csp);
        chain.doFilter(request, response);
    }

    /** The policy for this deployment (Keycloak's origin added to form-action when it signs people in). */
    public static String policy(String issuer) {
        String origin = issuer == null ? null : origin(issuer);
        return origin == null ? CSP : CSP.replace("form-action 'self'", "form-action 'self' " + origin);
    }

    /**
     * Sets the headers. Also called by the authentication mechanism, which answers 401, 503 and redirects
     * before any servlet filter runs (those answers lacked the headers, issue 19).
     */
    public static void apply(HttpServletRequest request, HttpServletResponse response, String csp) {
        response.setHeader("Content-Security-Policy", csp);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)");
        String uri = request.getRequestURI();
        if (!uri.contains("/jakarta.faces.resource/") && !uri.contains("/resources/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (ForwardedHeaders.isSecure(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
