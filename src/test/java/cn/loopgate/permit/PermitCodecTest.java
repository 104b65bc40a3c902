package cn.loopgate.permit;

import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QR payload: layout, signature, tampering, rotation, and the wrapping of stored keys. */
class PermitCodecTest {

    static final KeyPair KEYS = KeyMaterial.generate();
    static final String DIGEST = PermitService.digest(PermitType.CARD, "110105199001011234");

    static PermitCodec.Claims claims(int keyId) {
        return new PermitCodec.Claims(keyId, 123_456_789L, PermitType.CARD, 1_770_000_000L, 1_780_000_000L,
                PermitCodec.holderPrefix(DIGEST));
    }

    /** Decodes and checks the signature; any failure is "forged". */
    static boolean verifies(String qr, KeyPair keys) {
        try {
            return PermitCodec.verify(PermitCodec.decode(qr), keys.getPublic());
        } catch (PermitCodec.Malformed e) {
            return false;
        }
    }

    @Test
    void roundTripsAndVerifies() throws Exception {
        String qr = PermitCodec.encode(claims(0x0a0b0c0d), KEYS.getPrivate());
        assertTrue(qr.startsWith("LG1:"));
        assertEquals(4 + 136, qr.length(), "102 bytes are 136 base64url characters");
        PermitCodec.Signed s = PermitCodec.decode(qr);
        assertEquals(0x0a0b0c0d, s.claims().keyId());
        assertEquals(123_456_789L, s.claims().permitId());
        assertEquals(PermitType.CARD, s.claims().type());
        assertEquals(1_770_000_000L, s.claims().validFrom());
        assertEquals(1_780_000_000L, s.claims().validTo());
        assertTrue(s.claims().holderMatches(DIGEST));
        assertFalse(s.claims().holderMatches(PermitService.digest(PermitType.CARD, "110105199001015678")));
        assertTrue(PermitCodec.verify(s, KEYS.getPublic()));
        assertEquals("0a0b0c0d", PermitCodec.keyIdText(s.claims().keyId()));
        assertEquals(0x0a0b0c0d, PermitCodec.keyIdOf("0A0B0C0D"));
    }

