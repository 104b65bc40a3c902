package cn.loopgate.shared.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataKeysTest {

    static final String K1 = PersonalDataCipher.newKey();
    static final String INDEX = PersonalDataCipher.newKey();

    static PersonalDataKeys.Settings settings(String keys, String index, boolean embedded, Path dir) {
        return new PersonalDataKeys.Settings(Optional.ofNullable(keys), Optional.empty(), Optional.ofNullable(index), embedded,
                Optional.ofNullable(dir).map(Path::toString));
    }

    static final class Captured extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static Logger logger(Captured c) {
        Logger l = Logger.getAnonymousLogger();
        l.setUseParentHandlers(false);
        l.addHandler(c);
        return l;
    }

    @Test
    void configuredKeysAreUsedWhateverTheDatabase(@TempDir Path dir) {
        Captured log = new Captured();
        PersonalDataCipher c = PersonalDataKeys.resolve(settings("k1:" + K1, INDEX, false, null), logger(log));
        assertEquals("k1", c.activeKeyId());
        assertTrue(log.records.isEmpty());
    }

    @Test
    void anExternalDatabaseWithoutKeysRefusesToStart(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PersonalDataKeys.resolve(settings(null, null, false, dir), logger(new Captured())));
        assertTrue(e.getMessage().contains("Refusing to start") && e.getMessage().contains("LOOPGATE_PII_KEYS"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(PersonalDataKeys.KEY_FILE)), "no key generated for an external database");
        assertThrows(IllegalStateException.class, () -> PersonalDataKeys.resolve(settings(null, INDEX, true, dir), logger(new Captured())),
                "an index key without keys is a mistake, not a request for generated keys");
        assertThrows(IllegalStateException.class, () -> PersonalDataKeys.resolve(settings("k1:" + K1, null, false, null), logger(new Captured())),
                "keys without the index key");
    }

    @Test
    void theEmbeddedDatabaseGetsAKeyFileOnceWithAWarningThatNeverShowsTheKeys(@TempDir Path dir) throws Exception {
        Captured log = new Captured();
        PersonalDataCipher first = PersonalDataKeys.resolve(settings(null, null, true, dir), logger(log));
        Path file = dir.resolve(PersonalDataKeys.KEY_FILE);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertEquals(1, log.records.size());
        LogRecord warning = log.records.get(0);
        assertEquals(Level.WARNING, warning.getLevel());
        for (String line : text.split("\n")) {
            if (line.contains("=")) {
                String secret = line.substring(line.indexOf('=') + 1).replace("k1:", "");
                assertFalse(warning.getMessage().contains(secret), "the warning shows a key");
            }
        }
        String sealed = first.encrypt("11010519491231002X");
        PersonalDataCipher again = PersonalDataKeys.resolve(settings(null, null, true, dir), logger(new Captured()));
        assertEquals(text, Files.readString(file), "the file is reused, not rewritten");
        assertEquals("11010519491231002X", again.decrypt(sealed));
        assertEquals(first.index("11010519491231002X"), again.index("11010519491231002X"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theEmbeddedDatabaseWithoutADataDirectoryRefuses() {
        assertThrows(IllegalStateException.class, () -> PersonalDataKeys.resolve(settings(null, null, true, null), logger(new Captured())));
    }
}
