import cn.loopgate.shared.crypto.PersonalDataCipher;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The benchmark generator's sealing step (src/bench/generate-city.sh, bulk.sh): resident IDs are encrypted at rest,
 * so the set-based SQL writes the clear IDs it makes into a staging table ({@code bench_resident_stage (key, clear)})
 * and this program seals each one exactly as the portal does (shared.crypto.PersonalDataCipher from target/classes:
 * AES-256-GCM under the active key, the blind index and the tail index with the index key) into
 * {@code bench_resident_sealed (key, enc, idx, tail)}, reading and writing with PostgreSQL COPY. The SQL then joins
 * the sealed values into worker / vehicle_pass and drops both tables.
 *
 * <pre>java -cp target/classes:&lt;postgresql.jar&gt; src/bench/SealResidentIds.java seal  JDBC_URL USER PASSWORD KEY_FILE
 * java -cp ... src/bench/SealResidentIds.java check JDBC_URL USER PASSWORD KEY_FILE [SAMPLES]</pre>
 *
 * The keys are the portal's: LOOPGATE_PII_KEYS, LOOPGATE_PII_ACTIVE_KEY and LOOPGATE_PII_INDEX_KEY when set
 * (the benchmark passes its environment on to the portal), else KEY_FILE, the file the portal generated on its
 * embedded-database start ({@code <data dir>/pii-keys.properties}). {@code check} opens a sample of the stored
 * workers with those keys, compares them with the staging table and finds each by its blind index, as the
 * portal's search does; it prints {@code CHECK ok <n>} or fails.
 */
public final class SealResidentIds {

    private SealResidentIds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: seal|check JDBC_URL USER PASSWORD KEY_FILE [SAMPLES]");
            System.exit(2);
        }
        PersonalDataCipher cipher = cipher(Path.of(args[4]));
        try (Connection read = DriverManager.getConnection(args[1], args[2], args[3]);
             Connection write = DriverManager.getConnection(args[1], args[2], args[3])) {
            if (args[0].equals("seal")) {
                seal(cipher, read, write);
            } else {
                check(cipher, read, args.length > 5 ? Integer.parseInt(args[5]) : 1000);
            }
        }
    }

    static PersonalDataCipher cipher(Path keyFile) throws Exception {
        String keys = System.getenv("LOOPGATE_PII_KEYS");
        if (keys != null && !keys.isBlank()) {
            return PersonalDataCipher.parse(keys, System.getenv("LOOPGATE_PII_ACTIVE_KEY"), System.getenv("LOOPGATE_PII_INDEX_KEY"));
        }
        // The same file format the portal writes and reads (shared.crypto.PersonalDataKeys).
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return PersonalDataCipher.parse(p.getProperty("keys", ""), p.getProperty("active-key"), p.getProperty("index-key"));
    }

    /** COPY out (key, clear), seal, COPY in (key, enc, idx, tail); text format (no value holds a tab or backslash). */
    static void seal(PersonalDataCipher cipher, Connection read, Connection write) throws Exception {
        long t0 = System.nanoTime();
        try (Statement s = write.createStatement()) {
            s.execute("truncate bench_resident_sealed");
        }
        CopyManager in = read.unwrap(PGConnection.class).getCopyAPI();
        CopyManager out = write.unwrap(PGConnection.class).getCopyAPI();
        CopyOut source = in.copyOut("copy bench_resident_stage (key, clear) to stdout");
        CopyIn target = out.copyIn("copy bench_resident_sealed (key, enc, idx, tail) from stdin");
        long rows = 0;
        StringBuilder line = new StringBuilder(256);
        try {
            byte[] row;
            while ((row = source.readFromCopy()) != null) {
                String text = new String(row, StandardCharsets.UTF_8);
                int tab = text.indexOf('\t');
                String key = text.substring(0, tab);
                String clear = text.substring(tab + 1).strip();
                String tail = cipher.tailIndex(clear);
                line.setLength(0);
                line.append(key).append('\t').append(cipher.encrypt(clear)).append('\t').append(cipher.index(clear))
                        .append('\t').append(tail == null ? "\\N" : tail).append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                target.writeToCopy(bytes, 0, bytes.length);
                rows++;
            }
            target.endCopy();
        } finally {
            if (target.isActive()) {
                target.cancelCopy();
            }
        }
        System.out.printf("SEALED %d resident IDs in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    /** Opens sampled workers' IDs with the keys and finds each by its blind index; fails on the first mismatch. */
    static void check(PersonalDataCipher cipher, Connection c, int samples) throws Exception {
        int n = 0;
        try (PreparedStatement s = c.prepareStatement("""
                     select w.id, w.firm_id, w.resident_id_enc, w.resident_id_tail, st.clear
                     from worker w join bench_resident_stage st on st.key = w.id
                     order by random() limit ?""");
             PreparedStatement find = c.prepareStatement("select id from worker where firm_id = ? and resident_id_index = ?")) {
            s.setInt(1, samples);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String clear = rs.getString(5);
                    String opened = cipher.decrypt(rs.getString(3));
                    if (!clear.equals(opened)) {
                        throw new IllegalStateException("worker " + id + ": the stored ID does not open to the generated one");
                    }
                    if (!cipher.tailIndex(clear.substring(clear.length() - 4)).equals(rs.getString(4))) {
                        throw new IllegalStateException("worker " + id + ": tail index differs from the portal's");
                    }
                    find.setLong(1, rs.getLong(2));
                    find.setString(2, cipher.index(opened));
                    try (ResultSet f = find.executeQuery()) {
                        if (!f.next() || f.getLong(1) != id) {
                            throw new IllegalStateException("worker " + id + ": not found by its blind index");
                        }
                    }
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no worker to check");
        }
        System.out.println("CHECK ok " + n);
    }
}
