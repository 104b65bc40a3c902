package cn.loopgate.shared.crypto;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Where the personal-data keys come from, decided once at start-up (before Flyway, whose migration
 * V31_2 needs them):
 * <ul>
 *   <li>configured ({@code loopgate.pii.keys}, {@code loopgate.pii.active-key}, {@code loopgate.pii.index-key}): used;</li>
 *   <li>not configured, on the embedded database the launcher started ({@code loopgate.db.embedded=true}): keys are
 *       generated once into {@code <loopgate.data-dir>/pii-keys.properties} (owner-only) and reused, with a WARNING
 *       that never shows them;</li>
 *   <li>not configured, on any other database: the portal refuses to start, naming the settings.</li>
 * </ul>
 */
public final class PersonalDataKeys {

    /** The generated key file's name, in the data directory. */
    public static final String KEY_FILE = "pii-keys.properties";
    private static final Logger LOG = Logger.getLogger(PersonalDataKeys.class.getName());
    private static volatile PersonalDataCipher current;

    /** What configuration says (read by {@link #settings(Config)}). */
    public record Settings(Optional<String> keys, Optional<String> activeKey, Optional<String> indexKey,
                           boolean embeddedDatabase, Optional<String> dataDir) {
    }

    private PersonalDataKeys() {
    }

    /** The application's cipher: the one installed at start-up, else resolved from configuration now. */
    public static PersonalDataCipher cipher() {
        PersonalDataCipher c = current;
        if (c == null) {
            synchronized (PersonalDataKeys.class) {
                c = current;
                if (c == null) {
                    c = resolve(settings(ConfigProvider.getConfig()), LOG);
                    current = c;
                }
            }
        }
        return c;
    }

    public static Settings settings(Config c) {
        return new Settings(nonBlank(c.getOptionalValue("loopgate.pii.keys", String.class)),
                nonBlank(c.getOptionalValue("loopgate.pii.active-key", String.class)),
                nonBlank(c.getOptionalValue("loopgate.pii.index-key", String.class)),
                c.getOptionalValue("loopgate.db.embedded", Boolean.class).orElse(false),
                nonBlank(c.getOptionalValue("loopgate.data-dir", String.class)));
    }

    private static Optional<String> nonBlank(Optional<String> v) {
        return v.filter(s -> !s.isBlank());
    }

    /** Decides as the class comment says; throws {@link IllegalStateException} with the reason to refuse. */
    public static PersonalDataCipher resolve(Settings s, Logger log) {
        if (s.keys().isPresent()) {
            try {
                return PersonalDataCipher.parse(s.keys().get(), s.activeKey().orElse(null), s.indexKey().orElse(null));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Personal-data keys misconfigured: " + e.getMessage()
                        + " (LOOPGATE_PII_KEYS, LOOPGATE_PII_ACTIVE_KEY, LOOPGATE_PII_INDEX_KEY; docs/security.md, Personal data at rest)", e);
            }
        }
        if (s.indexKey().isPresent() || s.activeKey().isPresent()) {
            throw new IllegalStateException("LOOPGATE_PII_INDEX_KEY or LOOPGATE_PII_ACTIVE_KEY is set but LOOPGATE_PII_KEYS is not"
                    + " (docs/security.md, Personal data at rest)");
        }
        if (!s.embeddedDatabase()) {
            throw new IllegalStateException("Refusing to start: resident IDs are encrypted at rest and no key is configured for this"
                    + " external database. Set LOOPGATE_PII_KEYS (e.g. k1:<32 bytes base64>), LOOPGATE_PII_ACTIVE_KEY (k1) and"
                    + " LOOPGATE_PII_INDEX_KEY (another 32 bytes base64); see docs/security.md, Personal data at rest.");
        }
        if (s.dataDir().isEmpty()) {
            throw new IllegalStateException("Refusing to start: the embedded database has no data directory (LOOPGATE_DATA_DIR)"
                    + " to keep generated personal-data keys in, and LOOPGATE_PII_KEYS is not set");
        }
        Path file = Path.of(s.dataDir().get()).resolve(KEY_FILE);
        try {
            boolean made = generateIfAbsent(file);
            PersonalDataCipher cipher = load(file);
            log.warning(() -> "Personal-data keys " + (made ? "generated into " : "read from ") + file
                    + " because LOOPGATE_PII_KEYS is not set (embedded database only). Set LOOPGATE_PII_KEYS,"
                    + " LOOPGATE_PII_ACTIVE_KEY and LOOPGATE_PII_INDEX_KEY for any real data (docs/security.md).");
            return cipher;
        } catch (IOException e) {
            throw new UncheckedIOException("personal-data key file " + file, e);
        }
    }

    /** Reads a key file written by {@link #generateIfAbsent(Path)} (also used by the integration tests). */
    public static PersonalDataCipher load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return PersonalDataCipher.parse(p.getProperty("keys", ""), p.getProperty("active-key"), p.getProperty("index-key"));
    }

    /**
     * Writes a fresh key file unless one exists. Nodes sharing the embedded database may start together:
     * the file is written aside and linked into place, which fails when another node won, so every node
     * reads the same keys and none reads a half-written file.
     */
    static boolean generateIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "pii-keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions protect it.
            }
            String text = "# Loopgate personal-data keys, generated for the embedded database. Keep secret; back up with the data.\n"
                    + "keys=k1:" + PersonalDataCipher.newKey() + "\n"
                    + "active-key=k1\n"
                    + "index-key=" + PersonalDataCipher.newKey() + "\n";
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            try {
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Installs the cipher decided at start-up (before anything reads or writes personal data). */
    public static void install(PersonalDataCipher cipher) {
        current = cipher;
    }
}
