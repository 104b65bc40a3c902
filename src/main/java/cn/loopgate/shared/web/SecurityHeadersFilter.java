package cn.loopgate.shared.web;

import cn.loopgate.identity.oidc.OidcSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Security headers on every response. Scripts come only from this origin. This policy still lists
 * 'unsafe-inline' for scripts, but on pages PrimeFaces' nonce mode (primefaces.CSP in web.xml) adds a
 * second policy that allows only scripts carrying the response's nonce, and browsers enforce both
 * (docs/security.md). Output is escaped by Facelets, so user text never becomes script. No framing, no plugins, forms post only here. Pages are not cached: they show
 * personal data.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    OidcSettings oidc;
    private String csp = CSP;

    @Override
    public void init() {
        // Signing out posts a form here that redirects to Keycloak's logout: browsers apply form-action to that redirect.
        if (oidc != null && oidc.enabled()) {
            csp = CSP.replace("form-action 'self'", "form-action 'self' " + oidc.issuerOrigin());
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
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
        chain.doFilter(request, response);
    }
}
