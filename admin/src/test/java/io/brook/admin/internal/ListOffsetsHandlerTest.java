package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.OffsetSpec;
import io.brook.admin.PartialFailureException;
import io.brook.common.TopicPartition;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.NotLeaderOrFollowerException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.call.TestMetadata;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ListOffsetsHandler} and, through it, the leader routing every leader-bound call shares. */
class ListOffsetsHandlerTest {
    private static final Endpoint ANY = new Endpoint(1, "broker1", 9092);
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    /** Topic {@code name} with partition {@code i} led by {@code leaders[i]}. */
    static MetadataResponse.MetadataResponseTopic ledBy(String name, int... leaders) {
        List<MetadataResponse.MetadataResponsePartition> parts = new ArrayList<>();
        for (int p = 0; p < leaders.length; p++) {
            parts.add(MetadataResponse.MetadataResponsePartition.builder().partitionIndex(p).leaderId(leaders[p])
                    .replicaNodes(List.of(Math.max(leaders[p], 1))).isrNodes(List.of()).build());
        }
        return MetadataResponse.MetadataResponseTopic.builder().name(name).topicId(UUID.randomUUID())
                .errorCode(Errors.NONE.code()).partitions(parts).build();
    }

    static ListOffsetsResponse offsets(Object... tpErrorOffset) {
        Map<String, List<ListOffsetsResponse.ListOffsetsPartitionResponse>> byTopic = new LinkedHashMap<>();
        for (int i = 0; i < tpErrorOffset.length; i += 3) {
            TopicPartition tp = (TopicPartition) tpErrorOffset[i];
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(ListOffsetsResponse
                    .ListOffsetsPartitionResponse.builder().partitionIndex(tp.partition())
                    .errorCode(((Errors) tpErrorOffset[i + 1]).code()).offset((Long) tpErrorOffset[i + 2]).build());
        }
        List<ListOffsetsResponse.ListOffsetsTopicResponse> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(ListOffsetsResponse.ListOffsetsTopicResponse.builder().name(t)
                .partitions(ps).build()));
        return ListOffsetsResponse.builder().topics(topics).build();
    }

    private static Map<TopicPartition, OffsetSpec> latest(TopicPartition... tps) {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            specs.put(tp, OffsetSpec.latest());
        }
        return specs;
    }

    @Test
    void learnsLeadersThenSendsOneRequestPerLeader() {
        ListOffsetsHandler handler = new ListOffsetsHandler(latest(A0, A1, B0), false);

        List<CallRequest> first = handler.nextRequests(1_000);
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.endpoint()).as("any broker").isNull();
            assertThat(((MetadataRequest) r.body()).topics()).extracting(MetadataRequest.MetadataRequestTopic::name)
                    .containsExactly("a", "b");
        });
        assertThat(handler.onResponse(first.get(0), ANY, metadata(new int[] {1, 2}, ledBy("a", 1, 2), ledBy("b", 2))))
                .isInstanceOf(Step.SendNext.class);

        List<CallRequest> second = handler.nextRequests(1_000);
        assertThat(second).extracting(CallRequest::endpoint)
                .containsExactly(TestMetadata.broker(1), TestMetadata.broker(2));
        ListOffsetsRequest toTwo = (ListOffsetsRequest) second.get(1).body();
        assertThat(toTwo.replicaId()).isEqualTo(-1);
        assertThat(toTwo.topics()).extracting(ListOffsetsRequest.ListOffsetsTopic::name).containsExactly("a", "b");
        assertThat(toTwo.topics().get(0).partitions()).singleElement()
                .satisfies(p -> assertThat(p.timestamp()).isEqualTo(ListOffsetsHandler.LATEST));

        assertThat(handler.onResponse(second.get(0), TestMetadata.broker(1), offsets(A0, Errors.NONE, 5L)))
                .isInstanceOf(Step.SendNext.class);
        Step<Map<TopicPartition, Long>> done = handler.onResponse(second.get(1), TestMetadata.broker(2),
                offsets(A1, Errors.NONE, 7L, B0, Errors.NONE, 0L));
        assertThat(done).isEqualTo(Step.done(Map.of(A0, 5L, A1, 7L, B0, 0L)));
    }

    @Test
    void aLeaderThatMovedIsLookedUpAgainForItsPartitionOnly() {
        ListOffsetsHandler handler = new ListOffsetsHandler(latest(A0, A1), false);
        handler.onResponse(handler.nextRequests(1_000).get(0), ANY, metadata(new int[] {1}, ledBy("a", 1, 1)));
        CallRequest toLeader = handler.nextRequests(1_000).get(0);

        Step<Map<TopicPartition, Long>> step = handler.onResponse(toLeader, TestMetadata.broker(1),
                offsets(A0, Errors.NONE, 3L, A1, Errors.NOT_LEADER_OR_FOLLOWER, -1L));

        assertThat(step).isInstanceOf(Step.Retry.class);
        assertThat(((Step.Retry<?>) step).reason()).isInstanceOf(NotLeaderOrFollowerException.class)
                .hasMessageContaining("partition a-1");
        List<CallRequest> again = handler.nextRequests(1_000);
        assertThat(again).singleElement().satisfies(r -> assertThat(r.request().apiKey()).isEqualTo(ApiKey.METADATA));
        handler.onResponse(again.get(0), ANY, metadata(new int[] {1, 2}, ledBy("a", 1, 2)));
        CallRequest toNewLeader = handler.nextRequests(1_000).get(0);
        assertThat(toNewLeader.endpoint()).isEqualTo(TestMetadata.broker(2));
        assertThat(handler.onResponse(toNewLeader, TestMetadata.broker(2), offsets(A1, Errors.NONE, 9L)))
                .isEqualTo(Step.done(Map.of(A0, 3L, A1, 9L)));
    }

    @Test
    void noResponseFromALeaderForgetsItsLeadership() {
        ListOffsetsHandler handler = new ListOffsetsHandler(latest(A0), false);
        handler.onResponse(handler.nextRequests(1_000).get(0), ANY, metadata(new int[] {1}, ledBy("a", 1)));
        CallRequest toLeader = handler.nextRequests(1_000).get(0);

        assertThat(handler.onFailure(toLeader, TestMetadata.broker(1), new NetworkException("reset")))
                .isInstanceOf(Step.Retry.class);

        assertThat(handler.nextRequests(1_000)).singleElement()
                .satisfies(r -> assertThat(r.request().apiKey()).isEqualTo(ApiKey.METADATA));
    }

    @Test
    void unknownTopicsAndPartitionsFailOnTheirOwn() {
        TopicPartition beyond = new TopicPartition("a", 5);
        TopicPartition missing = new TopicPartition("missing", 0);
        ListOffsetsHandler handler = new ListOffsetsHandler(latest(A0, beyond, missing), false);

        handler.onResponse(handler.nextRequests(1_000).get(0), ANY, metadata(new int[] {1}, ledBy("a", 1),
                topicError("missing", Errors.UNKNOWN_TOPIC_OR_PARTITION)));
        CallRequest toLeader = handler.nextRequests(1_000).get(0);
        Step<Map<TopicPartition, Long>> end = handler.onResponse(toLeader, TestMetadata.broker(1),
                offsets(A0, Errors.NONE, 1L));

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures(TopicPartition.class).keySet()).containsExactly(beyond, missing);
        assertThat(partial.failures().values()).allSatisfy(
                e -> assertThat(e).isInstanceOf(UnknownTopicOrPartitionException.class));
        assertThat(partial.failures().get(beyond)).hasMessageContaining("has 1 partitions");
        assertThat(partial.results()).containsExactly(Map.entry(A0, 1L));
    }

    @Test
    void aPartitionWithoutALeaderIsRetriedWhileTheOthersProceed() {
        ListOffsetsHandler handler = new ListOffsetsHandler(latest(A0, A1), false);

        assertThat(handler.onResponse(handler.nextRequests(1_000).get(0), ANY,
                metadata(new int[] {1}, ledBy("a", 1, -1)))).as("a-0 routed: progress")
                .isInstanceOf(Step.SendNext.class);

        List<CallRequest> next = handler.nextRequests(1_000);
        assertThat(next).extracting(r -> r.request().apiKey()).containsExactly(ApiKey.METADATA, ApiKey.LIST_OFFSETS);
        assertThat(handler.onResponse(next.get(0), ANY, metadata(new int[] {1}, ledBy("a", 1, -1))))
                .as("still no leader, nothing routed").isInstanceOf(Step.Retry.class);
    }

    @Test
    void specsNeedingNewerVersionsNarrowTheRequest() {
        Map<TopicPartition, OffsetSpec> specs = Map.of(A0, OffsetSpec.maxTimestamp());
        ListOffsetsHandler handler = new ListOffsetsHandler(specs, true);
        handler.onResponse(handler.nextRequests(1_000).get(0), ANY, metadata(new int[] {1}, ledBy("a", 1)));

        CallRequest request = handler.nextRequests(1_000).get(0);

        assertThat(request.request().allowedVersions().min()).isEqualTo((short) 7);
        ListOffsetsRequest body = (ListOffsetsRequest) request.body();
        assertThat(body.isolationLevel()).isEqualTo((byte) 1);
        assertThat(body.topics().get(0).partitions().get(0).timestamp()).isEqualTo(ListOffsetsHandler.MAX_TIMESTAMP);
    }

    @Test
    void aLeaderTooOldForTheSpecFailsItsPartitionsOnly() {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        specs.put(A0, OffsetSpec.maxTimestamp());
        specs.put(B0, OffsetSpec.earliest());
        ListOffsetsHandler handler = new ListOffsetsHandler(specs, false);
        handler.onResponse(handler.nextRequests(1_000).get(0), ANY, metadata(new int[] {1, 2}, ledBy("a", 1),
                ledBy("b", 2)));
        List<CallRequest> perLeader = handler.nextRequests(1_000);

        handler.onFailure(perLeader.get(0), TestMetadata.broker(1), new UnsupportedVersionException("too old"));
        Step<Map<TopicPartition, Long>> end = handler.onResponse(perLeader.get(1), TestMetadata.broker(2),
                offsets(B0, Errors.NONE, 0L));

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures().get(A0)).isInstanceOf(UnsupportedVersionException.class);
        assertThat(partial.results()).containsExactly(Map.entry(B0, 0L));
    }
}
