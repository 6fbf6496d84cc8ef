package io.brook.common;

/**
 * One partition of one topic: the unit of leadership, fetching and offset tracking.
 *
 * <p>Immutable. Orders by topic name, then partition number, so that sorted output groups a topic's partitions.
 *
 * @param topic the topic name; never null or blank
 * @param partition the partition number; {@code >= 0}
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
    public TopicPartition {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be null or blank: " + (topic == null ? "null"
                    : "'" + topic + "'"));
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 for topic '" + topic + "': " + partition);
        }
    }

    @Override
    public int compareTo(TopicPartition other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** The conventional {@code topic-partition} form, as Kafka's tools print it. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
