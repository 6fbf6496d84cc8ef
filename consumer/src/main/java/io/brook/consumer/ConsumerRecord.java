package io.brook.consumer;

import io.brook.common.Header;
import java.util.List;
import java.util.Objects;

/**
 * One record as {@link Consumer#poll} hands it out: where it was read, its timestamp, deserialized key and value,
 * and headers.
 *
 * <p>Immutable (the header values are not copied again; see {@link Header}).
 *
 * @param topic the topic; never null
 * @param partition the partition number
 * @param offset the record's offset in its partition
 * @param timestamp the record's timestamp in ms since the epoch (see {@code timestampType})
 * @param key the deserialized key; null for a null key (with the built-in deserializers)
 * @param value the deserialized value; null for a null value (a tombstone, with the built-in deserializers)
 * @param headers the headers in their wire order; never null, unmodifiable
 * @param timestampType whether the timestamp is the producer's or the broker's append time
 * @param serializedKeySize the key's size in bytes, or -1 for a null key
 * @param serializedValueSize the value's size in bytes, or -1 for a null value
 * @param leaderEpoch the leader epoch of the batch the record came in, or -1 if unknown
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp, K key, V value,
        List<Header> headers, TimestampType timestampType, int serializedKeySize, int serializedValueSize,
        int leaderEpoch) {
    /** The leader epoch of a record whose batch did not carry one. */
    public static final int NO_LEADER_EPOCH = -1;

    public ConsumerRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(timestampType, "timestampType");
    }

    /** A record with a producer timestamp, sizes unknown (-1) and no leader epoch: for tests and adapters. */
    public ConsumerRecord(String topic, int partition, long offset, long timestamp, K key, V value,
            List<Header> headers) {
        this(topic, partition, offset, timestamp, key, value, List.copyOf(headers), TimestampType.CREATE_TIME, -1,
                -1, NO_LEADER_EPOCH);
    }

    @Override
    public String toString() {
        return "ConsumerRecord(" + topic + "-" + partition + "@" + offset + ", timestamp=" + timestamp + " ("
                + timestampType + "), key=" + key + ", value=" + value + ", headers=" + headers + ")";
    }
}
