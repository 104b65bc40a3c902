package cn.loopgate.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import java.security.Principal;

/**
 * The caller of the current request, resolved once. This is the identity seam: whatever
 * authenticated the request (built-in login, Basic auth on the API, later a Keycloak token), the rest
 * of the application sees a {@link Caller}. No principal means {@link Caller#SYSTEM}, which holds no
 * role and so passes no access check.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext security;
    @Inject
    UserDirectory directory;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            Principal p = security.getCallerPrincipal();
            caller = p == null ? Caller.SYSTEM : directory.resolve(p);
        }
        return caller;
    }
}
