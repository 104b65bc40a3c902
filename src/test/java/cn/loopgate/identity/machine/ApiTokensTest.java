package cn.loopgate.identity.machine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokensTest {

    @Test
    void aSecretIsThePrefixAnd256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = ApiTokens.generate();
            assertTrue(t.startsWith("lgk_"), t);
            assertEquals(47, t.length(), t);
            assertTrue(ApiTokens.wellFormed(t), t);
            assertTrue(seen.add(t), "no repeats");
        }
    }

    @Test
    void onlyTheExactFormIsWellFormed() {
        String t = ApiTokens.generate();
        assertFalse(ApiTokens.wellFormed(null));
        assertFalse(ApiTokens.wellFormed(t.substring(0, 46)));
        assertFalse(ApiTokens.wellFormed(t + "A"));
        assertFalse(ApiTokens.wellFormed("lgx_" + t.substring(4)));
        assertFalse(ApiTokens.wellFormed(t.substring(0, 46) + "="));
        assertFalse(ApiTokens.wellFormed(t.substring(0, 46) + "+"));
        assertTrue(ApiTokens.looksLikeOne("lgk_anything"));
        assertFalse(ApiTokens.looksLikeOne("eyJhbGciOiJSUzI1NiJ9.e30.sig"), "a JWT is not a credential");
    }

    @Test
    void theStoredFormIsTheSha256OfTheSecret() {
        // printf 'lgk_test' | sha256sum
        assertEquals("e62e4c91fec14f5ff245bc404054878f647a50b9c3fb59773e0d453a83a08748", ApiTokens.hash("lgk_test"));
        assertEquals(ApiTokens.hash("lgk_test"), ApiTokens.hash("lgk_test"));
        assertNotEquals(ApiTokens.hash("lgk_test"), ApiTokens.hash("lgk_tesT"));
        assertEquals("lgk_abcdefgh", ApiTokens.shown("lgk_abcdefghijklmnop"));
    }
}
