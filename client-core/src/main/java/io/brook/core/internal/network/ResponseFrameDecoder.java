package io.brook.core.internal.network;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Pipeline handler {@code frame-decoder}: splits the inbound byte stream into response frames at their int32 size
 * prefix and strips the prefix. A frame larger than the configured maximum, or with a negative size, raises a
 * codec exception as soon as its size is read (without buffering it), which closes the connection.
 *
 * <p>Confined to its channel's event loop, as every Netty decoder.
 */
final class ResponseFrameDecoder extends LengthFieldBasedFrameDecoder {
    static final String NAME = "frame-decoder";

    /** @param maxResponseSizeBytes the largest frame accepted, not counting the 4-byte size prefix */
    ResponseFrameDecoder(int maxResponseSizeBytes) {
        // The maximum counts the prefix too; cap so the sum cannot overflow.
        super((int) Math.min(Integer.MAX_VALUE, maxResponseSizeBytes + 4L), 0, 4, 0, 4, true);
    }
}
