package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.ClusterAuthorizationException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListTopicsHandlerTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker1", 9092);

    private static MetadataResponse cluster() {
        MetadataResponse.MetadataResponseTopic offsets = MetadataResponse.MetadataResponseTopic.builder()
                .name("__consumer_offsets").topicId(UUID.randomUUID()).isInternal(true)
                .errorCode(Errors.NONE.code()).build();
        return metadata(new int[] {1}, topic("zeta", 1), offsets, topic("alpha", 3),
                topicError("hidden", Errors.TOPIC_AUTHORIZATION_FAILED));
    }

    @Test
    void asksForAllTopicsWithANullList() {
        CallRequest request = new ListTopicsHandler(false).nextRequest(1_000);
        assertThat(request.endpoint()).isNull();
        assertThat(((MetadataRequest) request.body()).topics()).isNull();
        assertThat(((MetadataRequest) request.body()).allowAutoTopicCreation()).isFalse();
    }

    @Test
    void leavesOutInternalTopicsAndTopicsWithErrors() {
        ListTopicsHandler handler = new ListTopicsHandler(false);
        Step<Set<String>> step = handler.onResponse(handler.nextRequest(1_000), BROKER, cluster());
        assertThat(((Step.Done<Set<String>>) step).value()).containsExactly("alpha", "zeta");
    }

    @Test
    void includesInternalTopicsWhenAsked() {
        ListTopicsHandler handler = new ListTopicsHandler(true);
        Step<Set<String>> step = handler.onResponse(handler.nextRequest(1_000), BROKER, cluster());
        assertThat(((Step.Done<Set<String>>) step).value()).containsExactly("__consumer_offsets", "alpha", "zeta");
    }

    @Test
    void topLevelErrorsAreRetriedOrFailTyped() {
        ListTopicsHandler handler = new ListTopicsHandler(false);
        CallRequest request = handler.nextRequest(1_000);
        assertThat(handler.onResponse(request, BROKER,
                MetadataResponse.builder().errorCode(Errors.REQUEST_TIMED_OUT.code()).build()))
                .isInstanceOf(Step.Retry.class);
        Step<Set<String>> failed = handler.onResponse(request, BROKER,
                MetadataResponse.builder().errorCode(Errors.CLUSTER_AUTHORIZATION_FAILED.code()).build());
        assertThat(((Step.Failed<Set<String>>) failed).error()).isInstanceOf(ClusterAuthorizationException.class)
                .hasMessageStartingWith("listTopics failed with CLUSTER_AUTHORIZATION_FAILED (error code 31)");
    }

    @Test
    void anEmptyClusterListsNothing() {
        ListTopicsHandler handler = new ListTopicsHandler(false);
        Step<Set<String>> step = handler.onResponse(handler.nextRequest(1_000), BROKER, metadata(new int[] {1}));
        assertThat(((Step.Done<Set<String>>) step).value()).isEmpty();
    }
}
