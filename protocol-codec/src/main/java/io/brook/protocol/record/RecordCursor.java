package io.brook.protocol.record;

import io.brook.protocol.wire.MalformedMessageException;
import java.nio.ByteBuffer;

/**
 * Reads the fields of a batch's records (bytes and zigzag varints) from a {@link ByteBuffer} view of the records
 * region, by absolute index, checking every read against a movable {@link #limit()} (the end of the region or of
 * the current record). Owned by the {@link RecordIterator} that created it.
 *
 * <p>Why not {@link io.brook.protocol.wire.WireFormat} over the {@code ByteBuf}: every {@code ByteBuf} read
 * checks bounds and reads the reference count through the chain of derived buffers, which was most of the cost
 * of reading an uncompressed batch. A {@code ByteBuffer} has no reference count and its index check is cheap for
 * the JIT. The caller must not read through the view once the batch is released (its memory may be reused or
 * freed): {@link RecordIterator} checks that once per record. The varint decoding matches {@code WireFormat}'s,
 * including its errors.
 */
final class RecordCursor {
    private final ByteBuffer view;
    private int position;
    private int limit;

    /** @param view the records region, from index 0 to its limit; only read by absolute index */
    RecordCursor(ByteBuffer view) {
        this.view = view;
        this.limit = view.limit();
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    /** Bounds later reads at {@code limit}, which the caller checked is within the region. */
    void limit(int limit) {
        this.limit = limit;
    }

    int remaining() {
        return limit - position;
    }

    /** Moves past {@code n} bytes, which the caller checked are within the limit. */
    void skip(int n) {
        position += n;
    }

    byte readByte() {
        if (position >= limit) {
            throw new MalformedMessageException("needed 1 more bytes, " + remaining() + " left");
        }
        return view.get(position++);
    }

    int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("unsigned varint longer than 5 bytes");
    }

    long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("unsigned varlong longer than 10 bytes");
    }
}
