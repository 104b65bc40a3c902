package cn.loopgate.identity.oidc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcClientTest {

    @Test
    void pkceChallengeIsTheRfc7636ExampleValue() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcClient.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void everySignInGetsFreshStateNonceAndVerifier() {
        OidcClient.Pending a = OidcClient.Pending.start("/index.xhtml");
        OidcClient.Pending b = OidcClient.Pending.start("/index.xhtml");
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.nonce(), b.nonce());
        assertNotEquals(a.verifier(), b.verifier());
        // RFC 7636: a verifier has 43 to 128 characters of the unreserved set.
        assertTrue(a.verifier().matches("[A-Za-z0-9._~-]{43,128}"), a.verifier());
    }
}
