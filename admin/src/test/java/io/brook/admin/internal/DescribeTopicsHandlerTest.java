package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.PartialFailureException;
import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import io.brook.common.errors.TopicAuthorizationException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DescribeTopicsHandlerTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker1", 9092);

    @Test
    void asksForEachTopicOnceWithoutAutoCreation() {
        DescribeTopicsHandler handler = new DescribeTopicsHandler(List.of("b", "a", "b"));

        CallRequest request = handler.nextRequests(1_000).get(0);

        assertThat(request.endpoint()).isNull();
        assertThat(request.request().allowedVersions().min()).isGreaterThanOrEqualTo((short) 4);
        MetadataRequest body = (MetadataRequest) request.body();
        assertThat(body.allowAutoTopicCreation()).isFalse();
        assertThat(body.topics()).extracting(MetadataRequest.MetadataRequestTopic::name).containsExactly("b", "a");
    }

    @Test
    void mapsPartitionsLeadersReplicasIsrIdAndInternalFlag() {
        DescribeTopicsHandler handler = new DescribeTopicsHandler(List.of("t"));
        UUID id = UUID.randomUUID();
        MetadataResponse.MetadataResponseTopic topic = MetadataResponse.MetadataResponseTopic.builder()
                .name("t").topicId(id).isInternal(true).errorCode(Errors.NONE.code())
                .partitions(List.of(
                        partition(1, -1, List.of(3, 1, 2), List.of()),
                        partition(0, 2, List.of(2, 3, 1), List.of(2, 1))))
                .build();

        Step<Map<String, TopicDescription>> step = handler.onResponse(handler.nextRequests(1_000).get(0), BROKER,
                metadata(new int[] {1, 2, 3}, topic));

        TopicDescription t = ((Step.Done<Map<String, TopicDescription>>) step).value().get("t");
        assertThat(t).isEqualTo(new TopicDescription("t", List.of(
                new PartitionInfo(0, 2, List.of(2, 3, 1), List.of(2, 1)),
                new PartitionInfo(1, -1, List.of(3, 1, 2), List.of())), id, true));
        assertThat(t.partition(1).hasLeader()).isFalse();
    }

    @Test
    void anUnknownTopicFailsOnItsOwnAndTheOthersAreStillDescribed() {
        DescribeTopicsHandler handler = new DescribeTopicsHandler(List.of("known", "missing", "secret"));

        Step<Map<String, TopicDescription>> step = handler.onResponse(handler.nextRequests(1_000).get(0), BROKER,
                metadata(new int[] {1}, topicError("secret", Errors.TOPIC_AUTHORIZATION_FAILED),
                        topic("known", 1), topicError("missing", Errors.UNKNOWN_TOPIC_OR_PARTITION)));

        PartialFailureException error =
                (PartialFailureException) ((Step.Failed<Map<String, TopicDescription>>) step).error();
        assertThat(error.failures().get("missing")).isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageStartingWith("describeTopics of topic 'missing' failed with UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(error.failures().get("secret")).isInstanceOf(TopicAuthorizationException.class);
        assertThat(error.results(String.class, TopicDescription.class)).containsOnlyKeys("known");
        assertThat(error.results().get("known")).isEqualTo(new TopicDescription("known",
                List.of(new PartitionInfo(0, 1, List.of(1), List.of(1))),
                ((TopicDescription) error.results().get("known")).topicId(), false));
    }

    @Test
    void retriesATopicWithoutLeaderAndKeepsTheCallersOrder() {
        DescribeTopicsHandler handler = new DescribeTopicsHandler(List.of("new", "old"));
        Step<Map<String, TopicDescription>> first = handler.onResponse(handler.nextRequests(1_000).get(0), BROKER,
                metadata(new int[] {1}, topic("old", 1), topicError("new", Errors.LEADER_NOT_AVAILABLE)));
        assertThat(((Step.Retry<?>) first).reason()).hasMessageContaining("topic 'new'")
                .hasMessageContaining("LEADER_NOT_AVAILABLE");

        CallRequest again = handler.nextRequests(900).get(0);
        assertThat(((MetadataRequest) again.body()).topics()).extracting(MetadataRequest.MetadataRequestTopic::name)
                .containsExactly("new");
        Step<Map<String, TopicDescription>> done = handler.onResponse(again, BROKER,
                metadata(new int[] {1}, topic("new", 2)));

        Map<String, TopicDescription> result = ((Step.Done<Map<String, TopicDescription>>) done).value();
        assertThat(result.keySet()).containsExactly("new", "old");
        assertThat(result.get("new").partitions()).hasSize(2);
    }

    @Test
    void aRetriableTopLevelErrorIsRetried() {
        DescribeTopicsHandler handler = new DescribeTopicsHandler(List.of("t"));
        MetadataResponse response = MetadataResponse.builder().errorCode(Errors.REQUEST_TIMED_OUT.code()).build();
        assertThat(handler.onResponse(handler.nextRequests(1_000).get(0), BROKER, response))
                .isInstanceOf(Step.Retry.class);
    }

    private static MetadataResponse.MetadataResponsePartition partition(int index, int leader, List<Integer> replicas,
            List<Integer> isr) {
        return MetadataResponse.MetadataResponsePartition.builder().partitionIndex(index).leaderId(leader)
                .replicaNodes(replicas).isrNodes(isr).build();
    }
}
