package io.brook.protocol.record;

import io.brook.common.Header;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * Sizes and writes the parts of one record v2 body: attributes int8, timestampDelta varlong, offsetDelta varint,
 * key and value as varint length (-1 for null) plus bytes, header count varint, headers as varint key length plus
 * UTF-8 key and varint value length (-1 for null) plus bytes. The record itself is prefixed with its body size
 * as a varint. Stateless.
 */
final class RecordEncoding {
    /** Largest encodings of the deltas, for size bounds taken before the deltas are known. */
    private static final int MAX_VARINT_SIZE = 5;
    private static final int MAX_VARLONG_SIZE = 10;

    private RecordEncoding() {}

    static int bodySize(int offsetDelta, long timestampDelta, int keySize, int valueSize, List<Header> headers) {
        return 1 + WireFormat.sizeOfVarlong(timestampDelta) + WireFormat.sizeOfVarint(offsetDelta)
                + sizeOfNullable(keySize) + sizeOfNullable(valueSize) + headersSize(headers);
    }

    /** The full encoded size of a record whose body is {@code bodySize} bytes. */
    static int recordSize(int bodySize) {
        return WireFormat.sizeOfVarint(bodySize) + bodySize;
    }

    /** An upper bound on a record's encoded size whatever its offset and timestamp deltas. */
    static int recordSizeUpperBound(int keySize, int valueSize, List<Header> headers) {
        int body = 1 + MAX_VARLONG_SIZE + MAX_VARINT_SIZE + sizeOfNullable(keySize) + sizeOfNullable(valueSize)
                + headersSize(headers);
        return MAX_VARINT_SIZE + body;
    }

    static int headersSize(List<Header> headers) {
        int size = WireFormat.sizeOfVarint(headers.size());
        for (Header h : headers) {
            // Netty's count, which matches what writeUtf8 emits even for unpaired surrogates (written as '?').
            int keyLength = ByteBufUtil.utf8Bytes(h.key());
            size += WireFormat.sizeOfVarint(keyLength) + keyLength;
            size += sizeOfNullable(h.value() == null ? -1 : h.value().length);
        }
        return size;
    }

    /** The size of a varint length plus that many bytes; a negative size is null, written as the varint -1. */
    private static int sizeOfNullable(int size) {
        return size < 0 ? 1 : WireFormat.sizeOfVarint(size) + size;
    }

    static void writePrefix(ByteBuf out, int bodySize, int offsetDelta, long timestampDelta) {
        WireFormat.writeVarint(out, bodySize);
        out.writeByte(0); // record attributes: none defined
        WireFormat.writeVarlong(out, timestampDelta);
        WireFormat.writeVarint(out, offsetDelta);
    }

    /** Room for the largest record prefix: body size, attributes, timestamp delta, offset delta, key length. */
    static final int PREFIX_SCRATCH_SIZE = MAX_VARINT_SIZE + 1 + MAX_VARLONG_SIZE + MAX_VARINT_SIZE + MAX_VARINT_SIZE;

    /**
     * Writes a whole record of byte-array key and value, the same bytes as {@link #writePrefix} followed by
     * {@link #writeNullable(ByteBuf, byte[])} twice and {@link #writeHeaders}, but with the varints assembled in
     * {@code scratch} (at least {@link #PREFIX_SCRATCH_SIZE} bytes) and copied in two calls rather than written a
     * byte at a time: on the producer's send path each {@code writeByte} costs bounds and reference-count checks.
     */
    static void writeRecord(ByteBuf out, byte[] scratch, int bodySize, int offsetDelta, long timestampDelta,
            byte[] key, byte[] value, List<Header> headers) {
        int n = putVarint(scratch, 0, bodySize);
        scratch[n++] = 0; // record attributes: none defined
        n = putVarlong(scratch, n, timestampDelta);
        n = putVarint(scratch, n, offsetDelta);
        n = putVarint(scratch, n, key == null ? -1 : key.length);
        out.writeBytes(scratch, 0, n);
        if (key != null) {
            out.writeBytes(key);
        }
        n = putVarint(scratch, 0, value == null ? -1 : value.length);
        out.writeBytes(scratch, 0, n);
        if (value != null) {
            out.writeBytes(value);
        }
        writeHeaders(out, headers);
    }

    /** Zigzag varint into {@code a} at {@code i}; returns the index after it. */
    private static int putVarint(byte[] a, int i, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            a[i++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        a[i++] = (byte) v;
        return i;
    }

    /** Zigzag varlong into {@code a} at {@code i}; returns the index after it. */
    private static int putVarlong(byte[] a, int i, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            a[i++] = (byte) (((int) v & 0x7f) | 0x80);
            v >>>= 7;
        }
        a[i++] = (byte) v;
        return i;
    }

    static void writeNullable(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            WireFormat.writeVarint(out, -1);
        } else {
            WireFormat.writeVarint(out, bytes.length);
            out.writeBytes(bytes);
        }
    }

    /** Writes {@code bytes}' readable bytes (or the null marker), leaving its indices alone. */
    static void writeNullable(ByteBuf out, ByteBuf bytes) {
        if (bytes == null) {
            WireFormat.writeVarint(out, -1);
        } else {
            int n = bytes.readableBytes();
            WireFormat.writeVarint(out, n);
            out.writeBytes(bytes, bytes.readerIndex(), n);
        }
    }

    static void writeHeaders(ByteBuf out, List<Header> headers) {
        WireFormat.writeVarint(out, headers.size());
        for (Header h : headers) {
            WireFormat.writeVarint(out, ByteBufUtil.utf8Bytes(h.key()));
            ByteBufUtil.writeUtf8(out, h.key());
            writeNullable(out, h.value());
        }
    }
}
