package io.brook.consumer.internal;

import io.brook.common.Deserializer;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.CorruptRecordException;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.SerializationException;
import io.brook.consumer.ConsumerRecord;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * One partition's records from one Fetch response, waiting in the {@link FetchBuffer} and then handed out by
 * {@code poll()} a few at a time. Batches are read from the fetched bytes ({@link RecordBatchReader}, CRC-checked
 * when {@code check.crcs}) and decoded record by record only as {@code poll()} asks ({@link BatchDecoder});
 * control batches and, for read_committed, aborted transactions are skipped.
 *
 * <p><b>Ownership.</b> Holds a retained slice of the response's records ({@link #release()} frees it, and the
 * batch being decoded; idempotent). Created on the background thread; once queued, the lock of the
 * {@link SubscriptionState} guards who takes it, and after that only the polling thread touches it.
 */
final class CompletedFetch {
    final TopicPartition tp;
    /**
     * The state the fetch was sent for: the data is current only while it is still the partition's state (the
     * partition was not revoked and assigned again) and its version is unchanged. Read under the lock.
     */
    final PartitionState owner;
    /** The {@link PartitionState#version} the fetch was sent under. */
    final long version;
    /** The offset the fetch asked for. */
    final long fetchOffset;
    /** Where the next fetch continues: past the last complete batch. */
    final long nextFetchOffset;
    final int sizeInBytes;
    private final ByteBuf records;
    private final RecordBatchReader reader;
    private final ByteBufAllocator alloc;
    private final AbortedTransactions aborted;
    private BatchDecoder current;
    /** The position after what was handed out (or skipped) so far. */
    private long nextPosition;
    private int lastEpoch = -1;
    private BrookException error;
    private boolean drained;
    private boolean released;

    /**
     * @param records the partition's records; ownership is taken
     * @param aborted the aborted transactions to skip (read_committed), or null
     */
    CompletedFetch(PartitionState owner, long version, long fetchOffset, ByteBuf records, ByteBufAllocator alloc,
            boolean checkCrcs, AbortedTransactions aborted) {
        this.owner = owner;
        this.tp = owner.tp;
        this.version = version;
        this.fetchOffset = fetchOffset;
        this.records = records;
        this.alloc = alloc;
        this.aborted = aborted;
        this.sizeInBytes = records.readableBytes();
        this.reader = new RecordBatchReader(records, alloc, checkCrcs);
        this.nextFetchOffset = Math.max(fetchOffset, BatchHeaders.nextOffsetAfterCompleteBatches(records));
        this.nextPosition = fetchOffset;
        if (nextFetchOffset == fetchOffset && sizeInBytes > 0) {
            // Since KIP-74 a broker always returns a first batch whole, however large: only a partial batch and
            // nothing else means the data cannot be read within the configured sizes.
            error = new RecordTooLargeException("Fetch of " + tp + " at offset " + fetchOffset + " returned "
                    + sizeInBytes + " bytes that hold no complete record batch; raise max.partition.fetch.bytes "
                    + "and fetch.max.bytes");
        }
    }

    /**
     * Adds up to {@code max} records to {@code out}, continuing where the last call stopped.
     *
     * @return how many were added
     * @throws BrookException if the data is corrupt or a deserializer failed, when no record was added by this
     *     call (the error is kept: every later call throws it again, until the application seeks past it)
     */
    <K, V> int drain(List<ConsumerRecord<K, V>> out, int max, Deserializer<K> keys, Deserializer<V> values) {
        if (error != null) {
            throw error;
        }
        int added = 0;
        try {
            while (added < max) {
                if (current == null && !nextBatch()) {
                    drained = true;
                    break;
                }
                if (!current.hasNext()) {
                    finishBatch();
                    continue;
                }
                ConsumerRecord<K, V> record = current.next(tp.topic(), tp.partition(), nextPosition, keys, values);
                if (record != null) {
                    out.add(record);
                    added++;
                    nextPosition = record.offset() + 1;
                    lastEpoch = current.leaderEpoch();
                }
            }
        } catch (BrookException e) {
            error = describe(e);
            if (added == 0) {
                throw error;
            }
        }
        return added;
    }

    private boolean nextBatch() {
        while (reader.hasNext()) {
            RecordBatch batch = reader.next();
            boolean skip = batch.nextOffset() <= nextPosition
                    || (aborted != null && aborted.skip(batch))
                    || batch.isControl();
            if (skip) {
                nextPosition = Math.max(nextPosition, batch.nextOffset());
                batch.release();
                continue;
            }
            current = new BatchDecoder(batch, alloc);
            return true;
        }
        return false;
    }

    private void finishBatch() {
        nextPosition = Math.max(nextPosition, current.batch().nextOffset());
        lastEpoch = current.leaderEpoch();
        current.release();
        current = null;
    }

    private BrookException describe(BrookException e) {
        if (e instanceof CorruptRecordException) {
            return new CorruptRecordException("Partition " + tp + " near offset " + nextPosition + ": "
                    + e.getMessage(), e);
        }
        if (e instanceof SerializationException) {
            return new SerializationException("Cannot deserialize the record of " + tp + " at offset "
                    + nextPosition + " (seek past it to continue): " + e.getMessage(), e);
        }
        return e;
    }

    /** Whether every record was handed out (or the data ended in an error). */
    boolean isDrained() {
        return drained;
    }

    /** Whether the last drain ended on an error that every later call will throw. */
    boolean hasError() {
        return error != null;
    }

    /** The position after the records handed out so far; once drained, where the next fetch's data starts. */
    long nextPosition() {
        return drained ? Math.max(nextPosition, nextFetchOffset) : nextPosition;
    }

    /** The leader epoch of the last record handed out, or -1. */
    int lastEpoch() {
        return lastEpoch;
    }

    /** Frees the fetched bytes and the batch being decoded; idempotent. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (current != null) {
            current.release();
            current = null;
        }
        records.release();
    }

    @Override
    public String toString() {
        return "CompletedFetch(" + tp + "@" + fetchOffset + ", " + sizeInBytes + " bytes)";
    }
}
