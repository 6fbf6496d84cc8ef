package io.brook.producer;

import io.brook.producer.internal.RoundRobinPartitioner;

/**
 * Chooses the partition of a record that names none. Give one to {@link ProducerBuilder#partitioner}, or name its
 * class in {@code partitioner.class}. Without one, Brook places keyed records as Kafka's Java client does
 * ({@code (murmur2(keyBytes) & 0x7fffffff) % partitions}), so that a mixed fleet agrees on where a key lives, and
 * records without key with the uniform sticky partitioner (KIP-480, KIP-794).
 *
 * <p>Called on the thread that calls {@code send}, for every record without an explicit partition: implementations
 * must be thread-safe and fast, and must not block.
 */
@FunctionalInterface
public interface Partitioner {
    /**
     * @param topic the record's topic
     * @param key the key object, or null
     * @param keyBytes the serialized key, or null
     * @param value the value object, or null
     * @param valueBytes the serialized value, or null
     * @param partitionCount how many partitions the topic has ({@code >= 1})
     * @return a partition in {@code [0, partitionCount)}; any other value fails the record's future with an
     *     {@link IllegalArgumentException} naming the partitioner
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, int partitionCount);

    /**
     * Kafka's {@code RoundRobinPartitioner}: every record, keyed or not, goes to the next partition of its topic in
     * turn.
     */
    static Partitioner roundRobin() {
        return new RoundRobinPartitioner();
    }
}
