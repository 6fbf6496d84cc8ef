package io.brook.admin;

import io.brook.admin.internal.TopicNames;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
 * @param replicaAssignments the brokers of each partition, preferred leader first, for partitions {@code 0..n-1}
 *     (each with the same number of distinct, non-negative broker ids); empty to let the controller place them.
 *     When given, {@code numPartitions} and {@code replicationFactor} must be {@link #BROKER_DEFAULT}: the
 *     assignment says both.
 */
public record NewTopic(String name, int numPartitions, short replicationFactor, Map<String, String> configs,
        Map<Integer, List<Integer>> replicaAssignments) {
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
        replicaAssignments = checkAssignments(name, numPartitions, replicationFactor,
                Objects.requireNonNull(replicaAssignments, "replicaAssignments"));
    }

    /** A topic without explicit replica assignments. */
    public NewTopic(String name, int numPartitions, short replicationFactor, Map<String, String> configs) {
        this(name, numPartitions, replicationFactor, configs, Map.of());
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
        return new NewTopic(name, numPartitions, replicationFactor, configs, replicaAssignments);
    }

    /**
     * A topic whose partitions are placed as {@code replicaAssignments} says: partition {@code i} on the brokers
     * of entry {@code i}, the first of them its preferred leader.
     */
    public static NewTopic withReplicaAssignments(String name, Map<Integer, List<Integer>> replicaAssignments) {
        return new NewTopic(name, BROKER_DEFAULT, (short) BROKER_DEFAULT, Map.of(), replicaAssignments);
    }

    private static Map<Integer, List<Integer>> checkAssignments(String name, int numPartitions,
            short replicationFactor, Map<Integer, List<Integer>> assignments) {
        if (assignments.isEmpty()) {
            return Map.of();
        }
        if (numPartitions != BROKER_DEFAULT || replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException("topic '" + name + "' has replica assignments: numPartitions and "
                    + "replicationFactor must be -1 (the assignments say both)");
        }
        Map<Integer, List<Integer>> sorted = new TreeMap<>();
        int replicas = -1;
        for (int p = 0; p < assignments.size(); p++) {
            List<Integer> brokers = assignments.get(p);
            if (brokers == null) {
                throw new IllegalArgumentException("replica assignments of topic '" + name
                        + "' must cover partitions 0.." + (assignments.size() - 1) + ": partition " + p
                        + " is missing");
            }
            List<Integer> copy = List.copyOf(brokers);
            if (copy.isEmpty() || copy.stream().anyMatch(id -> id < 0) || Set.copyOf(copy).size() != copy.size()) {
                throw new IllegalArgumentException("partition " + p + " of topic '" + name
                        + "' needs distinct, non-negative broker ids: " + copy);
            }
            if (replicas >= 0 && copy.size() != replicas) {
                throw new IllegalArgumentException("every partition of topic '" + name + "' needs the same number "
                        + "of replicas: partition " + p + " has " + copy.size() + ", partition 0 has " + replicas);
            }
            replicas = copy.size();
            sorted.put(p, copy);
        }
        return Collections.unmodifiableMap(sorted);
    }
}
