package io.brook.admin.internal;

import io.brook.common.TopicPartition;
import java.util.Collection;
import java.util.Objects;

/** Checks of call arguments shared by the admin calls, before anything is sent. Stateless. */
final class AdminArguments {
    private AdminArguments() {}

    /**
     * Checks that {@code values} and its elements are not null.
     *
     * @return {@code values}
     * @throws NullPointerException naming {@code what} otherwise
     */
    static <T extends Collection<?>> T nonNull(T values, String what) {
        Objects.requireNonNull(values, what);
        for (Object v : values) {
            Objects.requireNonNull(v, () -> "an element of " + what);
        }
        return values;
    }

    /**
     * Checks partitions: not null, topic names valid by Kafka's rules.
     *
     * @return {@code partitions}
     * @throws io.brook.common.errors.InvalidTopicException if a topic name is invalid
     */
    static <T extends Collection<TopicPartition>> T partitions(T partitions) {
        nonNull(partitions, "partitions");
        for (TopicPartition tp : partitions) {
            TopicNames.validate(tp.topic());
        }
        return partitions;
    }

    /** Checks a group id: not null. (The coordinator answers INVALID_GROUP_ID for one it rejects.) */
    static String groupId(String groupId) {
        return Objects.requireNonNull(groupId, "groupId");
    }
}
