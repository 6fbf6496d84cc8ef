package io.brook.protocol.generator;

import java.nio.file.Path;

/** A schema file that cannot be turned into code; the message starts with {@code file:line:} when both are known. */
public final class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    /** An error at a line of a schema file (line is 1-based; 0 when the problem concerns the whole file). */
    public static SchemaException at(Path file, int line, String message) {
        String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
        return new SchemaException(where + message);
    }
}
