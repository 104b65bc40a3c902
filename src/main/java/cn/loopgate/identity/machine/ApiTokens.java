package cn.loopgate.identity.machine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of an API credential: {@code lgk_} followed by 256 random bits in base64url (43 characters). The prefix
 * tells it from a Keycloak access token (a JWT) in the same {@code Authorization: Bearer} header and lets secret
 * scanners recognise a leaked one. Only its SHA-256 is stored: 256 random bits cannot be guessed, so a slow hash
 * (PBKDF2) would add nothing but time on every request.
 */
public final class ApiTokens {

    public static final String PREFIX = "lgk_";
    /** {@code lgk_} and 43 base64url characters. */
    public static final int LENGTH = PREFIX.length() + 43;
    /** How many leading characters lists show to name a credential (the prefix and 8 of the random part). */
    public static final int SHOWN = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A fresh secret. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a bearer value is meant as an API credential (rather than a JWT): it starts with the prefix. */
    public static boolean looksLikeOne(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    /** Whether a value has the exact form of a secret (prefix, length, alphabet); anything else is refused unread. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The stored form: SHA-256 of the whole secret, hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** What lists show of a secret: its first characters. */
    public static String shown(String token) {
        return token.substring(0, SHOWN);
    }
}
