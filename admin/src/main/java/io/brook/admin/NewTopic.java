package io.brook.admin;

import io.brook.admin.internal.TopicNames;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create.
 *
 * @param name the topic name; validated by Kafka's rules (1 to 249 characters of {@code [a-zA-Z0-9._-]}, not
 *     {@code "."} or {@code ".."}), else {@link io.brook.common.errors.InvalidTopicException}
 * @param numPartitions the number of partitions, at least 1, or {@link #BROKER_DEFAULT} for the broker's
 *     {@code num.partitions}
 * @param replicationFactor the number of replicas per partition, at least 1, or {@link #BROKER_DEFAULT} for the
 *     broker's {@code default.replication.factor}
 * @param configs topic configuration overrides (for example {@code cleanup.policy}); keys must not be blank and
 *     values must not be null. Unknown keys are rejected by the broker with
 *     {@link io.brook.common.errors.InvalidConfigurationException}.
 */
public record NewTopic(String name, int numPartitions, short replicationFactor, Map<String, String> configs) {
    /** Asks the broker to pick its configured default partition count or replication factor. */
    public static final int BROKER_DEFAULT = -1;

    public NewTopic {
        TopicNames.validate(name);
        if (numPartitions < 1 && numPartitions != BROKER_DEFAULT) {
            throw new IllegalArgumentException(
                    "numPartitions of topic '" + name + "' must be at least 1 or -1 (broker default): "
                            + numPartitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException(
                    "replicationFactor of topic '" + name + "' must be at least 1 or -1 (broker default): "
                            + replicationFactor);
        }
        Objects.requireNonNull(configs, "configs");
        for (Map.Entry<String, String> e : configs.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("config key of topic '" + name + "' must not be blank");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(
                        "config '" + e.getKey() + "' of topic '" + name + "' must not have a null value");
            }
        }
        configs = Map.copyOf(configs);
    }

    /** A topic without configuration overrides. */
    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, numPartitions, replicationFactor, Map.of());
    }

    /** A topic with the broker's default partition count and replication factor. */
    public static NewTopic withBrokerDefaults(String name) {
        return new NewTopic(name, BROKER_DEFAULT, (short) BROKER_DEFAULT);
    }

    /** This topic with {@code configs} as its configuration overrides. */
    public NewTopic withConfigs(Map<String, String> configs) {
        return new NewTopic(name, numPartitions, replicationFactor, configs);
    }
}
