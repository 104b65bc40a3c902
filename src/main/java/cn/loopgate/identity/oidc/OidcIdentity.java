package cn.loopgate.identity.oidc;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a verified token says about its bearer: the username, the realm roles, the firm (credit
 * code) a manager belongs to and the parks (codes) a liaison officer covers. Kept in the session
 * after a browser login (with the ID token, needed to end the Keycloak session), or in the request
 * for an API call with a bearer token. {@code CurrentCaller} turns it into a {@code Caller}.
 * <p>
 * {@code subject} and {@code sessionId} (the token's {@code sub} and {@code sid}) and {@code issuedAt} let a
 * back-channel logout from the provider end this identity ({@link EndedSessions}).
 * <p>
 * {@code machineScope} is the token's {@code loopgate_scope} claim (FIRM, PARK or GATE): set only by a protocol
 * mapper on a confidential client's service account (client-credentials grant), it makes the bearer a machine
 * client limited to that scope ({@code machine.ApiScope}), bound to the firm or parks of the usual claims.
 */
public record OidcIdentity(String username, String displayName, Set<String> roles, String firmCreditCode,
                           List<String> parkCodes, String idToken, String subject, String sessionId,
                           Instant issuedAt, String machineScope) implements Serializable {

    /** Session (browser) or request (API) attribute holding the identity. */
    public static final String ATTRIBUTE = "loopgate.oidc.identity";

    public OidcIdentity {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        parkCodes = parkCodes == null ? List.of() : List.copyOf(parkCodes);
    }
}
