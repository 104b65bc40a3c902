package cn.loopgate.permit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys from and to their standard encodings (PKCS#8 private, X.509 SubjectPublicKeyInfo
 * public), and the wrapping of a stored private key with AES-256-GCM under a key-encryption key,
 * bound to its key id (associated data), so a row copied to another key id does not decrypt.
 */
public final class KeyMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The fixed 12-byte X.509 prefix of an Ed25519 public key; the raw 32-byte key follows it. */
    private static final int SPKI_PREFIX = 12;

    private KeyMaterial() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int newKeyId() {
        int id;
        do {
            id = RANDOM.nextInt();
        } while (id == 0);
        return id;
    }

    public static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key", e);
        }
    }

    public static PublicKey publicKey(byte[] spki) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The raw 32-byte public key (RFC 8032), as many small verifiers want it. */
    public static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, SPKI_PREFIX, spki.length);
    }

    /** True when the two keys belong together (a probe message signed and verified). */
    public static boolean pair(PrivateKey priv, PublicKey pub) {
        byte[] probe = "loopgate key probe".getBytes(StandardCharsets.US_ASCII);
        return PermitCodec.verify(probe, PermitCodec.sign(probe, priv), pub);
    }

    /** A key-encryption key from its configured base64 form (32 bytes). */
    public static SecretKeySpec kek(String base64) {
        byte[] k = Base64.getDecoder().decode(base64.strip());
        if (k.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (base64)");
        }
        return new SecretKeySpec(k, "AES");
    }

    /** iv (12 bytes) || AES-256-GCM ciphertext and tag of the PKCS#8 bytes, with the key id as associated data. */
    public static byte[] wrap(byte[] pkcs8, SecretKeySpec kek, String keyId) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, iv));
            c.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(pkcs8);
            byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] unwrap(byte[] wrapped, SecretKeySpec kek, String keyId) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, wrapped, 0, 12));
            c.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key " + keyId + " does not decrypt with the configured key-encryption key", e);
        }
    }
}
