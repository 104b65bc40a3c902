package cn.loopgate.shared.rest;

import cn.loopgate.shared.Messages;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery on the API. A browser signed in to the pages sends the session cookie with
 * requests to {@code /api/v1} too; SameSite=Lax keeps it off most cross-site requests, but not all (a
 * sibling subdomain, old browsers, top-level navigations). So a state-changing call (not GET, HEAD or
 * OPTIONS) that carries cookies and no {@code Authorization} header — the only kind a foreign page can
 * make a browser send — is refused with 403 when the browser says it comes from elsewhere:
 * {@code Sec-Fetch-Site: cross-site}, an {@code Origin} (or, without one, a {@code Referer}) of another
 * host, or an opaque {@code Origin: null}; and when its content type is one an HTML form or a "simple"
 * fetch can send without a CORS preflight ({@code text/plain}, form encodings), which no endpoint of this
 * API expects from a browser. Basic and Bearer clients send no ambient credentials and are not affected.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CrossSiteRequests implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SIMPLE = Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString("Authorization") != null
                || request.getCookies().isEmpty()) {
            return;
        }
        String host = request.getUriInfo().getBaseUri().getHost();
        String origin = request.getHeaderString("Origin");
        String referer = request.getHeaderString("Referer");
        MediaType type = request.getMediaType();
        boolean foreign = "cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))
                || (origin != null ? !sameHost(origin, host) : referer != null && !sameHost(referer, host))
                || (type != null && SIMPLE.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)));
        if (foreign) {
            List<Locale> accepted = request.getAcceptableLanguages();
            Locale locale = Messages.supported(accepted.isEmpty() ? null : accepted.get(0));
            request.abortWith(Problems.response(403, "error.crossSite", Messages.get(locale, "error.crossSite"), List.of(), locale));
        }
    }

    /** Same host name as the request was addressed to (scheme and port may differ behind a TLS proxy). */
    static boolean sameHost(String url, String host) {
        try {
            String h = URI.create(url.strip()).getHost();
            return h != null && h.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
