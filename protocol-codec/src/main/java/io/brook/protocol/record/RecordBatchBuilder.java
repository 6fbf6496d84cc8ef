package io.brook.protocol.record;

import io.brook.common.Header;
import static io.brook.protocol.record.RecordBatchFormat.ATTRIBUTES_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_OFFSET_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_SEQUENCE_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.BASE_TIMESTAMP_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.CONTROL_MASK;
import static io.brook.protocol.record.RecordBatchFormat.CRC_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.DELETE_HORIZON_MASK;
import static io.brook.protocol.record.RecordBatchFormat.HEADER_SIZE;
import static io.brook.protocol.record.RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.LENGTH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.LOG_OVERHEAD;
import static io.brook.protocol.record.RecordBatchFormat.MAGIC;
import static io.brook.protocol.record.RecordBatchFormat.MAGIC_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.MAX_TIMESTAMP_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.NO_PARTITION_LEADER_EPOCH;
import static io.brook.protocol.record.RecordBatchFormat.NO_PRODUCER_EPOCH;
import static io.brook.protocol.record.RecordBatchFormat.NO_PRODUCER_ID;
import static io.brook.protocol.record.RecordBatchFormat.NO_SEQUENCE;
import static io.brook.protocol.record.RecordBatchFormat.NO_TIMESTAMP;
import static io.brook.protocol.record.RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.PRODUCER_EPOCH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.PRODUCER_ID_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.RECORD_COUNT_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.TIMESTAMP_TYPE_MASK;
import static io.brook.protocol.record.RecordBatchFormat.TRANSACTIONAL_MASK;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.CompressionType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Objects;

/**
 * Builds one record batch v2 in a pooled buffer: append records, then {@link #build()}.
 *
 * <p>Records are encoded as they are appended: for an uncompressed batch directly after a reserved header in the
 * buffer that becomes the batch; for a compressed batch into a scratch buffer that {@link #build()} compresses
 * once into the batch buffer. Header fields (producer state, flags, leader epoch) may be set any time before
 * {@code build()}; the delete horizon only before the first record, since it becomes the base timestamp.
 *
 * <p><b>Ownership.</b> The builder allocates from the given allocator at construction. {@link #build()} hands the
 * finished batch to the caller, who owns it (typically passing it on as a Produce request's records and releasing
 * it after the send), and frees everything else. A builder that is abandoned instead must be {@link #release()
 * released}. After either, the builder accepts nothing more; its size and count accessors keep working.
 *
 * <p><b>Threading.</b> Not thread-safe: confined to its owner (the producer accumulator appends under the lock of
 * the partition's queue).
 */
public final class RecordBatchBuilder {
    private final ByteBufAllocator alloc;
    private final Compression compression;
    private final long baseOffset;
    /** NONE: the whole batch, header reserved. Otherwise: the uncompressed records only. Null once closed. */
    private ByteBuf buf;
    private final int recordsStart;
    /** Where a record's varints are assembled before one copy into {@code buf}. */
    private final byte[] scratch = new byte[RecordEncoding.PREFIX_SCRATCH_SIZE];

    private int partitionLeaderEpoch = NO_PARTITION_LEADER_EPOCH;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private long logAppendTime = NO_TIMESTAMP;
    private long deleteHorizonMs = NO_TIMESTAMP;
    private float estimatedCompressionRatio = 1.0f;

    private int recordCount;
    private int lastOffsetDelta = -1;
    private long baseTimestamp = NO_TIMESTAMP;
    private long maxTimestamp = NO_TIMESTAMP;
    private int uncompressedRecordsSize;
    private int builtSize = -1;
    private boolean closed;

