package cn.loopgate.identity.oidc;

import cn.loopgate.shared.Jsonp;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The OpenID Connect relying party: reads the provider's discovery document, builds the
 * authorization and end-session URLs, exchanges an authorization code for tokens, and verifies
 * tokens (signature against the realm's JWKS, issuer, audience, expiry) with Nimbus JOSE+JWT, which
 * caches the keys and refetches them when Keycloak rotates its signing key.
 */
@ApplicationScoped
public class OidcClient {

    private static final Logger LOG = Logger.getLogger(OidcClient.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    OidcSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Provider provider;

    /** The endpoints and verifiers of the provider, read once from its discovery document. */
    private record Provider(String authorization, String token, String endSession, DefaultJWTProcessor<SecurityContext> tokens,
                            DefaultJWTProcessor<SecurityContext> logoutTokens) {
    }

    /** The event a back-channel logout token must carry (OpenID Connect Back-Channel Logout 1.0, section 2.4). */
    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** Whom a verified logout token signs out: a provider session ({@code sid}), else every session of {@code sub}. */
    public record Logout(String subject, String sessionId, java.time.Instant issuedAt) {
    }

    /** A token that is not valid for us. */
    public static class InvalidToken extends Exception {
        public InvalidToken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the browser must carry through the provider and back: state, nonce, PKCE verifier. */
    public record Pending(String state, String nonce, String verifier, String returnTo) implements java.io.Serializable {
        public static final String ATTRIBUTE = "loopgate.oidc.pending";

        public static Pending start(String returnTo) {
            return new Pending(random(), random(), random() + random(), returnTo);
        }
    }

    public String authorizationUrl(Pending p) {
        return provider().authorization() + "?" + form(Map.of(
                "response_type", "code",
                "client_id", settings.clientId(),
                "redirect_uri", settings.redirectUri(),
                "scope", "openid profile email",
                "state", p.state(),
                "nonce", p.nonce(),
                "code_challenge", challenge(p.verifier()),
                "code_challenge_method", "S256"));
    }

    /** The provider's logout, ending its session too; null when the provider has none. */
    public String endSessionUrl(String idToken) {
        String endSession = provider().endSession();
        if (endSession == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (idToken != null) {
            params.put("id_token_hint", idToken);
        }
        params.put("client_id", settings.clientId());
        params.put("post_logout_redirect_uri", settings.postLogoutUri());
        return endSession + "?" + form(params);
    }

    /** Exchanges the code from the callback for tokens and verifies the ID token (with its nonce). */
    public OidcIdentity redeem(String code, Pending pending) throws InvalidToken {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", settings.redirectUri());
        params.put("code_verifier", pending.verifier());
        String basic = Base64.getEncoder().encodeToString((enc(settings.clientId()) + ":" + enc(settings.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        JsonObject tokens;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(provider().token()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new InvalidToken("token endpoint answered " + r.statusCode() + ": " + r.body(), null);
            }
            tokens = parse(r.body());
        } catch (IOException e) {
            throw new InvalidToken("token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidToken("interrupted", e);
        }
        String idToken = tokens.getString("id_token", null);
        if (idToken == null) {
            throw new InvalidToken("no id_token in the token response", null);
        }
        JWTClaimsSet claims = verify(provider().tokens(), idToken, "ID");
        Object nonce = claims.getClaim("nonce");
        if (!pending.nonce().equals(nonce)) {
            throw new InvalidToken("nonce mismatch", null);
        }
        return identity(claims, idToken);
    }

    /** Verifies a bearer access token sent to the API. */
    public OidcIdentity verifyAccessToken(String token) throws InvalidToken {
        return identity(verify(provider().tokens(), token, "Bearer"), null);
    }

    /**
     * Verifies a back-channel logout token (section 2.6 of the specification): signed by the realm's key, our
     * issuer and audience, issued, carrying the logout event, a {@code sub} or {@code sid}, and no nonce.
     */
    public Logout verifyLogoutToken(String token) throws InvalidToken {
        try {
            JWTClaimsSet claims = provider().logoutTokens().process(token, null);
            if (!(claims.getClaim("events") instanceof Map<?, ?> events) || !events.containsKey(LOGOUT_EVENT)) {
                throw new InvalidToken("not a logout token: no back-channel logout event", null);
            }
            String sid = claims.getStringClaim("sid");
            if (claims.getSubject() == null && sid == null) {
                throw new InvalidToken("a logout token names neither sub nor sid", null);
            }
            return new Logout(claims.getSubject(), sid, claims.getIssueTime().toInstant());
        } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new InvalidToken(e.getMessage(), e);
        }
    }

    private JWTClaimsSet verify(DefaultJWTProcessor<SecurityContext> processor, String token, String type) throws InvalidToken {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Object typ = claims.getClaim("typ");
            if (typ != null && !type.equals(typ)) {
                throw new InvalidToken("token of type " + typ + " where " + type + " was expected", null);
            }
            return claims;
        } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new InvalidToken(e.getMessage(), e);
        }
    }

    private OidcIdentity identity(JWTClaimsSet claims, String idToken) throws InvalidToken {
        try {
            String username = claims.getStringClaim("preferred_username");
            if (username == null || username.isBlank()) {
                username = claims.getSubject();
            }
            String name = claims.getStringClaim("name");
            Set<String> roles = new LinkedHashSet<>(strings(claims.getClaim(settings.rolesClaim())));
            if (claims.getClaim("realm_access") instanceof Map<?, ?> realmAccess) {
                roles.addAll(strings(realmAccess.get("roles")));
            }
            List<String> firm = strings(claims.getClaim(settings.firmClaim()));
            return new OidcIdentity(username, name == null || name.isBlank() ? username : name, roles,
                    firm.isEmpty() ? null : firm.get(0), strings(claims.getClaim(settings.parksClaim())), idToken,
                    claims.getSubject(), claims.getStringClaim("sid"),
                    claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(),
                    claims.getClaim(settings.scopeClaim()) == null ? null : String.valueOf(claims.getClaim(settings.scopeClaim())));
        } catch (ParseException e) {
            throw new InvalidToken(e.getMessage(), e);
        }
    }

    private static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Iterable<?> values) {
            values.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof Object[] values) {
            for (Object v : values) {
                out.add(String.valueOf(v));
            }
        } else if (claim != null) {
            // A multivalued user attribute with one value may arrive as a plain string, or comma-separated.
            for (String v : String.valueOf(claim).split(",")) {
                if (!v.isBlank()) {
                    out.add(v.strip());
                }
            }
        }
        return out;
    }

    private Provider provider() {
        Provider p = provider;
        if (p == null) {
            synchronized (this) {
                if (provider == null) {
                    provider = discover();
                }
                p = provider;
            }
        }
        return p;
    }

    private Provider discover() {
        String url = settings.discoveryBase() + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("OpenID discovery " + url + " answered " + r.statusCode());
            }
            JsonObject doc = parse(r.body());
            if (!settings.issuer().equals(doc.getString("issuer"))) {
                throw new IllegalStateException("issuer mismatch: configured " + settings.issuer() + ", provider says " + doc.getString("issuer"));
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(doc.getString("jwks_uri")).toURL())
                    .retrying(true).build();
            return new Provider(doc.getString("authorization_endpoint"), doc.getString("token_endpoint"),
                    doc.getString("end_session_endpoint", null), processor(keys, settings.clientId()),
                    logoutProcessor(keys, settings.clientId()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "OpenID discovery failed: " + url, e);
            throw new IllegalStateException("OpenID provider unreachable: " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signature (RS256, key from the JWKS), exact issuer, our client in the audience, not expired. ID and
     * access tokens share it; {@link #verify} tells them apart by their {@code typ} claim.
     */
    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys, String audience) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp", "iat")));
        return p;
    }

    /**
     * For logout tokens: the same key and issuer, our client in the audience, {@code iat} and {@code events}
     * required, {@code nonce} forbidden (so an ID token cannot pass as one); the header type may be the
     * specification's {@code logout+jwt} or Keycloak's plain {@code JWT}.
     */
    private DefaultJWTProcessor<SecurityContext> logoutProcessor(JWKSource<SecurityContext> keys, String audience) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                new com.nimbusds.jose.JOSEObjectType("logout+jwt"), com.nimbusds.jose.JOSEObjectType.JWT, null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                // Mutable sets: the verifier asks them whether they contain null, which Set.of answers with an exception.
                new java.util.HashSet<>(List.of(audience)), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new java.util.HashSet<>(List.of("iat", "events")), new java.util.HashSet<>(List.of("nonce"))));
        return p;
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
