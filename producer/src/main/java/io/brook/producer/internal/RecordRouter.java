package io.brook.producer.internal;

import io.brook.producer.Partitioner;

/**
 * Chooses the partition of a record: its explicit partition; else the custom {@link Partitioner}, if any; else, for
 * a keyed record (unless {@code partitioner.ignore.keys}), {@code (murmur2(keyBytes) & 0x7fffffff) % partitions}
 * exactly as Kafka's client; else the topic's uniform sticky partition ({@link TopicState#sticky}).
 *
 * <p>Stateless apart from the custom partitioner; thread-safe if that is (as its contract requires).
 */
final class RecordRouter {
    /** {@link #partition}'s answer when the sticky partition applies. */
    static final int STICKY = -2;
    /** {@link #partition}'s answer when the explicit partition is beyond what the metadata knows. */
    static final int NOT_YET_KNOWN = -1;

    private final Partitioner custom;
    private final boolean ignoreKeys;

    RecordRouter(Partitioner custom, boolean ignoreKeys) {
        this.custom = custom;
        this.ignoreKeys = ignoreKeys;
    }

    /**
     * @param explicit the record's partition, or -1
     * @return the partition, {@link #STICKY}, or {@link #NOT_YET_KNOWN}
     * @throws IllegalArgumentException if the custom partitioner answers a partition out of range
     */
    int partition(String topic, TopicRouting routing, int explicit, Object key, byte[] keyBytes, Object value,
            byte[] valueBytes) {
        int count = routing.partitionCount();
        if (explicit >= 0) {
            return explicit < count ? explicit : NOT_YET_KNOWN;
        }
        if (custom != null) {
            int p = custom.partition(topic, key, keyBytes, value, valueBytes, count);
            if (p < 0 || p >= count) {
                throw new IllegalArgumentException("Partitioner " + custom + " chose partition " + p + " for topic '"
                        + topic + "', which has partitions 0 to " + (count - 1));
            }
            return p;
        }
        if (keyBytes != null && !ignoreKeys) {
            return Murmur2.partition(keyBytes, count);
        }
        return STICKY;
    }
}
