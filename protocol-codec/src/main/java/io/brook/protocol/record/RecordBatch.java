package io.brook.protocol.record;

import static io.brook.protocol.record.RecordBatchFormat.ATTRIBUTES_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_OFFSET_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_SEQUENCE_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_TIMESTAMP_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.COMPRESSION_MASK;
import static io.brook.protocol.record.RecordBatchFormat.CONTROL_MASK;
import static io.brook.protocol.record.RecordBatchFormat.CRC_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.DELETE_HORIZON_MASK;
import static io.brook.protocol.record.RecordBatchFormat.HEADER_SIZE;
import static io.brook.protocol.record.RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.MAGIC_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.MAX_TIMESTAMP_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.NO_SEQUENCE;
import static io.brook.protocol.record.RecordBatchFormat.NO_TIMESTAMP;
import static io.brook.protocol.record.RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.PRODUCER_EPOCH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.PRODUCER_ID_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.RECORD_COUNT_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.TIMESTAMP_TYPE_MASK;
import static io.brook.protocol.record.RecordBatchFormat.TRANSACTIONAL_MASK;

import io.brook.protocol.Releasable;
import io.brook.protocol.compress.CompressionException;
import io.brook.protocol.compress.CompressionType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Iterator;

/**
 * One record batch v2 read from a {@code records} buffer by {@link RecordBatchReader}: its header fields, CRC
 * check and records.
 *
 * <p><b>Ownership.</b> A batch holds one reference to the memory of its bytes (a retained slice of the fetched
 * buffer) and, once its records of a compressed batch are first iterated, one pooled buffer with the
 * decompressed records. {@link #release()} (or {@link #close()}) frees both; the caller that got the batch from
 * {@link RecordBatchReader#next()} must call it exactly once, after which every {@link Record}, key, value and
 * header view obtained from this batch is invalid. Releasing the fetched buffer itself does not invalidate the
 * batch.
 *
 * <p><b>Threading.</b> Not thread-safe: decompression happens lazily on first iteration. Confine a batch to the
 * thread that reads it (the consumer's fetch-processing thread).
 */
public final class RecordBatch implements Iterable<Record>, Releasable, AutoCloseable {
    /** Body size, attributes, both deltas, key and value lengths and header count: one byte each at least. */
    private static final int MIN_RECORD_SIZE = 7;

    private final ByteBuf buf;
    private final ByteBufAllocator alloc;
    private final long baseOffset;
    private final int attributes;
    private final CompressionType compressionType;
    private final int recordCount;
    private ByteBuf decompressed;
    private boolean released;

