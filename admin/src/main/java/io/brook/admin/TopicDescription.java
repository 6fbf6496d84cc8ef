package io.brook.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A topic and its partitions.
 *
 * @param name the topic name
 * @param partitions the partitions, sorted by partition index
 * @param topicId the topic's id, or {@code null} when unknown (only the two-argument constructor leaves it out;
 *     descriptions from a broker always carry it)
 * @param internal whether the topic is one the cluster keeps for itself ({@code __consumer_offsets},
 *     {@code __transaction_state}, ...)
 */
public record TopicDescription(String name, List<PartitionInfo> partitions, UUID topicId, boolean internal) {
    public TopicDescription {
        Objects.requireNonNull(name, "name");
        partitions = Objects.requireNonNull(partitions, "partitions").stream()
                .map(p -> Objects.requireNonNull(p, "partition"))
                .sorted(Comparator.comparingInt(PartitionInfo::partition))
                .toList();
    }

    /** A non-internal topic description without a topic id. */
    public TopicDescription(String name, List<PartitionInfo> partitions) {
        this(name, partitions, null, false);
    }

    /** The partition with index {@code partition}, or {@code null} when the topic has no such partition. */
    public PartitionInfo partition(int partition) {
        for (PartitionInfo p : partitions) {
            if (p.partition() == partition) {
                return p;
            }
        }
        return null;
    }
}
