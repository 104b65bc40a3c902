package cn.loopgate.identity.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.Optional;

/**
 * Whether Loopgate signs people in through an OpenID Connect provider (Keycloak), and which one.
 * Switched on by {@code loopgate.oidc.issuer} (env {@code LOOPGATE_OIDC_ISSUER}, e.g.
 * {@code https://sso.example.cn/realms/loopgate}) with {@code loopgate.oidc.client-id} and
 * {@code loopgate.oidc.client-secret}; without an issuer the built-in login is used.
 */
@ApplicationScoped
public class OidcSettings {

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String publicUrl;
    private final String firmClaim;
    private final String parksClaim;
    private final String rolesClaim;
    private final String scopeClaim;
    private final String internalIssuer;

    public OidcSettings() {
        Config c = ConfigProvider.getConfig();
        issuer = strip(c.getOptionalValue("loopgate.oidc.issuer", String.class));
        clientId = c.getOptionalValue("loopgate.oidc.client-id", String.class).orElse("loopgate-portal");
        clientSecret = c.getOptionalValue("loopgate.oidc.client-secret", String.class).orElse("");
        publicUrl = strip(c.getOptionalValue("loopgate.public-url", String.class));
        firmClaim = c.getOptionalValue("loopgate.oidc.firm-claim", String.class).orElse("firm_credit_code");
        parksClaim = c.getOptionalValue("loopgate.oidc.parks-claim", String.class).orElse("park_codes");
        rolesClaim = c.getOptionalValue("loopgate.oidc.roles-claim", String.class).orElse("groups");
        scopeClaim = c.getOptionalValue("loopgate.oidc.scope-claim", String.class).orElse("loopgate_scope");
        internalIssuer = strip(c.getOptionalValue("loopgate.oidc.internal-issuer", String.class));
    }

    private static String strip(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty()).map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v)
                .orElse(null);
    }

    public boolean enabled() {
        return issuer != null;
    }

    public String issuer() {
        return issuer;
    }

    /** scheme://host[:port] of the issuer, for the Content-Security-Policy's form-action. */
    public String issuerOrigin() {
        if (issuer == null) {
            return null;
        }
        URI u = URI.create(issuer);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /**
     * Where this node reads the discovery document: the realm on Keycloak's internal address when
     * {@code loopgate.oidc.internal-issuer} is set (e.g. {@code http://127.0.0.1:18180/auth/realms/loopgate}),
     * else the public issuer. Keycloak started with {@code --hostname-backchannel-dynamic=true} then
     * answers with the internal token and key endpoints while the issuer and the browser's endpoints stay public.
     */
    public String discoveryBase() {
        return internalIssuer != null ? internalIssuer : issuer;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Where Keycloak sends the browser back after signing in: {@code <public-url>/oidc/callback}. */
    public String redirectUri() {
        return (publicUrl == null ? "http://localhost:8080" : publicUrl) + "/oidc/callback";
    }

    /** Where Keycloak sends the browser after signing out. */
    public String postLogoutUri() {
        return (publicUrl == null ? "http://localhost:8080" : publicUrl) + "/login.xhtml";
    }

    /** The claim naming a service account's machine scope (FIRM, PARK, GATE); absent on people's tokens. */
    public String scopeClaim() {
        return scopeClaim;
    }

    public String firmClaim() {
        return firmClaim;
    }

    public String parksClaim() {
        return parksClaim;
    }

    public String rolesClaim() {
        return rolesClaim;
    }
}
