package cn.loopgate.identity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity kernel knows no feature: it may use {@code shared} and itself only, so that every feature can
 * depend on it without a cycle (user management lives in {@code account}, firms and parks named by a token
 * are found through {@link TenantLookup}).
 */
class IdentityKernelTest {

    private static final Pattern LOOPGATE_REFERENCE = Pattern.compile("cn\\.loopgate\\.([a-z]+)\\.");

    @Test
    void theKernelUsesNoFeaturePackage() throws IOException {
        Path kernel = Path.of("src/main/java/cn/loopgate/identity");
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(kernel)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 10, "the kernel's sources were found");
        for (Path source : sources) {
            for (String line : Files.readAllLines(source)) {
                if (line.startsWith(" *") || line.startsWith("/**")) {
                    continue; // Javadoc may name where things went
                }
                Matcher m = LOOPGATE_REFERENCE.matcher(line);
                while (m.find()) {
                    if (!m.group(1).equals("identity") && !m.group(1).equals("shared")) {
                        found.add(kernel.relativize(source) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
