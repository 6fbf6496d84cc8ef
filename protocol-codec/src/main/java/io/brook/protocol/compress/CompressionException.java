package io.brook.protocol.compress;

import io.brook.common.errors.BrookException;

/**
 * A codec could not compress or decompress: the input is not a valid stream of its codec (corrupt, truncated,
 * an unsupported frame option), or the codec itself failed. Record batch readers turn it into a
 * {@code CorruptRecordException} naming the batch.
 */
public final class CompressionException extends BrookException {
    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
