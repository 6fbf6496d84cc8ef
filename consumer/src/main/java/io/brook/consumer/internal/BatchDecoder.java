package io.brook.consumer.internal;

import io.brook.common.Deserializer;
import io.brook.common.Header;
import io.brook.common.errors.CorruptRecordException;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.TimestampType;
import io.brook.protocol.compress.CompressionType;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the records of one fetched batch straight into {@link ConsumerRecord}s: fields are parsed from a
 * {@link ByteBuffer} view of the batch's records (the fetched bytes themselves for an uncompressed batch, one
 * pooled decompression buffer otherwise), and key, value and header bytes are copied only into the arrays the
 * deserializers receive. No intermediate object per record.
 *
 * <p>Owned by the polling thread (through its {@link CompletedFetch}); not thread-safe. It holds the batch (and
 * its decompressed buffer) until {@link #release()}.
 */
final class BatchDecoder {
    private final RecordBatch batch;
    private final ByteBuf decompressed;
    private final ByteBuffer view;
    private final long baseOffset;
    private final long baseTimestamp;
    private final long logAppendTime;
    private final TimestampType timestampType;
    private final int leaderEpoch;
    private final int count;
    private int index;
    private int position;
    private byte[] scratch = new byte[64];
    private boolean released;

    /**
     * Takes ownership of {@code batch} (a non-control batch), decompressing its records if needed.
     *
     * @throws CorruptRecordException if the records do not decompress (the batch is released then)
     */
    BatchDecoder(RecordBatch batch, ByteBufAllocator alloc) {
        this.batch = batch;
        ByteBuf raw = batch.buffer();
        ByteBuf records = raw.slice(RecordBatchFormat.HEADER_SIZE, raw.readableBytes() - RecordBatchFormat.HEADER_SIZE);
        if (batch.compressionType() == CompressionType.NONE) {
            this.decompressed = null;
        } else {
            try {
                records = batch.compressionType().decompress(records, alloc);
            } catch (RuntimeException e) {
                batch.release();
                throw new CorruptRecordException("record batch at offset " + batch.baseOffset() + ": its "
                        + batch.compressionType() + " records do not decompress: " + e.getMessage(), e);
            }
            this.decompressed = records;
        }
        this.view = records.nioBuffer();
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        boolean appendTime = batch.timestampType() == io.brook.protocol.record.TimestampType.LOG_APPEND_TIME;
        this.timestampType = appendTime ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        this.logAppendTime = appendTime ? batch.maxTimestamp() : RecordBatchFormat.NO_TIMESTAMP;
        this.leaderEpoch = batch.partitionLeaderEpoch();
        this.count = batch.recordCount();
    }

    RecordBatch batch() {
        return batch;
    }

    int leaderEpoch() {
        return leaderEpoch;
    }

    boolean hasNext() {
        return index < count;
    }

    /**
     * Decodes the next record; returns null (after moving past it) if its offset is below {@code minOffset}.
     *
     * @throws CorruptRecordException naming the batch if the record is malformed
     * @throws io.brook.common.errors.SerializationException (or whatever the deserializers throw)
     */
    <K, V> ConsumerRecord<K, V> next(String topic, int partition, long minOffset, Deserializer<K> keys,
            Deserializer<V> values) {
        int start = position;
        int bodySize = readVarint();
        int end = position + bodySize;
        if (bodySize < 0 || end > view.limit()) {
            throw corrupt("record " + index + " claims " + bodySize + " bytes with " + (view.limit() - position)
                    + " left");
        }
        index++;
        position++; // attributes: none defined
        long timestampDelta = readVarlong();
        int offsetDelta = readVarint();
        long offset = baseOffset + offsetDelta;
        if (offset < minOffset) {
            position = end;
            return null;
        }
        int keySize = readLength(end, "key");
        byte[] key = copy(keySize);
        int valueSize = readLength(end, "value");
        byte[] value = copy(valueSize);
        List<Header> headers = readHeaders(end);
        if (position != end) {
            throw corrupt("record " + (index - 1) + " at position " + start + " has " + (end - position)
                    + " bytes beyond its fields");
        }
        long timestamp = logAppendTime != RecordBatchFormat.NO_TIMESTAMP ? logAppendTime
                : baseTimestamp + timestampDelta;
        return new ConsumerRecord<>(topic, partition, offset, timestamp, keys.deserialize(topic, key),
                values.deserialize(topic, value), headers, timestampType, keySize, valueSize, leaderEpoch);
    }

    private List<Header> readHeaders(int end) {
        int n = readVarint();
        if (n == 0) {
            return List.of();
        }
        if (n < 0 || n > (end - position) / 2) {
            throw corrupt("record " + (index - 1) + " has an invalid header count " + n);
        }
        List<Header> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int keySize = readLength(end, "header key");
            if (keySize < 0) {
                throw corrupt("record " + (index - 1) + " has a null header key");
            }
            String key = readUtf8(keySize);
            int valueSize = readLength(end, "header value");
            headers.add(new Header(key, copy(valueSize)));
        }
        return Collections.unmodifiableList(headers);
    }

    private String readUtf8(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        view.get(position, scratch, 0, size);
        position += size;
        return new String(scratch, 0, size, StandardCharsets.UTF_8);
    }

    private byte[] copy(int size) {
        if (size < 0) {
            return null;
        }
        byte[] bytes = new byte[size];
        view.get(position, bytes);
        position += size;
        return bytes;
    }

    /** A length that may be -1 (null), checked against the record's end. */
    private int readLength(int end, String what) {
        int n = readVarint();
        if (n < -1 || n > end - position) {
            throw corrupt("record " + (index - 1) + " has a " + what + " length " + n + " with " + (end - position)
                    + " bytes left");
        }
        return n;
    }

    private int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("varint longer than 5 bytes in record " + index);
    }

    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("varlong longer than 10 bytes in record " + index);
    }

    private byte readByte() {
        if (position >= view.limit()) {
            throw corrupt("record " + index + " is truncated");
        }
        return view.get(position++);
    }

    private CorruptRecordException corrupt(String what) {
        return new CorruptRecordException("record batch at offset " + baseOffset + " is corrupt: " + what);
    }

    /** Frees the batch and any decompression buffer; idempotent. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (decompressed != null) {
            decompressed.release();
        }
        batch.release();
    }
}
