package cn.loopgate.verification;

import cn.loopgate.permit.PermitCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The QR codes whose Ed25519 signature this node has already verified, so that a card scanned again
 * (every worker passes the gate several times a day) costs a SHA-256 instead of a signature check,
 * which is the largest CPU cost of a scan (docs/performance.md, (d)). Safe because the outcome is a pure
 * function of the signed bytes and the key: a key id always names the same public key (keys are never
 * deleted or re-keyed, only retired and still published), and the entry is keyed by the digest of the
 * key id, the whole signed body and the signature, so a valid signature paired with another body is a
 * different entry. Only successes are remembered (a forged code is checked every time). Only the permit's
 * signature is cached: its state is still read live at every scan. Bounded: least recently used entries go
 * first; about 100 bytes each.
 */
@ApplicationScoped
public class VerifiedCodes {

    /** Entries kept per node: a large park's cards and passes. */
    static final int CAPACITY = 200_000;

    private final Map<ByteBuffer, Boolean> verified;

    public VerifiedCodes() {
        this(CAPACITY);
    }

    VerifiedCodes(int capacity) {
        verified = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when the signature of this code verifies under the key; remembered when it does. */
    public boolean verify(PermitCodec.Signed signed, int keyId, PublicKey key) {
        ByteBuffer id = digest(signed, keyId);
        synchronized (verified) {
            if (verified.get(id) != null) {
                return true;
            }
        }
        if (!PermitCodec.verify(signed, key)) {
            return false;
        }
        synchronized (verified) {
            verified.put(id, Boolean.TRUE);
        }
        return true;
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    private static ByteBuffer digest(PermitCodec.Signed signed, int keyId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(4).putInt(keyId).array());
            sha.update(ByteBuffer.allocate(4).putInt(signed.body().length).array());
            sha.update(signed.body());
            sha.update(signed.signature());
            return ByteBuffer.wrap(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
