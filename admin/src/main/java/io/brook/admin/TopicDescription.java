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
 * @param configs the topic's configuration, every key with its source; {@link Config#EMPTY} unless asked for
 *     ({@link DescribeTopicsOptions#includeConfigs()})
 */
public record TopicDescription(String name, List<PartitionInfo> partitions, UUID topicId, boolean internal,
        Config configs) {
    public TopicDescription {
        Objects.requireNonNull(name, "name");
        partitions = Objects.requireNonNull(partitions, "partitions").stream()
                .map(p -> Objects.requireNonNull(p, "partition"))
                .sorted(Comparator.comparingInt(PartitionInfo::partition))
                .toList();
        Objects.requireNonNull(configs, "configs");
    }

    /** A description without configuration. */
    public TopicDescription(String name, List<PartitionInfo> partitions, UUID topicId, boolean internal) {
        this(name, partitions, topicId, internal, Config.EMPTY);
    }

    /** This description with {@code configs}. */
    public TopicDescription withConfigs(Config configs) {
        return new TopicDescription(name, partitions, topicId, internal, configs);
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
