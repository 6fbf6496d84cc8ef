package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.FetchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the Fetch request of one {@link FetchSession.Plan}. Each topic carries both its name and its id: the
 * generated encoder writes the one the negotiated version has (names up to v12, ids from v13), so the body needs
 * no version test. If a topic's id is unknown, the request is limited to the versions that name topics.
 * Stateless.
 */
final class FetchRequests {
    /** A consumer's replica id. */
    private static final int CONSUMER_REPLICA_ID = -1;

    private FetchRequests() {}

    static RequestBuilder build(ConsumerSettings settings, FetchSession.Plan plan, Map<String, UUID> topicIds) {
        boolean allIds = topicIds.values().stream().noneMatch(TopicMetadata.NO_TOPIC_ID::equals);
        List<FetchRequest.FetchTopic> topics = topics(plan.toSend(), topicIds);
        List<FetchRequest.ForgottenTopic> forgotten = forgotten(plan.toForget(), topicIds);
        FetchRequest body = FetchRequest.builder()
                .replicaId(CONSUMER_REPLICA_ID)
                .maxWaitMs(settings.fetchMaxWaitMs())
                .minBytes(settings.fetchMinBytes())
                .maxBytes(settings.fetchMaxBytes())
                .isolationLevel(settings.isolationLevel().wireId())
                .sessionId(plan.sessionId())
                .sessionEpoch(plan.epoch())
                .topics(topics)
                .forgottenTopicsData(forgotten)
                .rackId(settings.rack())
                .build();
        if (allIds) {
            return RequestBuilder.of(body);
        }
        VersionRange byName = VersionRange.of(ApiKey.FETCH.lowestVersion(), Capability.FETCH_TOPIC_IDS.since() - 1);
        return RequestBuilder.of(body, byName);
    }

    private static List<FetchRequest.FetchTopic> topics(Map<TopicPartition, FetchSession.Sent> partitions,
            Map<String, UUID> topicIds) {
        Map<String, List<FetchRequest.FetchPartition>> byTopic = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, FetchSession.Sent> e : partitions.entrySet()) {
            FetchSession.Sent sent = e.getValue();
            byTopic.computeIfAbsent(e.getKey().topic(), t -> new ArrayList<>()).add(FetchRequest.FetchPartition
                    .builder()
                    .partition(e.getKey().partition())
                    .currentLeaderEpoch(sent.leaderEpoch())
                    .fetchOffset(sent.fetchOffset())
                    .partitionMaxBytes(sent.maxBytes())
                    .build());
        }
        List<FetchRequest.FetchTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, parts) -> topics.add(FetchRequest.FetchTopic.builder()
                .topic(topic)
                .topicId(topicIds.getOrDefault(topic, TopicMetadata.NO_TOPIC_ID))
                .partitions(parts)
                .build()));
        return topics;
    }

    private static List<FetchRequest.ForgottenTopic> forgotten(List<TopicPartition> partitions,
            Map<String, UUID> topicIds) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<FetchRequest.ForgottenTopic> out = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, parts) -> out.add(FetchRequest.ForgottenTopic.builder()
                .topic(topic)
                .topicId(topicIds.getOrDefault(topic, TopicMetadata.NO_TOPIC_ID))
                .partitions(parts)
                .build()));
        return out;
    }
}
