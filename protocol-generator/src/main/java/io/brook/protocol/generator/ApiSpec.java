package io.brook.protocol.generator;

import java.nio.file.Path;

/** One schema file: an API with its request and response. Immutable. */
public record ApiSpec(MessageSpec.ApiHeader header, MessageSpec request, MessageSpec response, Path file) {
    public String name() {
        return header.name();
    }

    /** UPPER_SNAKE constant name for the ApiKey enum: {@code ApiVersions} -> {@code API_VERSIONS}. */
    public String constantName() {
        return Names.upperSnake(header.name());
    }
}
