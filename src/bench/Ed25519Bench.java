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
 *   java -cp bcprov.jar src/bench/Ed25519Bench.java 2 10 bc    # BouncyCastle's RFC 8032 code, as the portal verifies
 *
 * Prints one line: "ED25519 threads=2 seconds=10.0 verifications=... rate=.../s" ("ED25519-BC" with bc).
 */
public class Ed25519Bench {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        boolean bc = args.length > 2 && args[2].equals("bc");
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] body = new byte[38];
        new java.util.Random(1).nextBytes(body);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(body);
        byte[] sig = signer.sign();
        byte[] enc = pair.getPublic().getEncoded();
        Object point = bc ? Class.forName("org.bouncycastle.math.ec.rfc8032.Ed25519")
                .getMethod("validatePublicKeyFullExport", byte[].class, int.class).invoke(null, enc, enc.length - 32) : null;
        java.lang.reflect.Method bcVerify = bc ? Class.forName("org.bouncycastle.math.ec.rfc8032.Ed25519").getMethod("verify",
                byte[].class, int.class, point.getClass(), byte[].class, int.class, int.class) : null;
        Verifier verifier = bc
                ? s -> (Boolean) bcVerify.invoke(null, sig, 0, point, body, 0, body.length)
                : s -> {
                    s.initVerify(pair.getPublic());
                    s.update(body);
                    return s.verify(sig);
                };
        // Warm-up: let the JIT compile the verification path before counting.
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        Signature w = Signature.getInstance("Ed25519");
        while (System.nanoTime() < warmUntil) {
            if (!verifier.verify(w)) throw new IllegalStateException("signature does not verify");
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
                        if (!verifier.verify(s)) throw new IllegalStateException("signature does not verify");
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
        System.out.printf(java.util.Locale.ROOT, (bc ? "ED25519-BC" : "ED25519") + " threads=%d seconds=%.1f verifications=%d rate=%.0f%n",
                threads, elapsed, done.sum(), done.sum() / elapsed);
    }

    interface Verifier {
        boolean verify(Signature s) throws Exception;
    }
}
