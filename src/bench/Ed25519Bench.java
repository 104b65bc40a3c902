import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of benchmark (d): how many Ed25519 signature verifications per second the JDK does on this
 * machine, with no server in the way. Verifies a 38-byte body (the size of a permit QR payload's signed part)
 * on N threads for S seconds.
 *
 *   java src/bench/Ed25519Bench.java [threads=2] [seconds=10]
 *
 * Prints one line: "ED25519 threads=2 seconds=10.0 verifications=... rate=.../s".
 */
public class Ed25519Bench {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] body = new byte[38];
        new java.util.Random(1).nextBytes(body);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(body);
        byte[] sig = signer.sign();
        // Warm-up: let the JIT compile the verification path before counting.
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        Signature w = Signature.getInstance("Ed25519");
        while (System.nanoTime() < warmUntil) {
            w.initVerify(pair.getPublic());
            w.update(body);
            if (!w.verify(sig)) throw new IllegalStateException("signature does not verify");
        }
        LongAdder done = new LongAdder();
        long start = System.nanoTime();
        long until = start + (long) (seconds * 1e9);
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            ts[i] = new Thread(() -> {
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    while (System.nanoTime() < until) {
                        s.initVerify(pair.getPublic());
                        s.update(body);
                        if (!s.verify(sig)) throw new IllegalStateException("signature does not verify");
                        done.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "ED25519 threads=%d seconds=%.1f verifications=%d rate=%.0f%n",
                threads, elapsed, done.sum(), done.sum() / elapsed);
    }
}
