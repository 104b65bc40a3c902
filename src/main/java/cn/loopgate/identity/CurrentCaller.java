package cn.loopgate.identity;

import cn.loopgate.identity.oidc.OidcIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * The caller of the current request, resolved once. This is the identity seam: whatever
 * authenticated the request (built-in login, Basic auth on the API, Keycloak by OpenID Connect in the
 * browser or a bearer token on the API, a machine client's API credential), the rest
 * of the application sees a {@link Caller}. No principal means {@link Caller#SYSTEM}, which holds no
 * role and so passes no access check.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext security;
    @Inject
    UserDirectory directory;
    @Inject
    cn.loopgate.identity.oidc.OidcCallers oidcCallers;

    @Inject
    HttpServletRequest request;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            Caller machine = machineCaller();
            if (machine != null) {
                caller = machine;
                return caller;
            }
            Principal p = security.getCallerPrincipal();
            if (p == null) {
                // Not remembered: a sign-in later in this same request (a remembered device, audited before the
                // container is told) must be seen by the page that request renders.
                return Caller.SYSTEM;
            }
            OidcIdentity token = oidcIdentity(p.getName());
            caller = token != null ? oidcCallers.resolve(token) : directory.resolve(p);
        }
        return caller;
    }

    /** The machine client this request was signed in as ({@code MachineSignIn}), if any. */
    private Caller machineCaller() {
        try {
            return request.getAttribute(cn.loopgate.identity.machine.MachineSignIn.CALLER) instanceof Caller c
                    && security.getCallerPrincipal() != null && c.username().equals(security.getCallerPrincipal().getName()) ? c : null;
        } catch (IllegalStateException | jakarta.enterprise.context.ContextNotActiveException outsideRequest) {
            return null;
        }
    }

    /** The verified token behind this request (API) or this session (pages), when Keycloak signed the caller in. */
    private OidcIdentity oidcIdentity(String username) {
        Object found;
        try {
            found = request.getAttribute(OidcIdentity.ATTRIBUTE);
            if (found == null && request.getSession(false) != null) {
                found = request.getSession(false).getAttribute(OidcIdentity.ATTRIBUTE);
            }
        } catch (IllegalStateException | jakarta.enterprise.context.ContextNotActiveException outsideRequest) {
            return null;
        }
        return found instanceof OidcIdentity id && id.username().equals(username) ? id : null;
    }
}
