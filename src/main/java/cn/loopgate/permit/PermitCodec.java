package cn.loopgate.permit;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The compact, signed content of a permit's QR code (docs/permits.md describes it byte by byte):
 * {@code "LG1:" + base64url(body || Ed25519 signature)} where the 38-byte body holds the format
 * version, the signing key's id, the permit id, its type, its validity window and the first 16 bytes
 * of its holder digest. Pure Java, no container: a third-party verifier does the same.
 * <p>
 * Signatures are made with the JDK's Ed25519 and checked with BouncyCastle's RFC 8032 code, which verifies about
 * seven times as many signatures per second as the JDK 17 provider on the same core (docs/performance.md, gate
 * cold): the signature check is most of a first scan's cost. Both implement the same standard; a signature one
 * makes the other accepts ({@code PermitCodecTest}).
 */
public final class PermitCodec {

    public static final String PREFIX = "LG1:";
    public static final int VERSION = 1;
    public static final int BODY_LENGTH = 38;
    public static final int SIGNATURE_LENGTH = 64;
    public static final int HOLDER_LENGTH = 16;

    private PermitCodec() {
    }

    /** What a QR code claims; validity in epoch seconds (UTC), holder = first 16 bytes of the digest. */
    public record Claims(int keyId, long permitId, PermitType type, long validFrom, long validTo, byte[] holder) {
        public Claims {
            if (holder == null || holder.length != HOLDER_LENGTH) {
                throw new IllegalArgumentException("holder must be " + HOLDER_LENGTH + " bytes");
            }
            holder = holder.clone();
        }

        @Override
        public byte[] holder() {
            return holder.clone();
        }

        /** True when the QR's holder bytes are the start of this permit's holder digest (hex). */
        public boolean holderMatches(String holderDigestHex) {
            return Arrays.equals(holder, holderPrefix(holderDigestHex));
        }
    }

    /** A decoded payload: the claims, the exact signed bytes and the signature over them. */
    public record Signed(Claims claims, byte[] body, byte[] signature) {
    }

    /** The payload could not be read (wrong prefix, length, version or type). Treat as forged. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    public static byte[] body(Claims c) {
        ByteBuffer b = ByteBuffer.allocate(BODY_LENGTH);
        b.put((byte) VERSION);
        b.putInt(c.keyId());
        b.putLong(c.permitId());
        b.put((byte) typeCode(c.type()));
        b.putInt(uint32(c.validFrom()));
        b.putInt(uint32(c.validTo()));
        b.put(c.holder);
        return b.array();
    }

    /** Signs the claims with the private key and returns the QR text. */
    public static String encode(Claims c, PrivateKey key) {
        byte[] body = body(c);
        byte[] sig = sign(body, key);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(concat(body, sig));
    }

    public static byte[] sign(byte[] data, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean verify(byte[] data, byte[] signature, PublicKey key) {
        if (data == null || signature == null || signature.length != SIGNATURE_LENGTH || key == null) {
            return false;
        }
        Ed25519.PublicPoint point = point(key);
        if (point == null) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, point, data, 0, data.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): this fixed prefix, then the 32 key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** Decoded keys (a point decompression each, done once): only the portal's few signing keys are ever here. */
    private static final Map<PublicKey, Ed25519.PublicPoint> POINTS = new ConcurrentHashMap<>();

    /** The key as a curve point, or null when it is not a valid Ed25519 public key. */
    static Ed25519.PublicPoint point(PublicKey key) {
        Ed25519.PublicPoint p = POINTS.get(key);
        if (p != null) {
            return p;
        }
        byte[] enc = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || enc == null || enc.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(enc, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return null;
        }
        p = Ed25519.validatePublicKeyFullExport(enc, X509_PREFIX.length);
        if (p != null) {
            if (POINTS.size() > 256) {
                POINTS.clear(); // not a cache of signing keys any more: someone verifies against arbitrary keys
            }
            POINTS.put(key, p);
        }
        return p;
    }

    /** Reads a QR text; a wrong format is {@link Malformed}. The signature is not checked here. */
    public static Signed decode(String text) throws Malformed {
        if (text == null) {
            throw new Malformed("empty");
        }
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new Malformed("prefix");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(t.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new Malformed("base64url");
        }
        if (raw.length != BODY_LENGTH + SIGNATURE_LENGTH) {
            throw new Malformed("length");
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw new Malformed("version");
        }
        int keyId = b.getInt();
        long permitId = b.getLong();
        PermitType type = typeOf(b.get() & 0xff);
        long from = Integer.toUnsignedLong(b.getInt());
        long to = Integer.toUnsignedLong(b.getInt());
        byte[] holder = new byte[HOLDER_LENGTH];
        b.get(holder);
        return new Signed(new Claims(keyId, permitId, type, from, to, holder),
                Arrays.copyOfRange(raw, 0, BODY_LENGTH), Arrays.copyOfRange(raw, BODY_LENGTH, raw.length));
    }

    /** True when the payload's signature verifies under the key. */
    public static boolean verify(Signed s, PublicKey key) {
        return verify(s.body(), s.signature(), key);
    }

    public static int typeCode(PermitType type) {
        return switch (type) {
            case CARD -> 1;
            case PASS -> 2;
            case CERTIFICATE -> 3;
        };
    }

    static PermitType typeOf(int code) throws Malformed {
        return switch (code) {
            case 1 -> PermitType.CARD;
            case 2 -> PermitType.PASS;
            case 3 -> PermitType.CERTIFICATE;
            default -> throw new Malformed("type");
        };
    }

    public static byte[] holderPrefix(String holderDigestHex) {
        return Arrays.copyOf(HexFormat.of().parseHex(holderDigestHex.strip()), HOLDER_LENGTH);
    }

    /** Key ids are printed as 8 lower-case hex digits. */
    public static String keyIdText(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    public static int keyIdOf(String text) {
        if (text == null || !text.matches("[0-9a-fA-F]{8}")) {
            throw new IllegalArgumentException("a key id is 8 hex digits");
        }
        return (int) Long.parseLong(text, 16);
    }

    private static int uint32(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("time out of range: " + seconds);
        }
        return (int) seconds;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
