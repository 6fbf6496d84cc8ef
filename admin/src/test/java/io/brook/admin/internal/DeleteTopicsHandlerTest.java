package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.deleteFailed;
import static io.brook.admin.internal.Responses.deleteResponse;
import static io.brook.admin.internal.Responses.deleted;
import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.PartialFailureException;
import io.brook.common.errors.InvalidTopicException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TopicDeletionDisabledException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.MetadataRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeleteTopicsHandlerTest {
    private static final Endpoint BROKER_1 = new Endpoint(1, "broker1", 9092);
    private static final Endpoint BROKER_2 = new Endpoint(2, "broker2", 9092);

    @Test
    void namesEachTopicOnceInTheTopicsArray() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a", "b", "a"), true);

        CallRequest request = handler.nextRequest(12_345);

        assertThat(request.endpoint()).isNull();
        assertThat(request.request().allowedVersions().min()).as("topics by state need v6").isEqualTo((short) 6);
        DeleteTopicsRequest body = (DeleteTopicsRequest) request.body();
        assertThat(body.timeoutMs()).isEqualTo(12_345);
        assertThat(body.topics()).extracting(DeleteTopicsRequest.DeleteTopicState::name).containsExactly("a", "b");
        assertThat(body.topicNames()).isEmpty();
    }

    @Test
    void completesOnceNoBrokerReportsTheTopic() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a"), true);
        UUID id = UUID.randomUUID();
        CallRequest delete = handler.nextRequest(30_000);
        assertThat(handler.onResponse(delete, BROKER_1, deleteResponse(deleted("a", id))))
                .isInstanceOf(Step.SendNext.class);

        CallRequest first = handler.nextRequest(30_000);
        assertThat(((MetadataRequest) first.body()).allowAutoTopicCreation()).isFalse();
        assertThat(handler.onResponse(first, BROKER_1,
                metadata(new int[] {1, 2}, topicError("a", Errors.UNKNOWN_TOPIC_OR_PARTITION))))
                .isInstanceOf(Step.SendNext.class);
        CallRequest second = handler.nextRequest(30_000);
        assertThat(second.endpoint()).isEqualTo(BROKER_2);
        Step<Void> stale = handler.onResponse(second, BROKER_2,
                metadata(new int[] {1, 2}, topic("a", id, 1, 1, List.of(1))));
        assertThat(((Step.Retry<Void>) stale).reason()).hasMessageContaining("topic 'a' is still present on broker 2");
        assertThat(handler.onResponse(second, BROKER_2, metadata(new int[] {1, 2})))
                .isEqualTo(Step.done(null));
    }

    @Test
    void aTopicRecreatedWithAnotherIdCountsAsGone() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a"), true);
        CallRequest delete = handler.nextRequest(30_000);
        handler.onResponse(delete, BROKER_1, deleteResponse(deleted("a", UUID.randomUUID())));
        CallRequest meta = handler.nextRequest(30_000);

        assertThat(handler.onResponse(meta, BROKER_1,
                metadata(new int[] {1}, topic("a", UUID.randomUUID(), 1, 1, List.of(1)))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void anUnknownTopicFailsTypedWhileTheOthersAreDeleted() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("missing", "a", "locked"), false);
        CallRequest delete = handler.nextRequest(30_000);

        Step<Void> step = handler.onResponse(delete, BROKER_1, deleteResponse(deleted("a", UUID.randomUUID()),
                deleteFailed("locked", Errors.TOPIC_DELETION_DISABLED),
                deleteFailed("missing", Errors.UNKNOWN_TOPIC_OR_PARTITION)));

        PartialFailureException error = (PartialFailureException) ((Step.Failed<Void>) step).error();
        assertThat(error.failures().get("missing")).isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageStartingWith("deleteTopics of topic 'missing' failed with UNKNOWN_TOPIC_OR_PARTITION "
                        + "(error code 3)");
        assertThat(error.failures().get("locked")).isInstanceOf(TopicDeletionDisabledException.class);
        assertThat(error.failures().keySet()).as("in the caller's order").containsExactly("missing", "locked");
        assertThat(error.succeeded()).containsExactly("a");
    }

    @Test
    void unknownAfterAnAttemptWithUnknownOutcomeCountsAsDeleted() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a"), false);
        CallRequest delete = handler.nextRequest(30_000);
        assertThat(handler.onFailure(delete, BROKER_1, new NetworkException("reset")))
                .isInstanceOf(Step.Retry.class);

        CallRequest again = handler.nextRequest(20_000);
        assertThat(handler.onResponse(again, BROKER_1,
                deleteResponse(deleteFailed("a", Errors.UNKNOWN_TOPIC_OR_PARTITION)))).isEqualTo(Step.done(null));
    }

    @Test
    void unknownAfterABrokerTimeoutCountsAsDeleted() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a"), false);
        CallRequest delete = handler.nextRequest(30_000);
        assertThat(handler.onResponse(delete, BROKER_1, deleteResponse(deleteFailed("a", Errors.REQUEST_TIMED_OUT))))
                .isInstanceOf(Step.Retry.class);
        assertThat(handler.onResponse(delete, BROKER_1,
                deleteResponse(deleteFailed("a", Errors.UNKNOWN_TOPIC_OR_PARTITION)))).isEqualTo(Step.done(null));
    }

    @Test
    void retriesNotControllerForTheRemainingTopicsOnly() {
        DeleteTopicsHandler handler = new DeleteTopicsHandler(List.of("a", "b"), false);
        CallRequest delete = handler.nextRequest(30_000);
        Step<Void> step = handler.onResponse(delete, BROKER_1,
                deleteResponse(deleted("a", UUID.randomUUID()), deleteFailed("b", Errors.NOT_CONTROLLER)));
        assertThat(((Step.Retry<Void>) step).reason()).hasMessageContaining("topic 'b'")
                .hasMessageContaining("NOT_CONTROLLER");

        CallRequest again = handler.nextRequest(20_000);
        assertThat(((DeleteTopicsRequest) again.body()).topics()).extracting(DeleteTopicsRequest.DeleteTopicState::name)
                .containsExactly("b");
        // NOT_CONTROLLER never made b's outcome unknown: unknown now means it never existed.
        assertThat(handler.onResponse(again, BROKER_1,
                deleteResponse(deleteFailed("b", Errors.UNKNOWN_TOPIC_OR_PARTITION))))
                .isInstanceOf(Step.Failed.class);
    }

    @Test
    void rejectsInvalidNamesBeforeSending() {
        assertThatThrownBy(() -> new DeleteTopicsHandler(List.of("ok", "not ok"), true))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("'not ok'");
        assertThatThrownBy(() -> new DeleteTopicsHandler(java.util.Arrays.asList("ok", null), true))
                .isInstanceOf(NullPointerException.class);
    }
}
