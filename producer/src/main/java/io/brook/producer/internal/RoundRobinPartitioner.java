package io.brook.producer.internal;

import io.brook.producer.Partitioner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every record, keyed or not, goes to the next partition of its topic in turn (Kafka's
 * {@code RoundRobinPartitioner}). Thread-safe: one atomic counter per topic.
 */
public final class RoundRobinPartitioner implements Partitioner {
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
            int partitionCount) {
        AtomicInteger counter = counters.computeIfAbsent(topic, t -> new AtomicInteger());
        return (counter.getAndIncrement() & 0x7fffffff) % partitionCount;
    }

    @Override
    public String toString() {
        return "RoundRobinPartitioner";
    }
}
