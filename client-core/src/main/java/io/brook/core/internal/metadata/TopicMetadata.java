package io.brook.core.internal.metadata;

import io.brook.protocol.Errors;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One topic as the cluster metadata describes it. Immutable.
 *
 * @param name the topic name; never blank
 * @param topicId the topic id, or {@link #NO_TOPIC_ID} if the broker did not report one (e.g. with an error)
 * @param internal whether Kafka manages the topic itself ({@code __consumer_offsets}, ...)
 * @param error the topic-level error ({@link Errors#NONE} if none); a topic with an error usually has no
 *     partitions
 * @param partitions the partitions, sorted by partition number; copied, unmodifiable
 */
public record TopicMetadata(String name, UUID topicId, boolean internal, Errors error,
        List<PartitionMetadata> partitions) {
    /** Kafka's zero UUID: "no topic id". */
    public static final UUID NO_TOPIC_ID = new UUID(0L, 0L);

    public TopicMetadata {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(error, "error");
        for (PartitionMetadata p : partitions) {
            if (!p.partition().topic().equals(name)) {
                throw new IllegalArgumentException("partition " + p.partition() + " listed under topic " + name);
            }
        }
        partitions = partitions.stream().sorted(Comparator.comparingInt(p -> p.partition().partition())).toList();
    }

    /** Whether the broker reported a topic id. */
    public boolean hasTopicId() {
        return !NO_TOPIC_ID.equals(topicId);
    }

    /** The partition numbered {@code partition}, if listed. */
    public Optional<PartitionMetadata> partition(int partition) {
        // Partitions are usually numbered 0..n-1 and sorted, so try the direct index first.
        if (partition >= 0 && partition < partitions.size()
                && partitions.get(partition).partition().partition() == partition) {
            return Optional.of(partitions.get(partition));
        }
        return partitions.stream().filter(p -> p.partition().partition() == partition).findFirst();
    }
}
