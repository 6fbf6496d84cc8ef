package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One immutable view of the cluster: its id, controller, brokers and the topics the client asked about. A
 * {@link MetadataManager} replaces its snapshot as a whole on every successful refresh, so readers always see a
 * consistent picture without locking.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterSnapshot {
    /** Sentinel controller id: no controller known. */
    public static final int NO_CONTROLLER = -1;

    private static final ClusterSnapshot EMPTY = new ClusterSnapshot(null, NO_CONTROLLER, List.of(), List.of(),
            0L, 0L);

    private final String clusterId;
    private final int controllerId;
    private final Map<Integer, BrokerNode> brokers;
    private final List<io.brook.core.internal.network.Endpoint> brokerEndpoints;
    private final Map<String, TopicMetadata> topicsByName;
    private final Map<UUID, TopicMetadata> topicsById;
    private final long updatedAtMs;
    private final long updateVersion;

    /**
     * @param clusterId the cluster id, or null if the broker did not report one
     * @param controllerId the controller's broker id, or {@link #NO_CONTROLLER}
     * @param brokers the live brokers; ids must be distinct
     * @param topics the topics; names must be distinct
     * @param updatedAtMs when this view was obtained, in {@link io.brook.core.Time#monotonicMs()} terms
     * @param updateVersion increases by one with every successful refresh; 0 for the empty snapshot
     */
    public ClusterSnapshot(String clusterId, int controllerId, Collection<BrokerNode> brokers,
            Collection<TopicMetadata> topics, long updatedAtMs, long updateVersion) {
        this.clusterId = clusterId;
        this.controllerId = controllerId < NO_CONTROLLER ? NO_CONTROLLER : controllerId;
        Map<Integer, BrokerNode> byId = new TreeMap<>();
        for (BrokerNode b : brokers) {
            if (byId.put(b.id(), b) != null) {
                throw new IllegalArgumentException("broker id " + b.id() + " listed twice");
            }
        }
        Map<String, TopicMetadata> byName = new TreeMap<>();
        Map<UUID, TopicMetadata> byTopicId = new LinkedHashMap<>();
        for (TopicMetadata t : topics) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("topic " + t.name() + " listed twice");
            }
            if (t.hasTopicId()) {
                byTopicId.put(t.topicId(), t);
            }
        }
        this.brokers = Collections.unmodifiableMap(byId);
        this.brokerEndpoints = byId.values().stream().map(BrokerNode::endpoint).toList();
        this.topicsByName = Collections.unmodifiableMap(byName);
        this.topicsById = Collections.unmodifiableMap(byTopicId);
        this.updatedAtMs = updatedAtMs;
        this.updateVersion = updateVersion;
    }

    /** The view before any metadata arrived: no brokers, no topics, version 0. */
    public static ClusterSnapshot empty() {
        return EMPTY;
    }

    /** Whether this is a view before any successful refresh. */
    public boolean isEmpty() {
        return updateVersion == 0;
    }

    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    /** The controller's broker id, or {@link #NO_CONTROLLER}. */
    public int controllerId() {
        return controllerId;
    }

    /** The controller, if it is known and among the listed brokers. */
    public Optional<BrokerNode> controller() {
        return broker(controllerId);
    }

    /** The brokers, sorted by id. */
    public Collection<BrokerNode> brokers() {
        return brokers.values();
    }

    /** The brokers' endpoints, sorted by id; computed once per snapshot. */
    public List<io.brook.core.internal.network.Endpoint> brokerEndpoints() {
        return brokerEndpoints;
    }

    public Optional<BrokerNode> broker(int id) {
        return Optional.ofNullable(brokers.get(id));
    }

    /** The names of every topic in this view, sorted. */
    public Set<String> topicNames() {
        return topicsByName.keySet();
    }

    /** The topics, sorted by name. */
    public Collection<TopicMetadata> topics() {
        return topicsByName.values();
    }

    public Optional<TopicMetadata> topic(String name) {
        return Optional.ofNullable(topicsByName.get(name));
    }

    public Optional<TopicMetadata> topic(UUID topicId) {
        return Optional.ofNullable(topicsById.get(topicId));
    }

    /** The partitions of {@code topic}, sorted by number; empty if the topic is unknown or has an error. */
    public List<PartitionMetadata> partitionsFor(String topic) {
        TopicMetadata t = topicsByName.get(topic);
        return t == null ? List.of() : t.partitions();
    }

    public Optional<PartitionMetadata> partition(TopicPartition partition) {
        TopicMetadata t = topicsByName.get(partition.topic());
        return t == null ? Optional.empty() : t.partition(partition.partition());
    }

    /** The leader of {@code partition}, if the partition is known, has a leader and the leader is listed. */
    public Optional<BrokerNode> leaderFor(TopicPartition partition) {
        return partition(partition).filter(PartitionMetadata::hasLeader).flatMap(p -> broker(p.leaderId()));
    }

    /** When this view was obtained, in monotonic milliseconds. */
    public long updatedAtMs() {
        return updatedAtMs;
    }

    /** The number of successful refreshes that led to this view. */
    public long updateVersion() {
        return updateVersion;
    }

    @Override
    public String toString() {
        return "ClusterSnapshot(version=" + updateVersion + ", clusterId=" + clusterId + ", controller="
                + controllerId + ", brokers=" + brokers.values() + ", topics=" + topicsByName.keySet() + ")";
    }
}
