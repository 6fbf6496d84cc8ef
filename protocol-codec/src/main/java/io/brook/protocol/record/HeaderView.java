package io.brook.protocol.record;

import io.brook.common.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A header of a record read from a batch: its key, and its value as a view into the batch's buffer.
 *
 * <p>The {@link #value()} buffer is valid only while the {@link RecordBatch} it came from is unreleased; it is
 * not retained for the caller, must not be released by the caller and must not be modified. Use
 * {@link #valueBytes()} or {@link #toHeader()} for a copy that outlives the batch. Immutable.
 */
public final class HeaderView {
    private final String key;
    private final ByteBuf value;

    HeaderView(String key, ByteBuf value) {
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    /** The value as a view into the batch (see the class comment), or null. */
    public ByteBuf value() {
        return value;
    }

    /** A copy of the value, or null. */
    public byte[] valueBytes() {
        return value == null ? null : ByteBufUtil.getBytes(value);
    }

    /** A copy of this header that does not depend on the batch. */
    public Header toHeader() {
        return new Header(key, valueBytes());
    }

    @Override
    public String toString() {
        return "HeaderView(" + key + ", " + (value == null ? "null" : value.readableBytes() + " bytes") + ")";
    }
}
