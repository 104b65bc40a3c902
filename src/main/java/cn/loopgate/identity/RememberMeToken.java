package cn.loopgate.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The "keep me signed in" cookie's value: a random selector (which row) and a random validator (the secret),
 * {@code selector.validator}, both base64url. Only the SHA-256 of the validator is stored, so a copy of the
 * table signs nobody in; the selector lets the check find the row without comparing secrets in a query.
 */
public record RememberMeToken(String selector, String validator) {

    /** 18 random bytes: 24 base64url characters (the column's width). */
    static final int SELECTOR_CHARS = 24;
    /** 32 random bytes: 43 base64url characters without padding. */
    static final int VALIDATOR_CHARS = 43;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static RememberMeToken random(SecureRandom random) {
        byte[] s = new byte[18];
        byte[] v = new byte[32];
        random.nextBytes(s);
        random.nextBytes(v);
        return new RememberMeToken(B64.encodeToString(s), B64.encodeToString(v));
    }

    /** The same selector with a fresh validator (each use of the cookie replaces the secret). */
    public RememberMeToken rotate(SecureRandom random) {
        byte[] v = new byte[32];
        random.nextBytes(v);
        return new RememberMeToken(selector, B64.encodeToString(v));
    }

    public String cookieValue() {
        return selector + "." + validator;
    }

    /** The token a cookie holds, or empty for anything that is not exactly a selector and a validator. */
    public static Optional<RememberMeToken> parse(String cookie) {
        if (cookie == null || cookie.length() != SELECTOR_CHARS + 1 + VALIDATOR_CHARS || cookie.charAt(SELECTOR_CHARS) != '.') {
            return Optional.empty();
        }
        String selector = cookie.substring(0, SELECTOR_CHARS);
        String validator = cookie.substring(SELECTOR_CHARS + 1);
        if (!base64url(selector) || !base64url(validator)) {
            return Optional.empty();
        }
        return Optional.of(new RememberMeToken(selector, validator));
    }

    /** SHA-256 of the validator, lower-case hex: what the table keeps. */
    public String validatorHash() {
        return sha256(validator);
    }

    /** Whether this token's validator is the one whose hash is stored, compared in constant time. */
    public boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(validatorHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.strip().getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean base64url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A short, recognisable name for the device from its User-Agent ("Chrome · Android", "Safari · iPhone"), so
     * that the person can tell their phone from their office computer in the list; at most 80 characters.
     */
    public static String deviceLabel(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "?";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = ua.contains("micromessenger") ? "WeChat"
                : ua.contains("edg/") ? "Edge"
                : ua.contains("opr/") || ua.contains("opera") ? "Opera"
                : ua.contains("firefox/") || ua.contains("fxios/") ? "Firefox"
                : ua.contains("chrome/") || ua.contains("crios/") ? "Chrome"
                : ua.contains("safari/") ? "Safari"
                : null;
        String system = ua.contains("iphone") ? "iPhone"
                : ua.contains("ipad") ? "iPad"
                : ua.contains("android") ? "Android"
                : ua.contains("harmonyos") || ua.contains("openharmony") ? "HarmonyOS"
                : ua.contains("windows") ? "Windows"
                : ua.contains("mac os") || ua.contains("macintosh") ? "macOS"
                : ua.contains("linux") ? "Linux"
                : null;
        if (browser != null || system != null) {
            return browser == null ? system : system == null ? browser : browser + " · " + system;
        }
        StringBuilder plain = new StringBuilder();
        userAgent.strip().codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(80).forEach(plain::appendCodePoint);
        return plain.toString();
    }
}