    @Test
    void theDocumentedLayout() throws Exception {
        byte[] raw = Base64.getUrlDecoder().decode(PermitCodec.encode(claims(0x01020304), KEYS.getPrivate()).substring(4));
        assertEquals(102, raw.length);
        assertEquals(1, raw[0]);
        assertArrayEquals(new byte[]{1, 2, 3, 4}, Arrays.copyOfRange(raw, 1, 5));
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0x07, 0x5b, (byte) 0xcd, 0x15}, Arrays.copyOfRange(raw, 5, 13));
        assertEquals(1, raw[13]);
        assertArrayEquals(new byte[]{0x69, (byte) 0x80, 0x0e, (byte) 0x80}, Arrays.copyOfRange(raw, 14, 18)); // 1770000000
        assertArrayEquals(PermitCodec.holderPrefix(DIGEST), Arrays.copyOfRange(raw, 22, 38));
        assertTrue(PermitCodec.verify(Arrays.copyOfRange(raw, 0, 38), Arrays.copyOfRange(raw, 38, 102), KEYS.getPublic()));
    }

    @Test
    void everyChangedByteOfPayloadOrSignatureIsForged() {
        String qr = PermitCodec.encode(claims(7), KEYS.getPrivate());
        byte[] raw = Base64.getUrlDecoder().decode(qr.substring(4));
        for (int i = 0; i < raw.length; i++) {
            for (int bit : new int[]{0x01, 0x80}) {
                byte[] changed = raw.clone();
                changed[i] ^= (byte) bit;
                String tampered = "LG1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
                assertFalse(verifies(tampered, KEYS), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void everyChangedCharacterIsForged() {
        String qr = PermitCodec.encode(claims(7), KEYS.getPrivate());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < qr.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(qr.charAt(i)) + 1 + i) % alphabet.length());
            if (other == qr.charAt(i)) {
                continue;
            }
            String tampered = qr.substring(0, i) + other + qr.substring(i + 1);
            assertFalse(verifies(tampered, KEYS), "character " + i);
        }
        assertFalse(verifies(qr.substring(0, qr.length() - 1), KEYS), "truncated");
        assertFalse(verifies(qr + "A", KEYS), "extended");
        assertFalse(verifies("LG2:" + qr.substring(4), KEYS), "other prefix");
        assertFalse(verifies("", KEYS));
        assertFalse(verifies("LG1:!!!", KEYS));
    }

    @Test
    void anotherKeyDoesNotVerifyButTheOldKeyStillDoes() {
        KeyPair old = KeyMaterial.generate();
        String signedBefore = PermitCodec.encode(claims(1), old.getPrivate());
        KeyPair rotated = KeyMaterial.generate();
        String signedAfter = PermitCodec.encode(claims(2), rotated.getPrivate());
        assertTrue(verifies(signedBefore, old), "a permit signed by a rotated-out key verifies with its published key");
        assertFalse(verifies(signedBefore, rotated));
        assertTrue(verifies(signedAfter, rotated));
    }

    @Test
    void keysSurviveTheirEncodingsAndWrapping() {
        KeyPair k = KeyMaterial.generate();
        assertEquals(32, KeyMaterial.raw(k.getPublic()).length);
        assertTrue(KeyMaterial.pair(KeyMaterial.privateKey(k.getPrivate().getEncoded()), KeyMaterial.publicKey(k.getPublic().getEncoded())));
        assertFalse(KeyMaterial.pair(k.getPrivate(), KEYS.getPublic()));
        SecretKeySpec kek = KeyMaterial.kek(Base64.getEncoder().encodeToString(new byte[32]));
        byte[] wrapped = KeyMaterial.wrap(k.getPrivate().getEncoded(), kek, "00000001");
        assertFalse(Arrays.equals(wrapped, k.getPrivate().getEncoded()));
        assertArrayEquals(k.getPrivate().getEncoded(), KeyMaterial.unwrap(wrapped, kek, "00000001"));
        assertThrows(IllegalStateException.class, () -> KeyMaterial.unwrap(wrapped, kek, "00000002"), "bound to its key id");
        SecretKeySpec other = KeyMaterial.kek(Base64.getEncoder().encodeToString(new byte[31 + 1]).replace('A', 'B'));
        assertThrows(IllegalStateException.class, () -> KeyMaterial.unwrap(wrapped, other, "00000001"));
    }

    /** BouncyCastle verifies what the JDK signs, and refuses what the JDK's verifier refuses. */
    @Test
    void theVerifierAgreesWithTheJdk() throws Exception {
        java.util.Random random = new java.util.Random(22);
        for (int i = 0; i < 200; i++) {
            KeyPair k = i % 20 == 0 ? KeyMaterial.generate() : KEYS;
            byte[] body = new byte[1 + random.nextInt(60)];
            random.nextBytes(body);
            byte[] sig = PermitCodec.sign(body, k.getPrivate());
            assertTrue(PermitCodec.verify(body, sig, k.getPublic()));
            assertEquals(jdkVerifies(body, sig, k), PermitCodec.verify(body, sig, k.getPublic()));
            byte[] bad = sig.clone();
            bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
            assertFalse(PermitCodec.verify(body, bad, k.getPublic()));
            assertEquals(jdkVerifies(body, bad, k), PermitCodec.verify(body, bad, k.getPublic()));
        }
        // The same signature with S + L (the group order) is the malleated twin RFC 8032 says to refuse.
        byte[] body = {1, 2, 3};
        byte[] sig = PermitCodec.sign(body, KEYS.getPrivate());
        java.math.BigInteger l = java.math.BigInteger.TWO.pow(252).add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = s[31 - i];
        }
        byte[] sum = new java.math.BigInteger(1, be).add(l).toByteArray();
        byte[] malleated = sig.clone();
        Arrays.fill(malleated, 32, 64, (byte) 0);
        for (int i = 0; i < sum.length && i < 32; i++) {
            malleated[32 + i] = sum[sum.length - 1 - i];
        }
        assertFalse(PermitCodec.verify(body, malleated, KEYS.getPublic()));
        assertFalse(jdkVerifies(body, malleated, KEYS));
        assertFalse(PermitCodec.verify(body, Arrays.copyOf(sig, 63), KEYS.getPublic()), "a short signature");
        assertFalse(PermitCodec.verify(body, sig, java.security.KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic()),
                "a key of another algorithm");
    }

    private static boolean jdkVerifies(byte[] body, byte[] sig, KeyPair k) throws Exception {
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initVerify(k.getPublic());
        s.update(body);
        try {
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
