package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The highest leader epoch seen per partition outside metadata (fetch and produce responses): a metadata answer
 * with an older epoch for the same incarnation of the topic is stale.
 *
 * <p>Not thread-safe: guarded by {@link MetadataManager}'s lock.
 */
final class LastSeenEpochs {
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();
    private final Map<TopicPartition, Integer> view = Collections.unmodifiableMap(epochs);
    /** Changes with every change of the map, so a copy taken outside the lock can be checked for staleness. */
    private long version;

    /** Records {@code epoch} if it is the highest seen for {@code partition}. */
    void record(TopicPartition partition, int epoch) {
        Integer before = epochs.get(partition);
        if (before == null || epoch > before) {
            epochs.put(partition, epoch);
            version++;
        }
    }

    /** A read-only, live view. */
    Map<TopicPartition, Integer> asMap() {
        return view;
    }

    /** A copy, for mapping an answer outside the lock. */
    Map<TopicPartition, Integer> copy() {
        return epochs.isEmpty() ? Map.of() : Map.copyOf(epochs);
    }

    long version() {
        return version;
    }

    /** Forgets the epochs of topics whose id changed from {@code previous} to {@code next}: they were recreated. */
    void forgetRecreatedTopics(ClusterSnapshot previous, ClusterSnapshot next) {
        version++;
        epochs.keySet().removeIf(tp -> {
            Optional<TopicMetadata> before = previous.topic(tp.topic());
            Optional<TopicMetadata> after = next.topic(tp.topic());
            return before.isPresent() && after.isPresent() && before.get().hasTopicId() && after.get().hasTopicId()
                    && !before.get().topicId().equals(after.get().topicId());
        });
    }
}