    /**
     * Takes ownership of {@code buf}, exactly one batch whose magic the caller checked. Validates what the header
     * alone can show (record count, codec id); on failure the caller still owns {@code buf}.
     */
    RecordBatch(ByteBuf buf, ByteBufAllocator alloc) {
        this.buf = buf;
        this.alloc = alloc;
        this.baseOffset = buf.getLong(BASE_OFFSET_OFFSET);
        this.attributes = buf.getShort(ATTRIBUTES_OFFSET) & 0xffff;
        this.recordCount = buf.getInt(RECORD_COUNT_OFFSET);
        if (recordCount < 0) {
            throw RecordErrors.corrupt(baseOffset, "negative record count " + recordCount);
        }
        int codecId = attributes & COMPRESSION_MASK;
        this.compressionType = CompressionType.forId(codecId);
        if (compressionType == null) {
            throw RecordErrors.corrupt(baseOffset, "unknown compression codec id " + codecId);
        }
        int recordsBytes = buf.readableBytes() - HEADER_SIZE;
        // Every record takes at least seven bytes uncompressed, so an uncompressed batch's count is bounded.
        if (compressionType == CompressionType.NONE && (long) recordCount * MIN_RECORD_SIZE > recordsBytes) {
            throw RecordErrors.corrupt(baseOffset, recordCount + " records cannot fit in " + recordsBytes + " bytes");
        }
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** The offset of the last record the producer wrote: base offset plus last offset delta. */
    public long lastOffset() {
        return baseOffset + lastOffsetDelta();
    }

    /** The offset after this batch: where the next fetch continues. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int lastOffsetDelta() {
        return buf.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buf.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buf.getByte(MAGIC_OFFSET);
    }

    /** The CRC-32C stored in the header (unsigned). */
    public long checksum() {
        return buf.getUnsignedInt(CRC_OFFSET);
    }

    /** The raw attributes int16. */
    public int attributes() {
        return attributes;
    }

    public CompressionType compressionType() {
        return compressionType;
    }

    public TimestampType timestampType() {
        return (attributes & TIMESTAMP_TYPE_MASK) != 0 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    public boolean isTransactional() {
        return (attributes & TRANSACTIONAL_MASK) != 0;
    }

    /** Whether this batch holds control records (transaction markers) rather than user data. */
    public boolean isControl() {
        return (attributes & CONTROL_MASK) != 0;
    }

    /** Whether the log cleaner set a delete horizon, in which case the base timestamp holds it. */
    public boolean hasDeleteHorizon() {
        return (attributes & DELETE_HORIZON_MASK) != 0;
    }

    /** The delete horizon in ms, or {@link RecordBatchFormat#NO_TIMESTAMP} when none is set. */
    public long deleteHorizonMs() {
        return hasDeleteHorizon() ? baseTimestamp() : NO_TIMESTAMP;
    }

    public long baseTimestamp() {
        return buf.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buf.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buf.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buf.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** The sequence of the last record, or {@link RecordBatchFormat#NO_SEQUENCE}; wraps past Integer.MAX_VALUE. */
    public int lastSequence() {
        return sequenceAt(baseSequence(), lastOffsetDelta());
    }

    public int recordCount() {
        return recordCount;
    }

    /** The batch's size on the wire, including base offset and length. */
    public int sizeInBytes() {
        return buf.readableBytes();
    }

    /**
     * The batch's bytes as a view (not retained for the caller; valid while this batch is unreleased), e.g. to
     * copy them elsewhere.
     */
    public ByteBuf buffer() {
        ensureNotReleased();
        return buf.slice();
    }

    /** Whether the stored CRC matches the bytes. */
    public boolean isValid() {
        ensureNotReleased();
        return checksum() == RecordBatchFormat.checksum(buf, 0, buf.readableBytes());
    }

    /**
     * Checks the CRC.
     *
     * @throws io.brook.common.errors.CorruptRecordException naming this batch's base offset when it does not match
     */
    public void ensureValid() {
        ensureNotReleased();
        long computed = RecordBatchFormat.checksum(buf, 0, buf.readableBytes());
        if (computed != checksum()) {
            throw RecordErrors.corrupt(baseOffset, "stored CRC " + Long.toHexString(checksum()) + " != computed "
                    + Long.toHexString(computed));
        }
    }

    /**
     * Iterates the records, parsing each on demand. The first call on a compressed batch decompresses all its
     * records once into a pooled buffer that this batch owns; later calls reuse it.
     *
     * @throws io.brook.common.errors.CorruptRecordException (here or from the iterator) naming this batch's base
     *     offset when the records cannot be decompressed or parsed
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public Iterator<Record> iterator() {
        ensureNotReleased();
        ByteBuf records = compressionType == CompressionType.NONE
                ? buf.slice(HEADER_SIZE, buf.readableBytes() - HEADER_SIZE)
                : decompressed().duplicate();
        return new RecordIterator(records, this);
    }

    private ByteBuf decompressed() {
        if (decompressed == null) {
            ByteBuf compressed = buf.slice(HEADER_SIZE, buf.readableBytes() - HEADER_SIZE);
            try {
                decompressed = compressionType.decompress(compressed, alloc);
            } catch (CompressionException e) {
                throw RecordErrors.corrupt(baseOffset, "its " + compressionType + " records do not decompress", e);
            }
        }
        return decompressed;
    }

    /** Releases this batch's buffers; idempotent. Records and views from this batch are invalid afterwards. */
    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        buf.release();
        if (decompressed != null) {
            decompressed.release();
            decompressed = null;
        }
    }

    /** Same as {@link #release()}, for try-with-resources. */
    @Override
    public void close() {
        release();
    }

    /** @throws IllegalStateException after {@link #release()}; also guards {@link RecordIterator}'s reads */
    void ensureNotReleased() {
        if (released) {
            throw new IllegalStateException("record batch at offset " + baseOffset + " was released");
        }
    }

    /** Kafka's sequence arithmetic: sequences wrap from Integer.MAX_VALUE to 0; NO_SEQUENCE stays. */
    static int sequenceAt(int baseSequence, int delta) {
        if (baseSequence == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        if (baseSequence > Integer.MAX_VALUE - delta) {
            return delta - (Integer.MAX_VALUE - baseSequence) - 1;
        }
        return baseSequence + delta;
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset + ", records=" + recordCount + ", " + compressionType
                + (isControl() ? ", control" : "") + (isTransactional() ? ", transactional" : "")
                + ", " + buf.readableBytes() + " bytes)";
    }
}
