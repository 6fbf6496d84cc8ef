package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.core.Time;
import io.brook.producer.RecordMetadata;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The part of {@code send} after serialization, on the sending thread: find the topic, choose the partition and
 * append to its batch, or hold the record until the topic's metadata is known. A topic that has records waiting
 * takes every new record into the wait too, so that a partition's records keep their order.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
final class RecordIntake {
    private final RecordAccumulator accumulator;
    private final RecordRouter router;
    private final Time time;
    private final long maxBlockMs;

    RecordIntake(RecordAccumulator accumulator, RecordRouter router, Time time, long maxBlockMs) {
        this.accumulator = accumulator;
        this.router = router;
        this.time = time;
        this.maxBlockMs = maxBlockMs;
    }

    /**
     * @param partition the explicit partition, or -1
     * @param upperBound the record's size in a batch of its own, at most
     */
    void add(String topic, int partition, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
            long timestamp, List<Header> headers, CompletableFuture<RecordMetadata> future, int upperBound) {
        TopicState state = accumulator.topic(topic);
        long deadlineNs = time.nanoseconds() + maxBlockMs * 1_000_000L;
        while (true) {
            TopicRouting routing = state.routing;
            if (!state.hasPending() && RecordAccumulator.routable(routing, partition)) {
                place(state, routing, partition, key, keyBytes, value, valueBytes, timestamp, headers, future,
                        upperBound, deadlineNs);
                return;
            }
            accumulator.pool().reserve(upperBound, deadlineNs, maxBlockMs, "topic '" + topic + "'");
            PendingRecord pending = new PendingRecord(partition, key, keyBytes, value, valueBytes, timestamp, headers,
                    future, time.monotonicMs() + maxBlockMs, upperBound);
            boolean held;
            try {
                held = accumulator.addPending(state, pending);
            } catch (RuntimeException e) {
                accumulator.pool().release(upperBound);
                throw e;
            }
            if (held) {
                return;
            }
            // The metadata arrived while we reserved: place the record directly.
            accumulator.pool().release(upperBound);
        }
    }

    private void place(TopicState state, TopicRouting routing, int explicit, Object key, byte[] keyBytes,
            Object value, byte[] valueBytes, long timestamp, List<Header> headers,
            CompletableFuture<RecordMetadata> future, int upperBound, long deadlineNs) {
        int p = router.partition(state.name, routing, explicit, key, keyBytes, value, valueBytes);
        TopicState.Sticky sticky = null;
        if (p == RecordRouter.STICKY) {
            sticky = state.sticky(routing);
            p = sticky.partition;
        }
        accumulator.append(routing.queues()[p], sticky, routing, timestamp, keyBytes, valueBytes, headers, future,
                upperBound, deadlineNs, maxBlockMs);
    }

    /**
     * Places a record that waited for metadata (sender thread, topic's pending lock held), without waiting.
     *
     * @return whether it was placed; false if its explicit partition is still unknown
     */
    boolean placeWaiting(TopicState state, TopicRouting routing, PendingRecord r) {
        int p = router.partition(state.name, routing, r.partition(), r.key(), r.keyBytes(), r.value(),
                r.valueBytes());
        if (p == RecordRouter.NOT_YET_KNOWN) {
            return false;
        }
        TopicState.Sticky sticky = null;
        if (p == RecordRouter.STICKY) {
            sticky = state.sticky(routing);
            p = sticky.partition;
        }
        accumulator.appendFromSender(routing.queues()[p], sticky, routing, r, (int) r.reservedBytes());
        return true;
    }
}
