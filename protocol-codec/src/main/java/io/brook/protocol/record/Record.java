package io.brook.protocol.record;

import io.brook.common.Header;
import io.netty.buffer.ByteBuf;
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
    // Key and value as offsets into the batch's records buffer, sliced only on request: most readers copy them or
    // look at them once, and a slice per field was a large part of the cost of reading a batch.
    private final ByteBuf records;
    private final int keyOffset;
    private final int keyLength;
    private final int valueOffset;
    private final int valueLength;
    private final List<HeaderView> headers;

    /** Key and value lengths are -1 for null; the caller checked that both lie within {@code records}. */
    Record(long offset, long timestamp, int sequence, int sizeInBytes, ByteBuf records, int keyOffset,
            int keyLength, int valueOffset, int valueLength, List<HeaderView> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.sizeInBytes = sizeInBytes;
        this.records = records;
        this.keyOffset = keyOffset;
        this.keyLength = keyLength;
        this.valueOffset = valueOffset;
        this.valueLength = valueLength;
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
        return keyLength >= 0;
    }

    /**
     * The key as a view into the batch (see the class comment), or null. Each call returns a new view with its own
     * indices.
     */
    public ByteBuf key() {
        return view(keyOffset, keyLength);
    }

    /** A copy of the key, or null. */
    public byte[] keyBytes() {
        return copy(keyOffset, keyLength);
    }

    /** The key size in bytes, or -1 for a null key. */
    public int keySize() {
        return keyLength;
    }

    public boolean hasValue() {
        return valueLength >= 0;
    }

    /**
     * The value as a view into the batch (see the class comment), or null. Each call returns a new view with its
     * own indices.
     */
    public ByteBuf value() {
        return view(valueOffset, valueLength);
    }

    /** A copy of the value, or null. */
    public byte[] valueBytes() {
        return copy(valueOffset, valueLength);
    }

    /** The value size in bytes, or -1 for a null value. */
    public int valueSize() {
        return valueLength;
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

    private ByteBuf view(int index, int length) {
        return length < 0 ? null : records.slice(index, length);
    }

    private byte[] copy(int index, int length) {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        records.getBytes(index, bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key=" + keySize() + " bytes, value="
                + valueSize() + " bytes, headers=" + headers.size() + ")";
    }
}
