package cn.loopgate.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the login page tells a visitor besides the form: the demo logins only where the demo city was
 * seeded (a production start must not advertise them), and, while no administrator exists, where the
 * first one is created.
 */
@Named
@RequestScoped
public class LoginHints {

    @Inject
    FirstAdministrator setup;
    @Inject
    @ConfigProperty(name = "loopgate.demo-data", defaultValue = "false")
    boolean demo;

    @Inject
    cn.loopgate.identity.oidc.OidcSettings oidc;

    /**
     * The demo users' hint: only with the built-in login. With Keycloak on, the realm decides who exists and what
     * their passwords are; the portal must not advertise a password there.
     */
    public boolean isDemo() {
        return demo && !oidc.enabled();
    }

    public boolean isSetupOpen() {
        return setup.open();
    }
}
