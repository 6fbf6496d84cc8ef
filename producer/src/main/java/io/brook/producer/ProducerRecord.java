package io.brook.producer;

import io.brook.common.Header;
import java.util.List;

/**
 * A record to send: where it goes, its key, value, headers and timestamp. Immutable (the header list is copied;
 * header values are not, see {@link Header}).
 *
 * @param topic the topic; never null or blank
 * @param partition the partition to write to, or null to let the partitioner choose (by key: murmur2 of the key
 *     bytes, as Kafka's client; without key: the uniform sticky partitioner)
 * @param timestamp the record's timestamp in ms since the epoch, or null for the time of {@code send} (a topic
 *     configured with LogAppendTime replaces it with the broker's time, which {@link RecordMetadata} reports)
 * @param key the key, or null
 * @param value the value, or null (a tombstone on a compacted topic)
 * @param headers the headers, in order; null means none
 * @param <K> the key type
 * @param <V> the value type
 */
public record ProducerRecord<K, V>(String topic, Integer partition, Long timestamp, K key, V value,
        List<Header> headers) {
    public ProducerRecord {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be null or blank: " + (topic == null ? "null"
                    : "'" + topic + "'"));
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 for topic '" + topic + "': " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 for topic '" + topic + "': " + timestamp);
        }
        headers = headers == null || headers.isEmpty() ? List.of() : List.copyOf(headers);
    }

    /** A record with a key and value, no explicit partition, no headers, timestamped at send. */
    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, List.of());
    }

    /** A record for an explicit partition. */
    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, List.of());
    }

    /** {@code new ProducerRecord<>(topic, key, value)}. */
    public static <K, V> ProducerRecord<K, V> of(String topic, K key, V value) {
        return new ProducerRecord<>(topic, null, null, key, value, List.of());
    }

    /** A record without key. */
    public static <K, V> ProducerRecord<K, V> of(String topic, V value) {
        return new ProducerRecord<>(topic, null, null, null, value, List.of());
    }

    /** This record with {@code headers} instead of its own. */
    public ProducerRecord<K, V> withHeaders(List<Header> headers) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** This record with an explicit timestamp. */
    public ProducerRecord<K, V> withTimestamp(long timestamp) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** This record for an explicit partition. */
    public ProducerRecord<K, V> withPartition(int partition) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }
}
