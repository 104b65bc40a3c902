package cn.loopgate.verification;

import cn.loopgate.permit.PermitCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The QR codes whose Ed25519 signature this node has already verified, so that a card scanned again
 * (every worker passes the gate several times a day) costs a SHA-256 instead of a signature check,
 * which is the largest CPU cost of a scan (docs/performance.md, (d)). Safe because the outcome is a pure
 * function of the signed bytes and the key: a key id always names the same public key (keys are never
 * deleted or re-keyed, only retired and still published), and the entry is keyed by the digest of the
 * key id, the whole signed body and the signature, so a valid signature paired with another body is a
 * different entry. Only successes are remembered (a forged code is checked every time). Only the permit's
 * signature is cached: its state is still read live at every scan. Bounded ({@link #CAPACITY}; about 100 bytes
 * each): codes not scanned for a while go first.
 */
@ApplicationScoped
public class VerifiedCodes {

    /** Entries kept per node at most: a large park's cards and passes. */
    static final int CAPACITY = 200_000;

    /*
     * Two generations instead of a locked LRU list: every scan reads, so reads must not take a lock (a
     * synchronized LinkedHashMap in access order showed up among the gate's monitor waits under load). A hit in
     * the older generation is copied into the current one; when the current one is full it becomes the older
     * and the older is dropped: codes not scanned for a whole generation go first.
     */
    private final int generationSize;
    private volatile Map<ByteBuffer, Boolean> current = new ConcurrentHashMap<>();
    private volatile Map<ByteBuffer, Boolean> previous = new ConcurrentHashMap<>();

    public VerifiedCodes() {
        this(CAPACITY);
    }

    VerifiedCodes(int capacity) {
        generationSize = Math.max(1, capacity / 2);
    }

    /** True when the signature of this code verifies under the key; remembered when it does. */
    public boolean verify(PermitCodec.Signed signed, int keyId, PublicKey key) {
        ByteBuffer id = digest(signed, keyId);
        if (current.containsKey(id)) {
            return true;
        }
        if (previous.containsKey(id)) {
            remember(id);
            return true;
        }
        if (!PermitCodec.verify(signed, key)) {
            return false;
        }
        remember(id);
        return true;
    }

    private void remember(ByteBuffer id) {
        Map<ByteBuffer, Boolean> c = current;
        c.put(id, Boolean.TRUE);
        if (c.size() >= generationSize) {
            synchronized (this) {
                if (current == c) {
                    previous = c;
                    current = new ConcurrentHashMap<>();
                }
            }
        }
    }

    int size() {
        return current.size() + previous.size();
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