    /**
     * @param alloc allocator for the batch (pooled, direct)
     * @param compression codec and level for the records
     * @param baseOffset the batch's base offset (0 for a producer; the broker assigns real offsets)
     * @param initialCapacity bytes to reserve at first, e.g. the producer's {@code batch.size}; grows as needed
     */
    public RecordBatchBuilder(ByteBufAllocator alloc, Compression compression, long baseOffset, int initialCapacity) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.compression = Objects.requireNonNull(compression, "compression");
        this.baseOffset = baseOffset;
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative initial capacity " + initialCapacity);
        }
        boolean uncompressed = compression.type() == CompressionType.NONE;
        this.recordsStart = uncompressed ? HEADER_SIZE : 0;
        this.buf = alloc.directBuffer(Math.max(initialCapacity, recordsStart));
        buf.writeZero(recordsStart);
    }

    // ---------------------------------------------------------------- header fields

    /** Sets the partition leader epoch (brokers set it; producers leave -1). */
    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        ensureOpen();
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /** Sets the idempotent/transactional producer identity and the sequence of the first record. */
    public RecordBatchBuilder producerState(long producerId, short producerEpoch, int baseSequence) {
        ensureOpen();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /** Marks the batch as part of a transaction (attributes bit 4). */
    public RecordBatchBuilder transactional(boolean transactional) {
        ensureOpen();
        this.transactional = transactional;
        return this;
    }

    /**
     * Marks the batch as a control batch (attributes bit 5), whose records are appended with
     * {@link #appendControlRecord}. Must be set before the first record.
     */
    public RecordBatchBuilder control(boolean control) {
        ensureOpen();
        ensureNoRecords("control flag");
        this.control = control;
        return this;
    }

    /** Stamps the batch with the broker's append time: timestamp type LOG_APPEND_TIME, max timestamp {@code ms}. */
    public RecordBatchBuilder logAppendTime(long ms) {
        ensureOpen();
        this.logAppendTime = ms;
        return this;
    }

    /** Sets a delete horizon (attributes bit 6), stored as the base timestamp. Must be set before the first record. */
    public RecordBatchBuilder deleteHorizonMs(long ms) {
        ensureOpen();
        ensureNoRecords("delete horizon");
        if (ms < 0) {
            throw new IllegalArgumentException("negative delete horizon " + ms);
        }
        this.deleteHorizonMs = ms;
        this.baseTimestamp = ms;
        return this;
    }

    /**
     * Sets the ratio of compressed to uncompressed record bytes that {@link #estimatedSizeInBytes()} and
     * {@link #hasRoomFor} assume (default 1.0: no shrinking). A producer feeds back {@link #compressionRatio()}
     * of earlier batches.
     */
    public RecordBatchBuilder estimatedCompressionRatio(float ratio) {
        if (!(ratio > 0)) {
            throw new IllegalArgumentException("compression ratio must be positive: " + ratio);
        }
        this.estimatedCompressionRatio = ratio;
        return this;
    }

    // ---------------------------------------------------------------- appending

    /** Appends a record at the next offset delta (0 for the first). Null key, value or headers are allowed. */
    public void append(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        appendWithOffsetDelta(lastOffsetDelta + 1, timestamp, key, value, headers);
    }

    /** As {@link #append(long, byte[], byte[], List)}, copying the readable bytes of {@code key} and {@code value}. */
    public void append(long timestamp, ByteBuf key, ByteBuf value, List<Header> headers) {
        appendWithOffsetDelta(lastOffsetDelta + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record at an explicit offset delta, which must exceed every earlier one.
     *
     * @param timestamp the record's timestamp in ms, or {@link RecordBatchFormat#NO_TIMESTAMP}
     * @param headers the headers, or null for none
     * @throws IllegalArgumentException for a non-increasing offset delta or a negative timestamp other than -1;
     *     a rejected record changes nothing: the records already appended stay, and the caller still owns the
     *     builder (and must {@link #build()} or {@link #release()} it)
     * @throws IllegalStateException after {@link #build()} or {@link #release()}, or on a control batch
     */
    public void appendWithOffsetDelta(int offsetDelta, long timestamp, byte[] key, byte[] value,
            List<Header> headers) {
        List<Header> hs = headers == null ? List.of() : headers;
        long base = checkRecord(offsetDelta, timestamp, false);
        int bodySize = RecordEncoding.bodySize(offsetDelta, timestamp - base, key == null ? -1 : key.length,
                value == null ? -1 : value.length, hs);
        buf.ensureWritable(RecordEncoding.recordSize(bodySize));
        RecordEncoding.writeRecord(buf, scratch, bodySize, offsetDelta, timestamp - base, key, value, hs);
        baseTimestamp = base;
        endRecord(offsetDelta, timestamp);
    }

    /** As {@link #appendWithOffsetDelta(int, long, byte[], byte[], List)}, copying the buffers' readable bytes. */
    public void appendWithOffsetDelta(int offsetDelta, long timestamp, ByteBuf key, ByteBuf value,
            List<Header> headers) {
        List<Header> hs = headers == null ? List.of() : headers;
        beginRecord(offsetDelta, timestamp, key == null ? -1 : key.readableBytes(),
                value == null ? -1 : value.readableBytes(), hs, false);
        RecordEncoding.writeNullable(buf, key);
        RecordEncoding.writeNullable(buf, value);
        RecordEncoding.writeHeaders(buf, hs);
        endRecord(offsetDelta, timestamp);
    }

    /**
     * Appends a control record at the next offset delta: key = version 0 (int16) and {@code type} (int16), value
     * as given (e.g. {@link EndTransactionMarker#value()}). Only on a batch marked {@link #control(boolean)}.
     */
    public void appendControlRecord(long timestamp, ControlRecordType type, byte[] value) {
        if (type == ControlRecordType.UNKNOWN) {
            throw new IllegalArgumentException("cannot write an UNKNOWN control record");
        }
        int offsetDelta = lastOffsetDelta + 1;
        byte[] key = ControlRecordType.keyBytes(type);
        beginRecord(offsetDelta, timestamp, key.length, value == null ? -1 : value.length, List.of(), true);
        RecordEncoding.writeNullable(buf, key);
        RecordEncoding.writeNullable(buf, value);
        RecordEncoding.writeHeaders(buf, List.of());
        endRecord(offsetDelta, timestamp);
    }

    /** Validates the append, reserves the whole record so that a failure cannot leave half of one, writes its prefix. */
    private void beginRecord(int offsetDelta, long timestamp, int keySize, int valueSize, List<Header> headers,
            boolean controlRecord) {
        long base = checkRecord(offsetDelta, timestamp, controlRecord);
        int bodySize = RecordEncoding.bodySize(offsetDelta, timestamp - base, keySize, valueSize, headers);
        buf.ensureWritable(RecordEncoding.recordSize(bodySize));
        RecordEncoding.writePrefix(buf, bodySize, offsetDelta, timestamp - base);
        baseTimestamp = base;
    }

    /** Validates an append (changing nothing); returns the base timestamp the record's delta is taken from. */
    private long checkRecord(int offsetDelta, long timestamp, boolean controlRecord) {
        ensureOpen();
        if (controlRecord != control) {
            throw new IllegalStateException(control ? "a control batch takes only control records"
                    : "control records need a batch marked control(true)");
        }
        if (offsetDelta <= lastOffsetDelta) {
            throw new IllegalArgumentException("offset delta " + offsetDelta + " does not exceed the last one, "
                    + lastOffsetDelta);
        }
        if (timestamp < 0 && timestamp != NO_TIMESTAMP) {
            throw new IllegalArgumentException("invalid negative timestamp " + timestamp);
        }
        return recordCount == 0 && deleteHorizonMs == NO_TIMESTAMP ? timestamp : baseTimestamp;
    }

    private void endRecord(int offsetDelta, long timestamp) {
        lastOffsetDelta = offsetDelta;
        maxTimestamp = recordCount == 0 ? timestamp : Math.max(maxTimestamp, timestamp);
        recordCount++;
        uncompressedRecordsSize = buf.writerIndex() - recordsStart;
    }

    // ---------------------------------------------------------------- sizes

    /**
     * Whether a record of this shape keeps the batch within {@code sizeLimit} bytes by {@link
     * #estimatedSizeInBytes()}. Always true for the first record, so that a record larger than the limit still
     * gets a batch of its own. Sizes are -1 for null.
     */
    public boolean hasRoomFor(int sizeLimit, long timestamp, int keySize, int valueSize, List<Header> headers) {
        if (closed) {
            return false;
        }
        if (recordCount == 0) {
            return true;
        }
        List<Header> hs = headers == null ? List.of() : headers;
        int bodySize = RecordEncoding.bodySize(lastOffsetDelta + 1, timestamp - baseTimestamp, keySize, valueSize, hs);
        long recordSize = RecordEncoding.recordSize(bodySize);
        if (compression.type() != CompressionType.NONE) {
            recordSize = (long) Math.ceil(recordSize * estimatedCompressionRatio);
        }
        return estimatedSizeInBytes() + recordSize <= sizeLimit;
    }

    /** As {@link #hasRoomFor(int, long, int, int, List)} with the sizes of {@code key} and {@code value}. */
    public boolean hasRoomFor(int sizeLimit, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        return hasRoomFor(sizeLimit, timestamp, key == null ? -1 : key.length, value == null ? -1 : value.length,
                headers);
    }

    /**
     * The batch size so far: exact when uncompressed (or once built); for a compressed batch the header plus the
     * uncompressed record bytes times the estimated compression ratio.
     */
    public int estimatedSizeInBytes() {
        if (builtSize >= 0) {
            return builtSize;
        }
        if (compression.type() == CompressionType.NONE) {
            return HEADER_SIZE + uncompressedRecordsSize;
        }
        return HEADER_SIZE + (int) Math.ceil(uncompressedRecordsSize * (double) estimatedCompressionRatio);
    }

    /** The size the batch has (or would have) without compression. */
    public int uncompressedSizeInBytes() {
        return HEADER_SIZE + uncompressedRecordsSize;
    }

    /**
     * After {@link #build()}: compressed record bytes divided by uncompressed record bytes (1.0 uncompressed), to
     * feed {@link #estimatedCompressionRatio(float)} of later batches.
     *
     * @throws IllegalStateException before {@code build()}
     */
    public float compressionRatio() {
        if (builtSize < 0) {
            throw new IllegalStateException("the batch is not built");
        }
        return uncompressedRecordsSize == 0 ? 1.0f : (builtSize - HEADER_SIZE) / (float) uncompressedRecordsSize;
    }

    /**
     * An upper bound on the size of a batch holding just one record of this shape, whatever its timestamp:
     * for checking a record against {@code max.request.size} before appending it. Sizes are -1 for null.
     */
    public static int batchSizeUpperBound(int keySize, int valueSize, List<Header> headers) {
        return HEADER_SIZE + RecordEncoding.recordSizeUpperBound(keySize, valueSize,
                headers == null ? List.of() : headers);
    }

    public int recordCount() {
        return recordCount;
    }

    public boolean isEmpty() {
        return recordCount == 0;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** The base timestamp (first record's timestamp, or the delete horizon), -1 while empty. */
    public long baseTimestamp() {
        return baseTimestamp;
    }

    public int lastOffsetDelta() {
        return lastOffsetDelta;
    }

    public Compression compression() {
        return compression;
    }

    /** Whether {@link #build()} or {@link #release()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- finishing

    /**
     * Finishes the batch: compresses the records if needed, writes the header and CRC, and returns the batch,
     * readable from index 0. The caller owns the returned buffer. Everything else the builder held is freed,
     * also when this throws.
     *
     * @throws IllegalStateException if the batch is empty, or already built or released
     * @throws io.brook.protocol.compress.CompressionException if the codec fails
     */
    public ByteBuf build() {
        ensureOpen();
        if (recordCount == 0) {
            throw new IllegalStateException("cannot build an empty record batch");
        }
        closed = true;
        ByteBuf records = buf;
        buf = null;
        ByteBuf batch = compression.type() == CompressionType.NONE ? records : compress(records);
        writeHeader(batch);
        builtSize = batch.readableBytes();
        return batch;
    }

    /** Compresses {@code records} into a new batch buffer after a reserved header; releases {@code records}. */
    private ByteBuf compress(ByteBuf records) {
        ByteBuf batch = null;
        try {
            batch = alloc.directBuffer(HEADER_SIZE + Math.max(64, records.readableBytes() / 2));
            batch.writeZero(HEADER_SIZE);
            compression.compress(records, batch);
            ByteBuf result = batch;
            batch = null;
            return result;
        } finally {
            records.release();
            if (batch != null) {
                batch.release();
            }
        }
    }

    private void writeHeader(ByteBuf batch) {
        int size = batch.writerIndex();
        int attributes = compression.type().id();
        if (logAppendTime != NO_TIMESTAMP) {
            attributes |= TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= TRANSACTIONAL_MASK;
        }
        if (control) {
            attributes |= CONTROL_MASK;
        }
        if (deleteHorizonMs != NO_TIMESTAMP) {
            attributes |= DELETE_HORIZON_MASK;
        }
        batch.setLong(BASE_OFFSET_OFFSET, baseOffset);
        batch.setInt(LENGTH_OFFSET, size - LOG_OVERHEAD);
        batch.setInt(PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        batch.setByte(MAGIC_OFFSET, MAGIC);
        batch.setShort(ATTRIBUTES_OFFSET, attributes);
        batch.setInt(LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        batch.setLong(BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.setLong(MAX_TIMESTAMP_OFFSET, logAppendTime != NO_TIMESTAMP ? logAppendTime : maxTimestamp);
        batch.setLong(PRODUCER_ID_OFFSET, producerId);
        batch.setShort(PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.setInt(BASE_SEQUENCE_OFFSET, baseSequence);
        batch.setInt(RECORD_COUNT_OFFSET, recordCount);
        batch.setInt(CRC_OFFSET, (int) checksum(batch, size));
    }

    /**
     * The batch's CRC-32C. The builder is the buffer's only user, so a single-component buffer is read through its
     * internal NIO view: {@code nioBuffer()} would allocate a fresh {@code ByteBuffer} duplicate per batch (seen in
     * the producer's sender-thread profile).
     */
    private static long checksum(ByteBuf batch, int size) {
        if (batch.nioBufferCount() != 1) {
            return RecordBatchFormat.checksum(batch, 0, size);
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        int from = RecordBatchFormat.ATTRIBUTES_OFFSET;
        crc.update(batch.internalNioBuffer(from, size - from));
        return crc.getValue();
    }

    /** Abandons the batch and frees its buffer; does nothing after {@link #build()} or an earlier release. */
    public void release() {
        if (closed) {
            return;
        }
        closed = true;
        buf.release();
        buf = null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the record batch builder is already built or released");
        }
    }

    private void ensureNoRecords(String what) {
        if (recordCount > 0) {
            throw new IllegalStateException("the " + what + " must be set before the first record");
        }
    }
}
