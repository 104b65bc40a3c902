package cn.loopgate.shared.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sensitive personal data at rest (PIPL): resident IDs are stored as AES-256-GCM ciphertext, one random
 * 96-bit nonce per value, prefixed by the id of the key that sealed them ({@code k1:} + base64(nonce |
 * ciphertext | tag)), so that keys can rotate while old rows stay readable. Look-ups and uniqueness use a
 * blind index: HMAC-SHA256 under a key of its own, never the ciphertext. The only place that encrypts,
 * decrypts or computes an index (docs/security.md, "Personal data at rest").
 * <p>
 * Anonymised rows (retention) hold a placeholder such as {@code ANON123}: no personal data, stored and
 * returned as it is, never encrypted; a key id is lower case, so no sealed value starts like one.
 */
public final class PersonalDataCipher {

    /** How an anonymised value starts (the retention placeholders, {@code ops.Anonymous}). */
    public static final String PLACEHOLDER_PREFIX = "ANON";
    /** What a blind-index column holds when there is nothing to find (never an HMAC, which is hex). */
    public static final String NO_INDEX = "-";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Binds every ciphertext to its purpose: a sealed resident ID cannot pass for another kind of value. */
    private static final byte[] AAD = "loopgate:resident-id:v1".getBytes(StandardCharsets.US_ASCII);
    /** Files that hold resident IDs (stored roster uploads) are sealed under their own associated data. */
    private static final byte[] FILE_AAD = "loopgate:file:v1".getBytes(StandardCharsets.US_ASCII);
    /** How a sealed file starts: magic, then the key id's length and the key id, then nonce | ciphertext | tag. */
    private static final byte[] FILE_MAGIC = "LGS1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecretKeySpec indexKey;
    /**
     * One initialised HMAC and one AES-GCM engine per thread: {@code getInstance} looks the provider up
     * each time, which cost more than the cryptography itself in a 10,000-row roster import.
     */
    private final ThreadLocal<Mac> macs;
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    /**
     * @param keys        key id to 32 raw bytes (AES-256)
     * @param activeKeyId the key new values are sealed with
     * @param indexKey    at least 32 bytes, the blind index's HMAC key, different from every encryption key
     */
    public PersonalDataCipher(Map<String, byte[]> keys, String activeKeyId, byte[] indexKey) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("no personal-data key");
        }
        Map<String, SecretKeySpec> k = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a personal-data key id is 1 to 16 lower-case letters or digits: " + id);
            }
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("personal-data key " + id + " must be 32 bytes (AES-256)");
            }
            if (indexKey != null && Arrays.equals(bytes, indexKey)) {
                throw new IllegalArgumentException("the blind-index key must differ from personal-data key " + id);
            }
            k.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!k.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active personal-data key " + activeKeyId + " is not among the keys " + k.keySet());
        }
        if (indexKey == null || indexKey.length < KEY_BYTES) {
            throw new IllegalArgumentException("the blind-index key must be at least 32 bytes");
        }
        this.keys = Collections.unmodifiableMap(k);
        this.activeKeyId = activeKeyId;
        this.indexKey = new SecretKeySpec(indexKey.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        });
    }

    /**
     * Parses {@code k1:base64,k2:base64}, the active key id (null: the only key, or the last one listed)
     * and the base64 blind-index key, as configured.
     */
    public static PersonalDataCipher parse(String keySpec, String activeKeyId, String indexKey) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String part : keySpec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a personal-data key is written id:base64 (e.g. k1:...)");
            }
            String id = p.substring(0, colon).strip();
            if (keys.put(id, decode(p.substring(colon + 1), "personal-data key " + id)) != null) {
                throw new IllegalArgumentException("personal-data key " + id + " is listed twice");
            }
        }
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? keys.keySet().stream().reduce((a, b) -> b).orElse(null) : activeKeyId.strip();
        if (indexKey == null || indexKey.isBlank()) {
            throw new IllegalArgumentException("the blind-index key (loopgate.pii.index-key) is missing");
        }
        return new PersonalDataCipher(keys, active, decode(indexKey, "blind-index key"));
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64", e);
        }
    }

    /** 32 random bytes, base64: a new key for configuration or the embedded key file. */
    public static String newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Seals a value under the active key; null and placeholders pass unchanged. */
    public String encrypt(String clear) {
        if (clear == null || isPlaceholder(clear)) {
            return clear;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD);
            byte[] sealed = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Opens a sealed value with the key its prefix names. A value that was altered, or sealed under a key
     * that is not configured, is refused (the message names the key id, never the value).
     */
    public String decrypt(String stored) {
        if (stored == null || isPlaceholder(stored)) {
            return stored;
        }
        String id = keyIdOf(stored);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new PersonalDataException("personal data sealed under key '" + id + "', which is not configured (loopgate.pii.keys)");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(id.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new PersonalDataException("stored personal data under key '" + id + "' is not base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PersonalDataException("stored personal data under key '" + id + "' is truncated");
        }
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(AAD);
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PersonalDataException("stored personal data under key '" + id + "' failed authentication (altered, or a different key with the same id)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Seals a file's bytes under the active key; null and empty (a file deleted by retention) pass unchanged. */
    public byte[] sealFile(byte[] clear) {
        if (clear == null || clear.length == 0) {
            return clear;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(FILE_AAD);
            byte[] sealed = c.doFinal(clear);
            byte[] id = activeKeyId.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[FILE_MAGIC.length + 1 + id.length + NONCE_BYTES + sealed.length];
            int at = 0;
            System.arraycopy(FILE_MAGIC, 0, out, at, FILE_MAGIC.length);
            at += FILE_MAGIC.length;
            out[at++] = (byte) id.length;
            System.arraycopy(id, 0, out, at, id.length);
            at += id.length;
            System.arraycopy(nonce, 0, out, at, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, at + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Opens a file sealed by {@link #sealFile}; refuses anything else that is not empty. */
    public byte[] openFile(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return stored;
        }
        String id = fileKeyId(stored);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new PersonalDataException("file sealed under key '" + id + "', which is not configured (loopgate.pii.keys)");
        }
        int at = FILE_MAGIC.length + 1 + id.length();
        if (stored.length < at + NONCE_BYTES + TAG_BITS / 8) {
            throw new PersonalDataException("sealed file under key '" + id + "' is truncated");
        }
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, at, NONCE_BYTES));
            c.updateAAD(FILE_AAD);
            return c.doFinal(stored, at + NONCE_BYTES, stored.length - at - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new PersonalDataException("sealed file under key '" + id + "' failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Whether non-empty bytes are a sealed file (the migration leaves such rows alone). */
    public static boolean isSealedFile(byte[] stored) {
        return stored != null && stored.length > FILE_MAGIC.length + 1
                && Arrays.equals(Arrays.copyOf(stored, FILE_MAGIC.length), FILE_MAGIC);
    }

    /** Whether a sealed file should be sealed again under the active key (rotation). */
    public boolean fileNeedsRotation(byte[] stored) {
        return stored != null && stored.length > 0 && !activeKeyId.equals(fileKeyId(stored));
    }

    private static String fileKeyId(byte[] stored) {
        if (!isSealedFile(stored)) {
            throw new PersonalDataException("a stored file is not sealed");
        }
        int n = stored[FILE_MAGIC.length] & 0xff;
        if (stored.length < FILE_MAGIC.length + 1 + n) {
            throw new PersonalDataException("sealed file is truncated");
        }
        return new String(stored, FILE_MAGIC.length + 1, n, StandardCharsets.US_ASCII);
    }

    /** The key id a stored value names ({@code k1} of {@code k1:...}). */
    public static String keyIdOf(String stored) {
        int colon = stored.indexOf(':');
        if (colon <= 0) {
            throw new PersonalDataException("stored personal data has no key id");
        }
        return stored.substring(0, colon);
    }

    /** Whether a stored value should be sealed again under the active key (rotation). */
    public boolean needsRotation(String stored) {
        return stored != null && !isPlaceholder(stored) && !activeKeyId.equals(keyIdOf(stored));
    }

    public static boolean isPlaceholder(String value) {
        return value.startsWith(PLACEHOLDER_PREFIX);
    }

    /**
     * The blind index of a resident ID: HMAC-SHA256 of the normalised (upper-case, stripped) ID, hex.
     * Equal IDs give equal indexes; without the index key it cannot be computed or reversed. Placeholders
     * are their own index (unique per row).
     */
    public String index(String residentId) {
        if (residentId == null) {
            return null;
        }
        String id = normalise(residentId);
        return isPlaceholder(id) ? id : hmac("id:" + id);
    }

    /**
     * The blind index of an ID's last four characters (what lists show, and what users search by): reveals
     * only which IDs end alike. Null for placeholders and IDs shorter than four.
     */
    public String tailIndex(String residentIdOrTail) {
        if (residentIdOrTail == null) {
            return null;
        }
        String id = normalise(residentIdOrTail);
        if (isPlaceholder(id) || id.length() < 4) {
            return null;
        }
        return hmac("tail:" + id.substring(id.length() - 4));
    }

    private static String normalise(String id) {
        return id.strip().toUpperCase(Locale.ROOT);
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stored personal data that cannot be opened: tampered with, or its key is missing. */
    public static class PersonalDataException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PersonalDataException(String message) {
            super(message);
        }
    }
}
