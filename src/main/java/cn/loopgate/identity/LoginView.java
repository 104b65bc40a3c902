package cn.loopgate.identity;

import cn.loopgate.identity.oidc.OidcClient;
import cn.loopgate.identity.oidc.OidcIdentity;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Clock;

/** The built-in login form and sign-out. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext security;
    @Inject
    UserDirectory directory;
    @Inject
    Clock clock;
    @Inject
    OidcSettings oidc;
    @Inject
    OidcClient oidcClient;
    @Inject
    RememberedDevices devices;
    @Inject
    @ConfigProperty(name = "loopgate.demo-data", defaultValue = "false")
    boolean demoData;

    private String username;
    private String password;
    /** "Keep me signed in on this device" (off unless ticked). */
    private boolean remember;

    public void login() throws IOException {
        FacesContext fc = FacesContext.getCurrentInstance();
        ExternalContext ec = fc.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ec.getRequest();
        String user = username == null ? "" : username.strip();
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) ec.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(user, password == null ? "" : password)));
        if (status == AuthenticationStatus.SUCCESS) {
            HttpSession old = request.getSession(false);
            String target = old == null ? null : (String) old.getAttribute(ReturnTarget.ATTRIBUTE);
            request.changeSessionId();
            if (old != null) {
                request.getSession().removeAttribute(ReturnTarget.ATTRIBUTE);
            }
            if (remember && !oidc.enabled()) {
                devices.remember(user, request, (HttpServletResponse) ec.getResponse());
            }
            ec.redirect(ec.getRequestContextPath() + (target == null || !target.startsWith("/") || target.startsWith("//") ? "/index.xhtml" : target));
            fc.responseComplete();
        } else if (status == AuthenticationStatus.SEND_CONTINUE) {
            fc.responseComplete();
        } else {
            // One answer for a wrong password, an unknown user and a lock-out: which one it was would tell an
            // attacker which usernames exist (issue 19).
            FacesSupport.error("login.refused");
            password = null;
        }
    }

    /** The demo users' hint: only where those users can sign in (demo data, built-in login). */
    public boolean isDemoHint() {
        return demoData && !oidc.enabled();
    }

    /** Signs out here and, after a Keycloak sign-in, at Keycloak too (its end-session endpoint). */
    public void logout() throws IOException, ServletException {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ec.getRequest();
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(OidcIdentity.ATTRIBUTE);
        String signedIn = session == null ? null : (String) session.getAttribute(BuiltInSignIn.SIGNED_IN);
        if (signedIn != null) {
            // "Sign out on this device": a remembered device stops being remembered too.
            devices.forgetThisDevice(signedIn, request, (HttpServletResponse) ec.getResponse());
            session.removeAttribute(BuiltInSignIn.SIGNED_IN);
        }
        request.logout();
        ec.invalidateSession();
        String endSession = oidc.enabled() ? oidcClient.endSessionUrl(token instanceof OidcIdentity id ? id.idToken() : null) : null;
        ec.redirect(endSession != null ? endSession : ec.getRequestContextPath() + "/login.xhtml");
    }

    /** Whether sign-in goes through Keycloak (the login page then offers that instead of the form). */
    public boolean isSingleSignOn() {
        return oidc.enabled();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public boolean isRemember() {
        return remember;
    }

    public void setRemember(boolean remember) {
        this.remember = remember;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
