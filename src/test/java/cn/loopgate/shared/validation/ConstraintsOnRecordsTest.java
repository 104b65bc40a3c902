package cn.loopgate.shared.validation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Payara's OpenAPI generator throws (and /openapi answers 500) when a record component carries a
 * standard jakarta.validation constraint. Commands are records, so they use Loopgate's own
 * constraints (Required, Length, Range, Matches) instead.
 */
class ConstraintsOnRecordsTest {

    @Test
    void noStandardConstraintsInMainCode() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("import jakarta.validation.constraints.");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders, "use cn.loopgate.shared.validation constraints instead");
        }
    }
}
