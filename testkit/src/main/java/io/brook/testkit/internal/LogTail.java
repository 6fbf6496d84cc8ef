package io.brook.testkit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the end of a log file for an error message. Stateless. */
final class LogTail {

    /** Enough for the last lines of any broker log, however long the stack traces in it. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code lines} lines of the file, each indented, or a note saying why there are none. */
    static String of(Path file, int lines) {
        if (!Files.exists(file)) {
            return "    (" + file + " does not exist)\n";
        }
        String text;
        try {
            text = readEnd(file);
        } catch (IOException e) {
            return "    (cannot read " + file + ": " + e + ")\n";
        }
        List<String> all = Arrays.asList(text.split("\r?\n"));
        if (text.isBlank()) {
            return "    (" + file + " is empty)\n";
        }
        StringBuilder tail = new StringBuilder();
        all.subList(Math.max(0, all.size() - lines), all.size())
                .forEach(line -> tail.append("    ").append(line).append('\n'));
        return tail.toString();
    }

    /**
     * The last line of the file's end that logs at ERROR or FATAL level (in the testkit's broker log layout), if
     * any: the broker's own statement of why it failed, which a stack trace may have pushed out of the tail.
     */
    static Optional<String> lastError(Path file) {
        try {
            List<String> all = Arrays.asList(readEnd(file).split("\r?\n"));
            for (int i = all.size() - 1; i >= 0; i--) {
                String line = all.get(i);
                if (line.startsWith("[") && (line.contains("] ERROR ") || line.contains("] FATAL "))) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readEnd(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long start = Math.max(0, channel.size() - MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Keep reading until the buffer is full or the file ends.
            }
            // Lenient decoding: a log cut mid-character must still be shown.
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
