package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.common.TopicPartition;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.record.RecordBatchBuilder;
import io.brook.protocol.record.RecordBatchFormat;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One batch of records for one partition: the records themselves, written once into the batch's pooled buffer by
 * the thread that sent them, and the futures to complete when the batch's fate is known. No per-record object is
 * kept besides the future the caller holds: timestamps are stored as one base plus, only when they differ, an
 * array of deltas.
 *
 * <p>Lifecycle and ownership: <b>open</b> (last in its {@link PartitionQueue}, appended to by senders under the
 * queue's lock) &rarr; <b>drained</b> (taken off the queue by the sender thread, which from then on owns it: it
 * closes it with {@link #build}, sends it, retries it, splits it) &rarr; <b>done</b> (its futures completed on the
 * callback executor, then its buffer released, exactly once, by {@link #releaseBuffer}). A batch re-enqueued for a
 * retry is never appended to again.
 */
final class ProducerBatch {
    final PartitionQueue queue;
    final TopicPartition partition;
    /** Monotonic ms of creation: linger and delivery timeout count from here. */
    final long createdMs;
    /** Completed after the record futures, so that {@code flush} returns only when every future is done. */
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Where the built buffer goes back to. */
    private final BatchBuffers buffers;

    // ---- guarded by queue.lock while open; the sender's once drained ----------------------------------------
    private RecordBatchBuilder builder;
    private CompletableFuture<RecordMetadata>[] futures;
    private int recordCount;
    private long firstTimestamp;
    /** Null while every record has {@link #firstTimestamp}. */
    private int[] timestampDeltas;
    private long[] timestampsWide;
    /** Bytes of buffer.memory accounted to this batch. */
    private long reservedBytes;
    /** No more appends: full, or drained. Volatile: the sender reads it without the queue's lock. */
    private volatile boolean closedForAppends;
    private boolean fullSignalled;

    // ---- sender-owned --------------------------------------------------------------------------------------------
    private ByteBuf built;
    private int uncompressedSize;
    private float compressionRatio = 1.0f;
    private int attempts;
    private long retryAtMs;
    private long producerId = RecordBatchFormat.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatchFormat.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatchFormat.NO_SEQUENCE;
    private boolean transactional;
    /** Whether the last attempt ended without telling whether the broker wrote the batch. */
    private boolean outcomeUnknown;
    private boolean inFlight;
    private boolean finished;
    private boolean bufferReleased;
    /** The error of the last failed attempt, for the message of an expiry. */
    private Throwable lastError;

    @SuppressWarnings("unchecked") // generic array of futures
    ProducerBatch(PartitionQueue queue, RecordBatchBuilder builder, BatchBuffers buffers, long reservedBytes,
            long createdMs, int expectedRecords) {
        this.queue = queue;
        this.buffers = buffers;
        this.partition = queue.partition;
        this.builder = builder;
        this.reservedBytes = reservedBytes;
        this.createdMs = createdMs;
        this.futures = new CompletableFuture[Math.max(4, expectedRecords)];
    }

    // ---- appending (queue lock held) -----------------------------------------------------------------------------

    /**
     * Appends a record if it fits within {@code sizeLimit} (always, for the first record).
     *
     * @return the growth of the batch's estimated size, or -1 if the record does not fit (the batch is then closed
     *     for appends)
     */
    int tryAppend(int sizeLimit, long timestamp, byte[] key, byte[] value, List<Header> headers,
            CompletableFuture<RecordMetadata> future) {
        if (closedForAppends) {
            return -1;
        }
        if (!builder.hasRoomFor(sizeLimit, timestamp, key, value, headers)) {
            closedForAppends = true;
            return -1;
        }
        int before = builder.estimatedSizeInBytes();
        builder.append(timestamp, key, value, headers);
        recordTimestamp(timestamp);
        if (recordCount == futures.length) {
            futures = Arrays.copyOf(futures, recordCount * 2);
        }
        futures[recordCount++] = future;
        return builder.estimatedSizeInBytes() - before;
    }

    private void recordTimestamp(long timestamp) {
        int index = recordCount;
        if (index == 0) {
            firstTimestamp = timestamp;
            return;
        }
        if (timestampsWide != null) {
            ensureWide(index);
            timestampsWide[index] = timestamp;
            return;
        }
        long delta = timestamp - firstTimestamp;
        if (timestampDeltas == null && delta == 0) {
            return;
        }
        if (delta != (int) delta) {
            widen(index);
            timestampsWide[index] = timestamp;
            return;
        }
        if (timestampDeltas == null) {
            timestampDeltas = new int[Math.max(index + 1, futures.length)];
        } else if (index >= timestampDeltas.length) {
            timestampDeltas = Arrays.copyOf(timestampDeltas, Math.max(index + 1, timestampDeltas.length * 2));
        }
        timestampDeltas[index] = (int) delta;
    }

    private void widen(int count) {
        long[] wide = new long[Math.max(count + 1, futures.length)];
        for (int i = 0; i < count; i++) {
            wide[i] = timestampAt(i);
        }
        timestampsWide = wide;
        timestampDeltas = null;
    }

    private void ensureWide(int index) {
        if (index >= timestampsWide.length) {
            timestampsWide = Arrays.copyOf(timestampsWide, Math.max(index + 1, timestampsWide.length * 2));
        }
    }

    /** The timestamp of the {@code i}-th record as appended. */
    long timestampAt(int i) {
        if (timestampsWide != null) {
            return timestampsWide[i];
        }
        return timestampDeltas == null || i >= timestampDeltas.length ? firstTimestamp
                : firstTimestamp + timestampDeltas[i];
    }

    /** The future of the {@code i}-th record. */
    CompletableFuture<RecordMetadata> futureAt(int i) {
        return futures[i];
    }

    /**
     * Whether the batch reached {@code sizeLimit} and nobody was told yet; true once, so that the appender that
     * filled it wakes the sender once.
     */
    boolean becameFull(int sizeLimit) {
        if (fullSignalled || builder == null || builder.estimatedSizeInBytes() < sizeLimit) {
            return false;
        }
        fullSignalled = true;
        return true;
    }

    /** Whether no more records go in; set when one did not fit, or when drained. */
    boolean isClosedForAppends() {
        return closedForAppends;
    }

    void closeForAppends() {
        closedForAppends = true;
    }

    /** Bytes the buffer holds beyond what is reserved, to be reserved now (the sender's or appender's job). */
    long unreservedGrowth() {
        long size = builder != null ? builder.uncompressedSizeInBytes() : built.readableBytes();
        return Math.max(0L, size - reservedBytes);
    }

    void addReserved(long bytes) {
        reservedBytes += bytes;
    }

    long reservedBytes() {
        return reservedBytes;
    }

    int recordCount() {
        return recordCount;
    }

    /** The estimated (before build) or actual (after) size in bytes. */
    int sizeInBytes() {
        return built != null ? built.readableBytes() : builder.estimatedSizeInBytes();
    }

    /** Uncompressed size, for the compression ratio. */
    int uncompressedSizeInBytes() {
        return builder != null ? builder.uncompressedSizeInBytes() : uncompressedSize;
    }

    // ---- closing and sending (sender thread) --------------------------------------------------------------------

    /**
     * Closes the batch into its wire form with the given producer state (or none), compressing if configured. Called
     * once, when the batch is first drained.
     *
     * @return the bytes of buffer.memory no longer needed (the batch shrank by compression), to release
     */
    long build(long producerId, short epoch, int baseSequence, boolean transactional) {
        this.producerId = producerId;
        this.producerEpoch = epoch;
        this.baseSequence = baseSequence;
        this.transactional = transactional;
        builder.producerState(producerId, epoch, baseSequence).transactional(transactional);
        uncompressedSize = builder.uncompressedSizeInBytes();
        RecordBatchBuilder b = builder;
        builder = null;
        closedForAppends = true;
        built = b.build();
        compressionRatio = b.compressionRatio();
        long surplus = reservedBytes - built.readableBytes();
        if (surplus > 0) {
            reservedBytes -= surplus;
            return surplus;
        }
        return 0;
    }

    boolean isBuilt() {
        return built != null;
    }

    /** The built batch, for a Produce request; the batch keeps owning it. */
    ByteBuf buffer() {
        return built;
    }

    /** Rewrites the producer state of the built batch (a new epoch or sequence for a retry). */
    void rewriteProducerState(long producerId, short epoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = epoch;
        this.baseSequence = baseSequence;
        RecordBatchFormat.rewriteProducerState(built, producerId, epoch, baseSequence);
    }

    float compressionRatio() {
        return compressionRatio;
    }

    long producerId() {
        return producerId;
    }

    short producerEpoch() {
        return producerEpoch;
    }

    int baseSequence() {
        return baseSequence;
    }

    boolean hasSequence() {
        return baseSequence != RecordBatchFormat.NO_SEQUENCE;
    }

    boolean isTransactional() {
        return transactional;
    }

    /** The sequence of the last record. */
    int lastSequence() {
        return Sequences.add(baseSequence, recordCount - 1);
    }

    int attempts() {
        return attempts;
    }

    void attemptStarted() {
        attempts++;
        inFlight = true;
    }

    /** The request carrying the batch ended; {@code unknown}: without telling whether the broker wrote it. */
    void attemptEnded(boolean unknown) {
        inFlight = false;
        outcomeUnknown = unknown;
    }

    boolean isInFlight() {
        return inFlight;
    }

    boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    Throwable lastError() {
        return lastError;
    }

    void lastError(Throwable error) {
        lastError = error;
    }

    long retryAtMs() {
        return retryAtMs;
    }

    void retryAt(long ms) {
        retryAtMs = ms;
    }

    // ---- completion ---------------------------------------------------------------------------------------------

    /** Marks the batch's fate decided; false if it already was. Sender thread. */
    boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }

    boolean isFinished() {
        return finished;
    }

    /**
     * Completes every record's future. Runs on the callback executor, after {@link #finish()}.
     *
     * @param baseOffset the first record's offset, or -1
     * @param logAppendTimeMs the broker's append time, or -1 for the records' own timestamps
     */
    void completeRecords(long baseOffset, long logAppendTimeMs) {
        String topic = partition.topic();
        int p = partition.partition();
        for (int i = 0; i < recordCount; i++) {
            long offset = baseOffset < 0 ? RecordMetadata.UNKNOWN_OFFSET : baseOffset + i;
            long timestamp = logAppendTimeMs >= 0 ? logAppendTimeMs : timestampAt(i);
            futures[i].complete(new RecordMetadata(topic, p, offset, timestamp));
        }
        forgetRecords();
        done.complete(null);
    }

    /** Fails every record's future with {@code error}. Runs on the callback executor, after {@link #finish()}. */
    void failRecords(Throwable error) {
        for (int i = 0; i < recordCount; i++) {
            futures[i].completeExceptionally(error);
        }
        forgetRecords();
        done.complete(null);
    }

    /** Drops the per-record arrays once the futures are complete: the batch may be referenced a while longer. */
    private void forgetRecords() {
        futures = null;
        timestampDeltas = null;
        timestampsWide = null;
    }

    /**
     * Frees the batch's memory: the builder if still open, else the built buffer. Exactly once; later calls do
     * nothing. Never while a request that carries it may still be written.
     *
     * @return the bytes of buffer.memory to give back
     */
    long releaseBuffer() {
        if (bufferReleased) {
            return 0;
        }
        bufferReleased = true;
        if (builder != null) {
            builder.release();
            builder = null;
        }
        if (built != null) {
            buffers.recycle(built);
            built = null;
        }
        long bytes = reservedBytes;
        reservedBytes = 0;
        return bytes;
    }

    @Override
    public String toString() {
        return "ProducerBatch(" + partition + ", " + recordCount + " records, attempts=" + attempts
                + (hasSequence() ? ", seq=" + baseSequence : "") + ")";
    }
}
