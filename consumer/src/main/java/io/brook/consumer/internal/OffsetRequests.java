package io.brook.consumer.internal;

import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.config.IsolationLevel;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.OffsetCommitRequest;
import io.brook.protocol.message.OffsetCommitResponse;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.OffsetFetchResponse;
import io.brook.protocol.message.OffsetForLeaderEpochRequest;
import io.brook.protocol.message.OffsetForLeaderEpochResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the consumer's offset requests (OffsetCommit, OffsetFetch, ListOffsets, OffsetForLeaderEpoch) and reads
 * their answers into per-partition results. Version-dependent bodies ask a {@link Capability}. Stateless.
 */
final class OffsetRequests {
    /** The replica id a consumer sends. */
    private static final int CONSUMER_REPLICA_ID = -1;

    private OffsetRequests() {}

    // ---- OffsetCommit ----------------------------------------------------------------------------------------

    /** One partition's offset to commit, with the leader epoch of the record before it (or -1). */
    record ToCommit(OffsetAndMetadata offset, int leaderEpoch) {}

    static RequestBuilder offsetCommit(String groupId, int generation, String memberId, Optional<String> instanceId,
            Map<TopicPartition, ToCommit> offsets) {
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        offsets.forEach((tp, c) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
                OffsetCommitRequest.OffsetCommitRequestPartition.builder()
                        .partitionIndex(tp.partition())
                        .committedOffset(c.offset().offset())
                        .committedLeaderEpoch(c.leaderEpoch())
                        .committedMetadata(c.offset().metadata())
                        .build()));
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, parts) -> topics.add(OffsetCommitRequest.OffsetCommitRequestTopic.builder()
                .name(topic).partitions(parts).build()));
        return RequestBuilder.of(OffsetCommitRequest.builder()
                .groupId(groupId)
                .generationIdOrMemberEpoch(generation)
                .memberId(memberId)
                .groupInstanceId(instanceId.orElse(null))
                .topics(topics)
                .build());
    }

    static Map<TopicPartition, Errors> offsetCommitErrors(OffsetCommitResponse response) {
        Map<TopicPartition, Errors> out = new LinkedHashMap<>();
        for (OffsetCommitResponse.OffsetCommitResponseTopic t : response.topics()) {
            for (OffsetCommitResponse.OffsetCommitResponsePartition p : t.partitions()) {
                out.put(new TopicPartition(t.name(), p.partitionIndex()), Errors.forCode(p.errorCode()));
            }
        }
        return out;
    }

    // ---- OffsetFetch -----------------------------------------------------------------------------------------

    /** A committed offset as the coordinator answered it; offset -1 when the group has none. */
    record Committed(Errors error, long offset, int leaderEpoch, String metadata) {}

    /** The answer of an OffsetFetch: the group-level error and each partition's result. */
    record Fetched(Errors groupError, Map<TopicPartition, Committed> partitions) {}

    static RequestBuilder offsetFetch(String groupId, Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        return RequestBuilder.of(ApiKey.OFFSET_FETCH, v -> {
            OffsetFetchRequest.Builder b = OffsetFetchRequest.builder()
                    .requireStable(Capability.OFFSET_FETCH_REQUIRE_STABLE.at(v));
            if (Capability.OFFSET_FETCH_GROUPS.at(v)) {
                List<OffsetFetchRequest.OffsetFetchRequestTopics> topics = new ArrayList<>();
                byTopic.forEach((t, ps) -> topics.add(OffsetFetchRequest.OffsetFetchRequestTopics.builder()
                        .name(t).partitionIndexes(ps).build()));
                return b.groups(List.of(OffsetFetchRequest.OffsetFetchRequestGroup.builder()
                        .groupId(groupId).topics(topics).build())).build();
            }
            List<OffsetFetchRequest.OffsetFetchRequestTopic> topics = new ArrayList<>();
            byTopic.forEach((t, ps) -> topics.add(OffsetFetchRequest.OffsetFetchRequestTopic.builder()
                    .name(t).partitionIndexes(ps).build()));
            return b.groupId(groupId).topics(topics).build();
        });
    }

    static Fetched offsetFetchResult(OffsetFetchResponse response) {
        Map<TopicPartition, Committed> out = new LinkedHashMap<>();
        if (!response.groups().isEmpty()) {
            OffsetFetchResponse.OffsetFetchResponseGroup g = response.groups().get(0);
            for (OffsetFetchResponse.OffsetFetchResponseTopics t : g.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions p : t.partitions()) {
                    out.put(new TopicPartition(t.name(), p.partitionIndex()), new Committed(
                            Errors.forCode(p.errorCode()), p.committedOffset(), p.committedLeaderEpoch(),
                            p.metadata()));
                }
            }
            return new Fetched(Errors.forCode(g.errorCode()), out);
        }
        for (OffsetFetchResponse.OffsetFetchResponseTopic t : response.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartition p : t.partitions()) {
                out.put(new TopicPartition(t.name(), p.partitionIndex()), new Committed(Errors.forCode(p.errorCode()),
                        p.committedOffset(), p.committedLeaderEpoch(), p.metadata()));
            }
        }
        return new Fetched(Errors.forCode(response.errorCode()), out);
    }

    // ---- ListOffsets -----------------------------------------------------------------------------------------

    /** What to look up for one partition: a timestamp or a special value, fenced by the leader epoch. */
    record Lookup(long timestamp, int currentLeaderEpoch) {}

    /** One partition's answer. */
    record Listed(Errors error, long offset, long timestamp, int leaderEpoch) {}

    static RequestBuilder listOffsets(IsolationLevel isolation, Map<TopicPartition, Lookup> lookups) {
        Map<String, List<ListOffsetsRequest.ListOffsetsPartition>> byTopic = new LinkedHashMap<>();
        lookups.forEach((tp, l) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
                ListOffsetsRequest.ListOffsetsPartition.builder()
                        .partitionIndex(tp.partition())
                        .currentLeaderEpoch(l.currentLeaderEpoch())
                        .timestamp(l.timestamp())
                        .build()));
        List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(ListOffsetsRequest.ListOffsetsTopic.builder().name(t).partitions(ps)
                .build()));
        return RequestBuilder.of(ListOffsetsRequest.builder()
                .replicaId(CONSUMER_REPLICA_ID)
                .isolationLevel(isolation.wireId())
                .topics(topics)
                .build());
    }

    static Map<TopicPartition, Listed> listOffsetsResult(ListOffsetsResponse response) {
        Map<TopicPartition, Listed> out = new LinkedHashMap<>();
        for (ListOffsetsResponse.ListOffsetsTopicResponse t : response.topics()) {
            for (ListOffsetsResponse.ListOffsetsPartitionResponse p : t.partitions()) {
                out.put(new TopicPartition(t.name(), p.partitionIndex()), new Listed(Errors.forCode(p.errorCode()),
                        p.offset(), p.timestamp(), p.leaderEpoch()));
            }
        }
        return out;
    }

    // ---- OffsetForLeaderEpoch --------------------------------------------------------------------------------

    /** One partition's question: where does {@code leaderEpoch} end, asked of the leader of {@code current}. */
    record EpochQuery(int currentLeaderEpoch, int leaderEpoch) {}

    /** One partition's answer: the largest epoch not above the asked one, and its end offset. */
    record EpochEnd(Errors error, int leaderEpoch, long endOffset) {}

    static RequestBuilder offsetForLeaderEpoch(Map<TopicPartition, EpochQuery> queries) {
        Map<String, List<OffsetForLeaderEpochRequest.OffsetForLeaderPartition>> byTopic = new LinkedHashMap<>();
        queries.forEach((tp, q) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
                OffsetForLeaderEpochRequest.OffsetForLeaderPartition.builder()
                        .partition(tp.partition())
                        .currentLeaderEpoch(q.currentLeaderEpoch())
                        .leaderEpoch(q.leaderEpoch())
                        .build()));
        List<OffsetForLeaderEpochRequest.OffsetForLeaderTopic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(OffsetForLeaderEpochRequest.OffsetForLeaderTopic.builder().topic(t)
                .partitions(ps).build()));
        return RequestBuilder.of(OffsetForLeaderEpochRequest.builder()
                .replicaId(CONSUMER_REPLICA_ID)
                .topics(topics)
                .build());
    }

    static Map<TopicPartition, EpochEnd> offsetForLeaderEpochResult(OffsetForLeaderEpochResponse response) {
        Map<TopicPartition, EpochEnd> out = new LinkedHashMap<>();
        for (OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult t : response.topics()) {
            for (OffsetForLeaderEpochResponse.EpochEndOffset p : t.partitions()) {
                out.put(new TopicPartition(t.topic(), p.partition()), new EpochEnd(Errors.forCode(p.errorCode()),
                        p.leaderEpoch(), p.endOffset()));
            }
        }
        return out;
    }
}
