package io.brook.consumer.internal;

import io.brook.common.Deserializer;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.ConsumerRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The polling thread's side of fetching: takes fetched data from the {@link FetchBuffer} and turns up to
 * {@code max.poll.records} of it into records, advancing each partition's position.
 *
 * <p>Data is handed out only if it is still current when taken and after it was decoded: its partition is still
 * assigned with the same {@link PartitionState} (not revoked and assigned again), the position was not moved
 * (seek, reset, truncation) since the fetch was sent, the data starts at the position, and the partition is not
 * paused or waiting for its onPartitionsAssigned callback. Anything else is dropped and released.
 *
 * <p>Confined to the polling thread; shared state is read and written under the {@link SubscriptionState}'s lock,
 * which is never held while decoding (deserializers are user code).
 */
final class RecordCollector<K, V> {
    private final SubscriptionState subscriptions;
    private final FetchBuffer buffer;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final Runnable dataHandedOut;
    /** The fetch being worked through; polling thread only. */
    private CompletedFetch current;

    /**
     * @param dataHandedOut called (outside the lock) when fetched data was used up or dropped, so that the fetcher
     *     may fetch again
     */
    RecordCollector(SubscriptionState subscriptions, FetchBuffer buffer, Deserializer<K> keys,
            Deserializer<V> values, Runnable dataHandedOut) {
        this.subscriptions = subscriptions;
        this.buffer = buffer;
        this.keys = keys;
        this.values = values;
        this.dataHandedOut = dataHandedOut;
    }

    /**
     * Up to {@code max} records from the fetched data; empty if none is ready.
     *
     * @throws BrookException if the first data to hand out is corrupt or does not deserialize (records already
     *     taken by this call are returned first; the error comes with the next call)
     */
    ConsumerRecords<K, V> collect(int max) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = null;
        int total = 0;
        boolean usedUp = false;
        try {
            while (total < max) {
                if (current == null || !stillHandable()) {
                    usedUp |= takeNext();
                    if (current == null) {
                        break;
                    }
                }
                CompletedFetch fetch = current;
                List<ConsumerRecord<K, V>> records = new ArrayList<>(Math.min(max - total, 512));
                int n;
                try {
                    n = fetch.drain(records, max - total, keys, values);
                } catch (BrookException e) {
                    if (total > 0) {
                        break;
                    }
                    throw e;
                }
                if (advance(fetch, n)) {
                    total += n;
                    if (n > 0) {
                        if (out == null) {
                            out = new LinkedHashMap<>();
                        }
                        List<ConsumerRecord<K, V>> existing = out.putIfAbsent(fetch.tp, records);
                        if (existing != null) {
                            existing.addAll(records);
                        }
                    }
                }
                if (current == null) {
                    usedUp = true;
                }
            }
        } finally {
            if (usedUp) {
                dataHandedOut.run();
            }
        }
        return out == null ? ConsumerRecords.empty() : new ConsumerRecords<>(out);
    }

    /** Whether records of the partitions of {@code partitions} are ready to be handed out. */
    boolean hasDataReady() {
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            if (current != null && judge(current) == FetchBuffer.Verdict.TAKE) {
                return true;
            }
            return buffer.sizeLocked() > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #current} may still be handed out; puts it back if its partition was paused meanwhile. */
    private boolean stillHandable() {
        ReentrantLock lock = subscriptions.lock();
        CompletedFetch dropped = null;
        lock.lock();
        try {
            switch (judge(current)) {
                case TAKE -> {
                    return true;
                }
                case KEEP -> buffer.pushBackLocked(current);
                case DISCARD -> {
                    buffer.doneLocked(current);
                    current.owner.outstandingFetches--;
                    dropped = current;
                }
            }
            current = null;
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.release();
        }
        return false;
    }

    /** Takes the next fetch that may be handed out into {@link #current}; returns whether any was dropped. */
    private boolean takeNext() {
        List<CompletedFetch> discarded = new ArrayList<>(0);
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            current = buffer.takeLocked(this::judgeQueued, discarded);
        } finally {
            lock.unlock();
        }
        for (CompletedFetch fetch : discarded) {
            fetch.release();
        }
        return !discarded.isEmpty();
    }

    private FetchBuffer.Verdict judgeQueued(CompletedFetch fetch) {
        FetchBuffer.Verdict verdict = judge(fetch);
        if (verdict == FetchBuffer.Verdict.DISCARD) {
            fetch.owner.outstandingFetches--;
        }
        return verdict;
    }

    /** Lock held. */
    private FetchBuffer.Verdict judge(CompletedFetch fetch) {
        PartitionState ps = subscriptions.stateLocked(fetch.tp);
        if (ps != fetch.owner || ps.version != fetch.version) {
            return FetchBuffer.Verdict.DISCARD;
        }
        if (ps.phase != PartitionState.Phase.FETCHING || ps.paused || ps.awaitingCallback) {
            return FetchBuffer.Verdict.KEEP;
        }
        if (fetch != current && fetch.fetchOffset != ps.position) {
            return FetchBuffer.Verdict.DISCARD;
        }
        return FetchBuffer.Verdict.TAKE;
    }

    /**
     * Moves the partition's position past what {@code fetch} handed out, and lets go of the fetch once used up.
     *
     * @return whether the {@code n} records may be handed out (false if the position moved while decoding)
     */
    private boolean advance(CompletedFetch fetch, int n) {
        ReentrantLock lock = subscriptions.lock();
        boolean valid;
        boolean finished;
        lock.lock();
        try {
            PartitionState ps = subscriptions.stateLocked(fetch.tp);
            valid = ps == fetch.owner && ps.version == fetch.version;
            if (valid) {
                ps.position = fetch.nextPosition();
                if (fetch.lastEpoch() >= 0) {
                    ps.positionEpoch = fetch.lastEpoch();
                }
            }
            finished = !valid || fetch.isDrained();
            if (finished) {
                buffer.doneLocked(fetch);
                fetch.owner.outstandingFetches--;
                current = null;
            }
        } finally {
            lock.unlock();
        }
        if (finished) {
            fetch.release();
        }
        return valid;
    }

    /** Releases the fetch being worked through and everything buffered. Polling thread, on close. */
    void close() {
        List<CompletedFetch> all;
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            all = buffer.clearLocked();
            if (current != null) {
                buffer.doneLocked(current);
                all.add(current);
                current = null;
            }
        } finally {
            lock.unlock();
        }
        all.forEach(CompletedFetch::release);
    }
}
