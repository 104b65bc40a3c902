package cn.loopgate.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/configuration.md true: every MicroProfile Config key read in src/main (by
 * {@code @ConfigProperty}, {@code getValue}/{@code getOptionalValue} or {@code ${MPCONFIG=...}})
 * has a row, every row's key is still read, each row's variable is the key's MicroProfile Config
 * environment name, and every {@code LOOPGATE_*} variable of docker/docker-compose.yml has a row.
 */
class ConfigurationDocTest {

    static final Path DOC = Path.of("docs/configuration.md");
    static final Pattern[] READS = {
            Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\""),
            Pattern.compile("get(?:Optional)?Value\\(\\s*\"([^\"]+)\"\\s*,"),
            Pattern.compile("\\$\\{MPCONFIG=([^}]+)}")};
    static final Pattern ROW = Pattern.compile("^\\|\\s*(`([^`]+)`|—[^|]*)\\s*\\|\\s*`([A-Z0-9_]+)`\\s*\\|([^|]*)\\|([^|]*)\\|\\s*$");

    record Row(String key, String variable, String meaning) {
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(2), m.group(3), m.group(5).strip()));
            }
        }
        return rows;
    }

    static Set<String> keysInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (Pattern p : READS) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        keys.add(m.group(1).strip());
                    }
                }
            }
        }
        return keys;
    }

    /** MicroProfile Config's environment name of a key: non-alphanumerics to _, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    void everyKeyReadByTheCodeHasARowAndEveryRowIsRead() throws IOException {
        Set<String> code = keysInCode();
        assertTrue(code.size() > 20 && code.contains("loopgate.retention.days") && code.contains("loopgate.db.url"),
                "the scan finds the keys: " + code);
        Set<String> documented = new TreeSet<>();
        for (Row r : table()) {
            if (r.key() != null) {
                documented.add(r.key());
            }
        }
        Set<String> missing = new TreeSet<>(code);
        missing.removeAll(documented);
        assertTrue(missing.isEmpty(), "keys read by the code but missing in docs/configuration.md: " + missing);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(code);
        assertTrue(stale.isEmpty(), "rows in docs/configuration.md for keys the code no longer reads: " + stale);
    }

    @Test
    void eachRowNamesTheEnvironmentVariableOfItsKeyOnceWithAMeaning() throws IOException {
        TreeMap<String, Integer> seen = new TreeMap<>();
        for (Row r : table()) {
            if (r.key() != null) {
                assertEquals(environmentName(r.key()), r.variable(), "row of " + r.key());
            }
            assertTrue(r.variable().startsWith("LOOPGATE_"), r.variable());
            assertTrue(!r.meaning().isBlank(), "row of " + r.variable() + " says what it means");
            seen.merge(r.variable(), 1, Integer::sum);
        }
        seen.forEach((v, n) -> assertEquals(1, n, v + " has one row"));
        for (String launcher : List.of("LOOPGATE_PORT", "LOOPGATE_HEAP", "LOOPGATE_BIND_ADDRESS")) {
            assertTrue(seen.containsKey(launcher), launcher);
        }
    }

    @Test
    void everyLoopgateVariableOfTheComposeFileHasARow() throws IOException {
        Set<String> compose = new TreeSet<>();
        for (Path f : List.of(Path.of("docker/docker-compose.yml"), Path.of("docker/.env.example"))) {
            Matcher m = Pattern.compile("\\bLOOPGATE_[A-Z0-9_]+").matcher(Files.readString(f));
            while (m.find()) {
                compose.add(m.group());
            }
        }
        assertTrue(compose.contains("LOOPGATE_DB_URL") && compose.contains("LOOPGATE_RETENTION_DAYS"), compose.toString());
        Set<String> documented = new TreeSet<>();
        table().forEach(r -> documented.add(r.variable()));
        compose.removeAll(documented);
        assertTrue(compose.isEmpty(), "variables in docker/ missing in docs/configuration.md: " + compose);
    }

    @Test
    void theEnvironmentNameFollowsMicroProfileConfig() {
        assertEquals("LOOPGATE_DB_URL", environmentName("loopgate.db.url"));
        assertEquals("LOOPGATE_DEMO_DATA", environmentName("loopgate.demo-data"));
        assertEquals("LOOPGATE_PROBLEM_URGENT_ACKNOWLEDGE_HOURS", environmentName("loopgate.problem.urgent.acknowledge-hours"));
    }
}
