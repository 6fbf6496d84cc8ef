package io.brook.it.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes one golden file in the format {@code GoldenBytesTest} reads: a {@code #} comment line saying where the
 * bytes come from, then the message body as lower-case hex, 64 bytes a line. Stateless.
 */
final class GoldenFiles {
    private GoldenFiles() {
    }

    /**
     * Writes {@code <apiName>-<request|response>-v<version>.hex} under {@code folder}, replacing any file of that
     * name, and returns its path.
     */
    static Path write(Path folder, String apiName, boolean request, short version, String comment, byte[] body)
            throws IOException {
        String name = apiName + (request ? "-request-v" : "-response-v") + version + ".hex";
        String hex = HexFormat.of().formatHex(body).replaceAll("(.{128})", "$1\n");
        Path file = folder.resolve(name);
        Files.writeString(file, "# " + comment + "\n" + hex + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
