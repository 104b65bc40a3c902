package cn.loopgate.shared.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both languages have every text, and every text a page or the code asks for exists. */
class BundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources/i18n");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> zh = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        assertEquals(Set.of(), onlyZh, "keys missing in English");
        assertEquals(Set.of(), onlyEn, "keys missing in Chinese");
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        for (String name : new String[]{"messages.properties", "messages_en.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0 && !seen.add(line.substring(0, eq).strip())) {
                    twice.add(line.substring(0, eq).strip());
                }
            }
            assertEquals(Set.of(), twice, "keys defined twice in " + name);
        }
    }

    @Test
    void everyKeyUsedByPagesAndCodeExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern page = Pattern.compile("msg\\['([a-zA-Z0-9_.]+)'\\]");
        Pattern code = Pattern.compile("\"((?:validation|error|common|login|home|menu|roster|profile|audit|notifications)\\.[a-zA-Z0-9_.]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/webapp")), Files.walk(Path.of("src/main/java")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xhtml")).toList()) {
                String text = Files.readString(f);
                Matcher m = (f.toString().endsWith(".xhtml") ? page : code).matcher(text);
                while (m.find()) {
                    if (!m.group(1).endsWith(".") && !keys.contains(m.group(1))) {
                        missing.add(m.group(1) + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void noHardCodedChineseInPages() throws IOException {
        Pattern han = Pattern.compile("\\p{IsHan}");
        try (Stream<Path> files = Files.walk(Path.of("src/main/webapp"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                assertTrue(!han.matcher(Files.readString(f)).find(), "Chinese text in " + f + ": use the bundle");
            }
        }
    }
}
