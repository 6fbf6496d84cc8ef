package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the consumer knows about one assigned partition: its position, how it gets one, whether it may be fetched,
 * and the offsets the last fetch reported (for lag).
 *
 * <p>Guarded by the lock of the {@link SubscriptionState} that holds it: every field is read and written under it,
 * by the polling thread and the background thread alike. Not thread-safe on its own.
 */
final class PartitionState {
    /**
     * Versions are unique across partitions and assignments, so that data fetched for a partition that was revoked
     * and assigned again is never mistaken for current.
     */
    private static final AtomicLong VERSIONS = new AtomicLong();

    /** How the partition gets (or got) its position. */
    enum Phase {
        /** Waiting for the group's committed offset (OffsetFetch). */
        AWAIT_COMMITTED,
        /** Waiting for a ListOffsets answer for {@link #resetStrategy}. */
        AWAIT_RESET,
        /** Has a position whose leader epoch must be checked against the leader (OffsetForLeaderEpoch). */
        AWAIT_VALIDATION,
        /** Has a valid position: fetchable. */
        FETCHING,
        /** No position and no way to get one without the application ({@link #error}). */
        FAILED
    }

    final TopicPartition tp;
    Phase phase;
    /** The offset of the next record poll() hands out; -1 while unknown. */
    long position = -1L;
    /** The leader epoch of the last record handed out (or of the committed offset); -1 if unknown. */
    int positionEpoch = -1;
    /** The next offset to fetch: the position, or past data already fetched and buffered. */
    long fetchOffset = -1L;
    /**
     * Bumped whenever the position is set from outside the fetch flow (seek, reset, commit lookup, validation):
     * fetched data and lookups started under an older version are dropped.
     */
    long version = VERSIONS.incrementAndGet();
    ResetStrategy resetStrategy;
    /** Why the partition is {@link Phase#FAILED}; null otherwise. */
    BrookException error;
    boolean paused;
    /** Assigned by the group but onPartitionsAssigned has not returned yet: not fetched, not initialized. */
    boolean awaitingCallback;
    /** A lookup (OffsetFetch, ListOffsets, OffsetForLeaderEpoch) for this partition is in flight. */
    boolean lookupInFlight;
    /** No lookup before this monotonic time (backoff after a failed one). */
    long nextLookupMs;
    /** Fetches in flight or fetched and not yet drained by poll(): at most one of each. */
    int outstandingFetches;
    /** The leader epoch the last fetch or validation was sent with; -1 before. */
    int fetchedLeaderEpoch = -1;
    long highWatermark = -1L;
    long lastStableOffset = -1L;
    long logStartOffset = -1L;

    PartitionState(TopicPartition tp, Phase initial, ResetStrategy resetStrategy) {
        this.tp = tp;
        this.phase = initial;
        this.resetStrategy = resetStrategy;
    }

    boolean hasValidPosition() {
        return phase == Phase.FETCHING || phase == Phase.AWAIT_VALIDATION;
    }

    /** Sets a position from outside the fetch flow, invalidating fetched data. */
    void moveTo(long offset, int epoch, Phase next) {
        position = offset;
        positionEpoch = epoch;
        fetchOffset = offset;
        phase = next;
        error = null;
        version = VERSIONS.incrementAndGet();
    }

    /** Forgets the position: it will be looked up again with {@code strategy}. */
    void reset(ResetStrategy strategy) {
        position = -1L;
        positionEpoch = -1;
        fetchOffset = -1L;
        resetStrategy = strategy;
        phase = Phase.AWAIT_RESET;
        error = null;
        nextLookupMs = 0L;
        version = VERSIONS.incrementAndGet();
    }

    void fail(BrookException cause) {
        phase = Phase.FAILED;
        error = cause;
        version = VERSIONS.incrementAndGet();
    }

    @Override
    public String toString() {
        return tp + "(" + phase + ", position=" + position + ", epoch=" + positionEpoch + ", fetchOffset="
                + fetchOffset + (paused ? ", paused" : "") + ")";
    }
}
