package io.brook.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test utility: the repository's {@code docs/CONFIGURATION.md} and the definitions client-core documents in it.
 * Its {@link #main} rewrites the generated sections of the document:
 * <pre>
 * mvn -q -pl client-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.brook.common.config.ConfigurationDocs
 * </pre>
 * (or run the class from an IDE with the working directory at the repository root or in client-core).
 */
public final class ConfigurationDocs {
    /** Every client definition whose section client-core's test checks. Producer and consumer add theirs. */
    static final List<ConfigDefinition> DEFINITIONS =
            List.of(AdminConfigs.DEFINITION, ProducerConfigs.DEFINITION, ConsumerConfigs.DEFINITION);

    private ConfigurationDocs() {}

    /** {@code docs/CONFIGURATION.md}, found from the working directory (the repository root or a module). */
    static Path documentPath() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("docs").resolve("CONFIGURATION.md");
            if (Files.isRegularFile(candidate) || Files.isDirectory(d.resolve("client-core"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document with every known section regenerated. */
    static String regenerate(String document) {
        String out = document;
        for (ConfigDefinition definition : DEFINITIONS) {
            out = ConfigDocumentation.update(out, definition);
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path path = documentPath();
        String before = Files.exists(path) ? read(path) : "";
        String after = regenerate(before);
        Files.writeString(path, after, StandardCharsets.UTF_8);
        System.out.println((before.equals(after) ? "Unchanged: " : "Rewrote: ") + path);
    }
}
