package cn.loopgate.shared.crypto;

import cn.loopgate.shared.crypto.PersonalDataCipher.PersonalDataException;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataCipherTest {

    static final String ID = "11010519491231002X";
    static final String K1 = PersonalDataCipher.newKey();
    static final String K2 = PersonalDataCipher.newKey();
    static final String INDEX = PersonalDataCipher.newKey();

    static PersonalDataCipher cipher(String keys, String active) {
        return PersonalDataCipher.parse(keys, active, INDEX);
    }

    @Test
    void sealsWithTheActiveKeyIdAndOpensAgain() {
        PersonalDataCipher c = cipher("k1:" + K1, null);
        String sealed = c.encrypt(ID);
        assertTrue(sealed.startsWith("k1:"), sealed);
        assertFalse(sealed.contains(ID) || sealed.contains("11010519491231"), "nothing of the ID shows: " + sealed);
        // 12-byte nonce + 18 bytes + 16-byte tag = 46 bytes = 64 base64 characters; fits the 120-character column.
        assertEquals(46, Base64.getDecoder().decode(sealed.substring(3)).length);
        assertTrue(sealed.length() <= 120);
        assertEquals(ID, c.decrypt(sealed));
        assertNull(c.encrypt(null));
        assertNull(c.decrypt(null));
    }

    @Test
    void everySealingUsesAFreshNonce() {
        PersonalDataCipher c = cipher("k1:" + K1, null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(seen.add(c.encrypt(ID)), "two equal ciphertexts of one ID: the nonce repeated");
        }
    }

    @Test
    void anyAlteredByteIsRefused() {
        PersonalDataCipher c = cipher("k1:" + K1, null);
        byte[] raw = Base64.getDecoder().decode(c.encrypt(ID).substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] t = raw.clone();
            t[i] ^= 0x01;
            String tampered = "k1:" + Base64.getEncoder().encodeToString(t);
            PersonalDataException e = assertThrows(PersonalDataException.class, () -> c.decrypt(tampered), "byte " + i);
            assertFalse(e.getMessage().contains(ID));
        }
        assertThrows(PersonalDataException.class, () -> c.decrypt("k1:" + Base64.getEncoder().encodeToString(new byte[10])), "truncated");
        assertThrows(PersonalDataException.class, () -> c.decrypt("k1:not base64!"));
        assertThrows(PersonalDataException.class, () -> c.decrypt("11010519491231002X"), "a clear value has no key id");
    }

    @Test
    void aValueOfAnUnknownKeyIdOrUnderAnotherKeyWithTheSameIdIsRefused() {
        String sealed = cipher("k1:" + K1, null).encrypt(ID);
        PersonalDataException unknown = assertThrows(PersonalDataException.class, () -> cipher("k2:" + K2, null).decrypt(sealed));
        assertTrue(unknown.getMessage().contains("'k1'"), unknown.getMessage());
        assertThrows(PersonalDataException.class, () -> cipher("k1:" + K2, null).decrypt(sealed), "same id, other key: the tag fails");
        String moved = "k2:" + sealed.substring(3);
        assertThrows(PersonalDataException.class, () -> cipher("k1:" + K1 + ",k2:" + K2, "k2").decrypt(moved), "relabelled");
    }

    @Test
    void rotationReadsOldValuesAndSealsNewOnesUnderTheActiveKey() {
        String old = cipher("k1:" + K1, null).encrypt(ID);
        PersonalDataCipher both = cipher("k1:" + K1 + ",k2:" + K2, "k2");
        assertEquals("k2", both.activeKeyId());
        assertTrue(both.needsRotation(old));
        String resealed = both.encrypt(both.decrypt(old));
        assertTrue(resealed.startsWith("k2:"), resealed);
        assertFalse(both.needsRotation(resealed));
        assertEquals(ID, cipher("k2:" + K2, null).decrypt(resealed), "once rotated, k1 can be removed");
        assertEquals("k2", cipher("k1:" + K1 + ",k2:" + K2, null).activeKeyId(), "without an active id: the last key listed");
        assertFalse(both.needsRotation("ANON42"));
    }

    @Test
    void theBlindIndexIsKeyedDeterministicAndIgnoresCaseAndSpaces() {
        PersonalDataCipher c = cipher("k1:" + K1, null);
        String idx = c.index(ID);
        assertEquals(64, idx.length());
        assertTrue(idx.matches("[0-9a-f]{64}"));
        assertEquals(idx, c.index(" 11010519491231002x "));
        assertEquals(idx, cipher("k2:" + K2, null).index(ID), "the index does not depend on the sealing key (rotation keeps it)");
        assertNotEquals(idx, PersonalDataCipher.parse("k1:" + K1, null, PersonalDataCipher.newKey()).index(ID), "another index key");
        assertNotEquals(idx, c.index("110105194912310038"));
        assertEquals(c.tailIndex(ID), c.tailIndex("002x"), "the last four");
        assertNotEquals(c.tailIndex(ID), c.index(ID));
        assertNull(c.tailIndex("ANON12"));
        assertEquals("ANON12", c.index("ANON12"), "placeholders are their own index");
    }

    @Test
    void storedFilesAreSealedRotatedAndTamperChecked() {
        PersonalDataCipher k1 = cipher("k1:" + K1, null);
        byte[] file = ("姓名,身份证号\n张三," + ID + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sealed = k1.sealFile(file);
        assertTrue(PersonalDataCipher.isSealedFile(sealed));
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(ID));
        assertTrue(java.util.Arrays.equals(file, k1.openFile(sealed)));
        assertEquals(0, k1.sealFile(new byte[0]).length, "a file emptied by retention stays empty");
        assertEquals(0, k1.openFile(new byte[0]).length);
        assertFalse(PersonalDataCipher.isSealedFile(file));
        assertThrows(PersonalDataException.class, () -> k1.openFile(file), "a clear file is refused");
        byte[] t = sealed.clone();
        t[t.length - 1] ^= 0x01;
        assertThrows(PersonalDataException.class, () -> k1.openFile(t));
        PersonalDataCipher both = cipher("k1:" + K1 + ",k2:" + K2, "k2");
        assertTrue(both.fileNeedsRotation(sealed));
        byte[] resealed = both.sealFile(both.openFile(sealed));
        assertFalse(both.fileNeedsRotation(resealed));
        assertTrue(java.util.Arrays.equals(file, cipher("k2:" + K2, null).openFile(resealed)));
        assertThrows(PersonalDataException.class, () -> cipher("k2:" + K2, null).openFile(sealed), "k1 removed");
    }

    @Test
    void placeholdersOfAnonymisedRowsPassUnchanged() {
        PersonalDataCipher c = cipher("k1:" + K1, null);
        assertEquals("ANON42", c.encrypt("ANON42"));
        assertEquals("ANON42", c.decrypt("ANON42"));
    }

    @Test
    void badConfigurationIsRefusedWithoutShowingKeys() {
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null, INDEX),
                "AES-128 is not accepted");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("K1:" + K1, null, INDEX), "upper-case id");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:" + K1, "k2", INDEX), "active key missing");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:" + K1, null, null), "no index key");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:" + K1, null, K1), "index key = sealing key");
        assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:" + K1 + ",k1:" + K2, null, INDEX), "twice");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PersonalDataCipher.parse("k1:@@@", null, INDEX));
        assertFalse(e.getMessage().contains("@@@"));
    }
}
