package cn.loopgate.identity;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RememberMeTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aCookieParsesBackToItsToken() {
        RememberMeToken t = RememberMeToken.random(random);
        assertEquals(RememberMeToken.SELECTOR_CHARS, t.selector().length());
        assertEquals(RememberMeToken.VALIDATOR_CHARS, t.validator().length());
        assertEquals(t, RememberMeToken.parse(t.cookieValue()).orElseThrow());
    }

    @Test
    void onlyTheStoredHashMatchesAndTheHashIsNotTheSecret() {
        RememberMeToken t = RememberMeToken.random(random);
        String stored = t.validatorHash();
        assertEquals(64, stored.length());
        assertFalse(stored.contains(t.validator()));
        assertTrue(t.matches(stored));
        assertTrue(t.matches(stored + " "), "a char(64) column may come back padded");
        assertFalse(t.matches(null));
        assertFalse(RememberMeToken.random(random).matches(stored));
    }

    @Test
    void rotationKeepsTheSelectorAndReplacesTheSecret() {
        RememberMeToken t = RememberMeToken.random(random);
        RememberMeToken next = t.rotate(random);
        assertEquals(t.selector(), next.selector());
        assertNotEquals(t.validator(), next.validator());
        assertFalse(t.matches(next.validatorHash()), "the old cookie no longer matches once rotated");
    }

    @Test
    void tokensAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(RememberMeToken.random(random).selector()));
        }
    }

    @Test
    void anythingElseIsRefused() {
        RememberMeToken t = RememberMeToken.random(random);
        String ok = t.cookieValue();
        assertTrue(RememberMeToken.parse(null).isEmpty());
        assertTrue(RememberMeToken.parse("").isEmpty());
        assertTrue(RememberMeToken.parse(ok + "A").isEmpty());
        assertTrue(RememberMeToken.parse(ok.substring(1)).isEmpty());
        assertTrue(RememberMeToken.parse(ok.replace('.', ':')).isEmpty());
        assertTrue(RememberMeToken.parse("'" + ok.substring(1)).isEmpty(), "no quotes or SQL-ish characters");
        assertTrue(RememberMeToken.parse(ok.substring(0, 30) + "+" + ok.substring(31)).isEmpty(), "base64url only");
    }

    @Test
    void deviceLabelsAreShortAndRecognisable() {
        assertEquals("Safari · iPhone", RememberMeToken.deviceLabel(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"));
        assertEquals("Chrome · Android", RememberMeToken.deviceLabel(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"));
        assertEquals("WeChat · Android", RememberMeToken.deviceLabel(
                "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47"));
        assertEquals("Edge · Windows", RememberMeToken.deviceLabel(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0"));
        assertEquals("?", RememberMeToken.deviceLabel(null));
        String odd = RememberMeToken.deviceLabel("curl/8.5.0\n" + "x".repeat(200));
        assertTrue(odd.length() <= 80 && odd.startsWith("curl/8.5.0") && !odd.contains("\n"));
    }
}
