package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.brook.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.brook.protocol.message.MetadataResponse.MetadataResponseTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Metadata response into the next {@link ClusterSnapshot}, keeping the previous view of any partition
 * whose answer is stale: a leader epoch older than the one cached or already seen elsewhere (a fetch or produce
 * response), for the same incarnation of the topic. A broker that lags behind a leader change would otherwise
 * send the client back to the old leader.
 *
 * <p>Stateless.
 */
final class MetadataResponseMapper {
    private static final Logger log = LoggerFactory.getLogger(MetadataResponseMapper.class);

    /**
     * @param snapshot the new view
     * @param incomplete whether the answer left something to ask again soon: a stale epoch was ignored, or a
     *     wanted partition has no leader
     */
    record Result(ClusterSnapshot snapshot, boolean incomplete) {}

    private MetadataResponseMapper() {}

    /**
     * @param response a response without top-level error
     * @param previous the view it replaces
     * @param lastSeenEpochs the highest leader epoch seen per partition outside metadata; read only
     * @param nowMs the monotonic time of the answer
     */
    static Result map(MetadataResponse response, ClusterSnapshot previous, Map<TopicPartition, Integer> lastSeenEpochs,
            long nowMs) {
        List<BrokerNode> brokers = new ArrayList<>();
        for (MetadataResponseBroker b : response.brokers()) {
            brokers.add(new BrokerNode(b.nodeId(), b.host(), b.port(), Optional.ofNullable(b.rack())));
        }
        boolean incomplete = false;
        List<TopicMetadata> topics = new ArrayList<>();
        for (MetadataResponseTopic t : response.topics()) {
            if (t.name() == null || t.name().isBlank()) {
                // Only topics asked for by id come back nameless, with an error; Brook asks by name.
                log.debug("Ignoring a nameless topic in a metadata response: {}", t);
                continue;
            }
            Optional<TopicMetadata> before = previous.topic(t.name());
            List<PartitionMetadata> partitions = new ArrayList<>();
            for (MetadataResponsePartition p : t.partitions()) {
                PartitionMetadata fresh = partition(t.name(), p);
                Optional<PartitionMetadata> cached = sameIncarnation(t, before)
                        ? before.get().partition(p.partitionIndex()) : Optional.empty();
                int known = knownEpoch(fresh.partition(), cached, sameIncarnation(t, before), lastSeenEpochs);
                boolean stale = fresh.hasLeaderEpoch() && fresh.leaderEpoch() < known;
                PartitionMetadata chosen = fresh;
                if (stale) {
                    log.debug("Ignoring stale metadata for {}: leader epoch {} < known {}", fresh.partition(),
                            fresh.leaderEpoch(), known);
                    // Without a cached view the stale one is still better than none; the caller asks again soon.
                    chosen = cached.orElse(fresh);
                }
                partitions.add(chosen);
                incomplete |= stale || !chosen.hasLeader();
            }
            Errors topicError = Errors.forCode(t.errorCode());
            incomplete |= topicError == Errors.LEADER_NOT_AVAILABLE;
            topics.add(new TopicMetadata(t.name(), t.topicId() == null ? TopicMetadata.NO_TOPIC_ID : t.topicId(),
                    t.isInternal(), topicError, partitions));
        }
        ClusterSnapshot next = new ClusterSnapshot(response.clusterId(), response.controllerId(), brokers, topics,
                nowMs, previous.updateVersion() + 1);
        return new Result(next, incomplete);
    }

    private static PartitionMetadata partition(String topic, MetadataResponsePartition p) {
        return new PartitionMetadata(new TopicPartition(topic, p.partitionIndex()), Errors.forCode(p.errorCode()),
                p.leaderId(), p.leaderEpoch(), p.replicaNodes(), p.isrNodes(), p.offlineReplicas());
    }

    /**
     * Whether the response's topic is the incarnation cached before: a recreated topic has a new id and starts
     * its epochs over, so nothing cached is comparable. Without ids on either side the name decides.
     */
    private static boolean sameIncarnation(MetadataResponseTopic t, Optional<TopicMetadata> before) {
        if (before.isEmpty()) {
            return false;
        }
        boolean freshHasId = t.topicId() != null && !TopicMetadata.NO_TOPIC_ID.equals(t.topicId());
        return !freshHasId || !before.get().hasTopicId() || before.get().topicId().equals(t.topicId());
    }

    /** The highest leader epoch the client knows for the partition of this incarnation, or UNKNOWN_EPOCH. */
    private static int knownEpoch(TopicPartition partition, Optional<PartitionMetadata> cached,
            boolean sameIncarnation, Map<TopicPartition, Integer> lastSeenEpochs) {
        if (!sameIncarnation) {
            return PartitionMetadata.UNKNOWN_EPOCH;
        }
        return Math.max(cached.map(PartitionMetadata::leaderEpoch).orElse(PartitionMetadata.UNKNOWN_EPOCH),
                lastSeenEpochs.getOrDefault(partition, PartitionMetadata.UNKNOWN_EPOCH));
    }
}
