package cn.loopgate.verification;

import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitType;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memo of verified QR signatures never turns a bad code good, and stays bounded. */
class VerifiedCodesTest {

    static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static PermitCodec.Signed signed(long permitId, KeyPair k) throws Exception {
        PermitCodec.Claims c = new PermitCodec.Claims(7, permitId, PermitType.CARD, 1_770_000_000L, 1_780_000_000L, new byte[16]);
        return PermitCodec.decode(PermitCodec.encode(c, k.getPrivate()));
    }

    @Test
    void aRememberedSignatureDoesNotVouchForAnotherBodyOrKey() throws Exception {
        KeyPair k = keys();
        VerifiedCodes codes = new VerifiedCodes(10);
        PermitCodec.Signed good = signed(1, k);
        assertTrue(codes.verify(good, 7, k.getPublic()));
        assertTrue(codes.verify(good, 7, k.getPublic()), "again, from the memo");
        assertEquals(1, codes.size());

        // The same signature on another permit's body: not the remembered entry, and the check fails.
        PermitCodec.Signed other = signed(2, k);
        PermitCodec.Signed spliced = new PermitCodec.Signed(other.claims(), other.body(), good.signature());
        assertFalse(codes.verify(spliced, 7, k.getPublic()));
        // The remembered code under another key id is checked again, against that key.
        assertFalse(codes.verify(good, 8, keys().getPublic()));
        // A tampered signature.
        byte[] sig = good.signature().clone();
        sig[10] ^= 1;
        assertFalse(codes.verify(new PermitCodec.Signed(good.claims(), good.body(), sig), 7, k.getPublic()));
        assertEquals(1, codes.size(), "failures are not remembered");
    }

    @Test
    void theMemoIsBoundedAndKeepsWhatIsScannedOften() throws Exception {
        KeyPair k = keys();
        VerifiedCodes codes = new VerifiedCodes(4);
        PermitCodec.Signed often = signed(1, k);
        for (long id = 2; id <= 40; id++) {
            assertTrue(codes.verify(signed(id, k), 7, k.getPublic()));
            assertTrue(codes.verify(often, 7, k.getPublic()));
            assertTrue(codes.size() <= 4, "bounded: " + codes.size());
        }
        // The code scanned between all others is still remembered: a spliced copy of its signature would be
        // refused, but the code itself is answered from the memo even with a key that could not verify it.
        assertTrue(codes.verify(often, 7, keys().getPublic()), "still remembered");
        assertFalse(codes.verify(signed(2, k), 7, keys().getPublic()), "an old one was dropped and is checked again");
    }
}
