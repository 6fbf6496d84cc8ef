package io.brook.testkit.internal;

import io.brook.testkit.Listener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a cluster implementation needs to know, as built by {@code KafkaClusterBuilder}. Immutable.
 *
 * @param nodes the number of nodes, each broker and controller
 * @param kafkaVersion the Kafka version to run
 * @param brokerProperties properties applied to every node, over the testkit's defaults
 * @param startTimeout how long to wait for nodes to become ready
 * @param stopTimeout how long a graceful stop waits before killing
 * @param logDirectory the parent of launched clusters' log directories
 * @param brokerHeap the launched broker JVM's {@code -Xmx} value
 * @param brokerJvmOptions extra options for launched broker JVMs
 * @param listeners the secured listeners each launched node opens besides PLAINTEXT
 * @param saslUsers user names and passwords for the SASL listeners (PLAIN and SCRAM)
 * @param features feature levels the storage is formatted with ({@code transaction.version=1}); empty for the
 *     version's defaults
 */
public record ClusterSpec(
        int nodes,
        String kafkaVersion,
        Map<String, String> brokerProperties,
        Duration startTimeout,
        Duration stopTimeout,
        Path logDirectory,
        String brokerHeap,
        List<String> brokerJvmOptions,
        Set<Listener> listeners,
        Map<String, String> saslUsers,
        Map<String, Integer> features) {

    public ClusterSpec {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be positive, was " + nodes);
        }
        Settings.requireVersion(kafkaVersion);
        brokerProperties = Map.copyOf(brokerProperties);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(brokerHeap, "brokerHeap");
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
        listeners = listeners.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(listeners));
        saslUsers = Collections.unmodifiableMap(new LinkedHashMap<>(saslUsers));
    }

    /** A specification with the version's default feature levels. */
    public ClusterSpec(int nodes, String kafkaVersion, Map<String, String> brokerProperties, Duration startTimeout,
            Duration stopTimeout, Path logDirectory, String brokerHeap, List<String> brokerJvmOptions,
            Set<Listener> listeners, Map<String, String> saslUsers) {
        this(nodes, kafkaVersion, brokerProperties, startTimeout, stopTimeout, logDirectory, brokerHeap,
                brokerJvmOptions, listeners, saslUsers, Map.of());
    }

    /** A specification without secured listeners. */
    public ClusterSpec(int nodes, String kafkaVersion, Map<String, String> brokerProperties, Duration startTimeout,
            Duration stopTimeout, Path logDirectory, String brokerHeap, List<String> brokerJvmOptions) {
        this(nodes, kafkaVersion, brokerProperties, startTimeout, stopTimeout, logDirectory, brokerHeap,
                brokerJvmOptions, Set.of(), Map.of(), Map.of());
    }

    /** The Kafka major version, e.g. 4 for {@code 4.1.1}. */
    public int kafkaMajorVersion() {
        return Integer.parseInt(kafkaVersion.substring(0, kafkaVersion.indexOf('.')));
    }
}
