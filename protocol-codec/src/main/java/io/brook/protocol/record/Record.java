package io.brook.protocol.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * One record read from a {@link RecordBatch}, with its absolute offset, timestamp and sequence resolved against
 * the batch header.
 *
 * <p>{@link #key()}, {@link #value()} and the header values are views into the batch's buffer (the fetched bytes
 * for an uncompressed batch, the batch's one decompression buffer otherwise): valid only while the batch is
 * unreleased, not retained for the caller, never to be released or modified by the caller. The {@code ...Bytes()}
 * accessors return copies that outlive the batch. Immutable.
 */
public final class Record {
    private final long offset;
    private final long timestamp;
    private final int sequence;
    private final int sizeInBytes;
    private final ByteBuf key;
    private final ByteBuf value;
    private final List<HeaderView> headers;

    Record(long offset, long timestamp, int sequence, int sizeInBytes, ByteBuf key, ByteBuf value,
            List<HeaderView> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.sizeInBytes = sizeInBytes;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    /** The record's offset in its partition: the batch's base offset plus the record's offset delta. */
    public long offset() {
        return offset;
    }

    /**
     * The record's timestamp: the batch's base timestamp plus the record's delta, or for a
     * {@link TimestampType#LOG_APPEND_TIME} batch the batch's max timestamp (the broker's append time).
     */
    public long timestamp() {
        return timestamp;
    }

    /** The producer sequence of this record, or {@link RecordBatchFormat#NO_SEQUENCE} for a non-idempotent batch. */
    public int sequence() {
        return sequence;
    }

    /** The encoded size of this record in the (uncompressed) batch, including its length prefix. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The key as a view into the batch (see the class comment), or null. */
    public ByteBuf key() {
        return key;
    }

    /** A copy of the key, or null. */
    public byte[] keyBytes() {
        return key == null ? null : ByteBufUtil.getBytes(key);
    }

    /** The key size in bytes, or -1 for a null key. */
    public int keySize() {
        return key == null ? -1 : key.readableBytes();
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The value as a view into the batch (see the class comment), or null. */
    public ByteBuf value() {
        return value;
    }

    /** A copy of the value, or null. */
    public byte[] valueBytes() {
        return value == null ? null : ByteBufUtil.getBytes(value);
    }

    /** The value size in bytes, or -1 for a null value. */
    public int valueSize() {
        return value == null ? -1 : value.readableBytes();
    }

    /** The headers in their wire order (unmodifiable; empty when there are none), values as views into the batch. */
    public List<HeaderView> headers() {
        return headers;
    }

    /** Copies of the headers that outlive the batch. */
    public List<Header> headersCopy() {
        List<Header> copy = new ArrayList<>(headers.size());
        for (HeaderView h : headers) {
            copy.add(h.toHeader());
        }
        return copy;
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key=" + keySize() + " bytes, value="
                + valueSize() + " bytes, headers=" + headers.size() + ")";
    }
}
