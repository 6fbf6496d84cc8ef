package io.brook.protocol;

import io.netty.buffer.ByteBuf;

/** A top-level, immutable request or response body generated from a schema file. */
public interface ApiMessage {
    /** The API this message belongs to. */
    ApiKey apiKey();

    /**
     * Writes this message at {@code version} to {@code out}.
     *
     * @throws io.brook.common.errors.UnsupportedVersionException if the version is outside the API's range or
     *     a non-ignorable field holds a value the version cannot carry
     */
    void write(ByteBuf out, short version);

    /** The exact number of bytes {@link #write} produces at {@code version}. */
    int size(short version);
}
