package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.THREE_BROKERS;
import static io.brook.admin.internal.Responses.createFailed;
import static io.brook.admin.internal.Responses.createResponse;
import static io.brook.admin.internal.Responses.created;
import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.PartialFailureException;
import io.brook.admin.NewTopic;
import io.brook.common.errors.InvalidReplicationFactorException;
import io.brook.common.errors.PolicyViolationException;
import io.brook.common.errors.TopicExistsException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.MetadataRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateTopicsHandlerTest {
    private static final Endpoint BOOTSTRAP = new Endpoint(-1, "broker1", 9092);
    private static final Endpoint BROKER_2 = new Endpoint(2, "broker2", 9092);
    private static final Endpoint BROKER_3 = new Endpoint(3, "broker3", 9092);

    @Test
    void buildsOneRequestWithEveryTopicAndSetting() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(
                new NewTopic("orders", 6, (short) 3, Map.of("retention.ms", "1000", "cleanup.policy", "compact")),
                NewTopic.withBrokerDefaults("audit")), true, true);

        CallRequest request = handler.nextRequest(45_000);

        assertThat(request.endpoint()).as("any broker forwards to the controller").isNull();
        CreateTopicsRequest body = (CreateTopicsRequest) request.body();
        assertThat(body.timeoutMs()).isEqualTo(45_000);
        assertThat(body.validateOnly()).isTrue();
        assertThat(body.topics()).hasSize(2);
        CreateTopicsRequest.CreatableTopic orders = body.topics().get(0);
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.numPartitions()).isEqualTo(6);
        assertThat(orders.replicationFactor()).isEqualTo((short) 3);
        assertThat(orders.assignments()).isEmpty();
        assertThat(orders.configs()).extracting(CreateTopicsRequest.CreatableTopicConfig::name,
                        CreateTopicsRequest.CreatableTopicConfig::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cleanup.policy", "compact"),
                        org.assertj.core.groups.Tuple.tuple("retention.ms", "1000"));
        CreateTopicsRequest.CreatableTopic audit = body.topics().get(1);
        assertThat(audit.numPartitions()).isEqualTo(-1);
        assertThat(audit.replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void clampsTheBrokerTimeoutToAnInt() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 1, (short) 1)), false, true);
        CreateTopicsRequest body = (CreateTopicsRequest) handler.nextRequest(Long.MAX_VALUE / 2).body();
        assertThat(body.timeoutMs()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void completesOnlyOnceEveryBrokerReportsTheTopicWithLeaders() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 2, (short) 3)), false, true);
        CallRequest create = handler.nextRequest(30_000);
        assertThat(handler.onResponse(create, BOOTSTRAP, createResponse(created("t", 2))))
                .isInstanceOf(Step.SendNext.class);

        // First metadata: to any broker; the bootstrap address turns out to be broker 1, which is up to date.
        CallRequest first = handler.nextRequest(29_000);
        assertThat(first.endpoint()).isNull();
        assertThat(first.request().allowedVersions().min())
                .isGreaterThanOrEqualTo(Capability.METADATA_AUTO_CREATE_FLAG.since());
        MetadataRequest body = (MetadataRequest) first.body();
        assertThat(body.allowAutoTopicCreation()).isFalse();
        assertThat(body.topics()).extracting(MetadataRequest.MetadataRequestTopic::name).containsExactly("t");
        UUID id = UUID.randomUUID();
        assertThat(handler.onResponse(first, BOOTSTRAP,
                metadata(THREE_BROKERS, topic("t", id, 2, 1, List.of(1, 2, 3))))).isInstanceOf(Step.SendNext.class);

        // Broker 2 does not know the topic yet: retried there.
        CallRequest second = handler.nextRequest(28_000);
        assertThat(second.endpoint()).isEqualTo(BROKER_2);
        Step<Void> notYet = handler.onResponse(second, BROKER_2,
                metadata(THREE_BROKERS, topicError("t", Errors.UNKNOWN_TOPIC_OR_PARTITION)));
        assertThat(notYet).isInstanceOf(Step.Retry.class);
        assertThat(((Step.Retry<Void>) notYet).reason())
                .hasMessageContaining("topic 't' is not yet usable (UNKNOWN_TOPIC_OR_PARTITION) on broker 2");
        assertThat(handler.nextRequest(27_000).endpoint()).isEqualTo(BROKER_2);
        assertThat(handler.onResponse(second, BROKER_2, metadata(THREE_BROKERS, topic("t", id, 2, 1, List.of(1)))))
                .isInstanceOf(Step.SendNext.class);

        // Broker 3 shows it without a leader, then with one.
        CallRequest third = handler.nextRequest(26_000);
        assertThat(third.endpoint()).isEqualTo(BROKER_3);
        assertThat(handler.onResponse(third, BROKER_3, metadata(THREE_BROKERS, topic("t", id, 2, -1, List.of(1)))))
                .isInstanceOf(Step.Retry.class);
        assertThat(handler.onResponse(third, BROKER_3, metadata(THREE_BROKERS, topic("t", id, 2, 3, List.of(3)))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void waitsForThePartitionCountTheBrokerChoseWhenDefaulted() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(NewTopic.withBrokerDefaults("t")), false, true);
        CallRequest create = handler.nextRequest(30_000);
        handler.onResponse(create, BOOTSTRAP, createResponse(created("t", 4)));
        CallRequest meta = handler.nextRequest(30_000);

        Step<Void> partial = handler.onResponse(meta, BOOTSTRAP, metadata(new int[] {1}, topic("t", 3)));
        assertThat(partial).isInstanceOf(Step.Retry.class);
        assertThat(((Step.Retry<Void>) partial).reason()).hasMessageContaining("shows 3 of 4 partitions");
        assertThat(handler.onResponse(meta, BOOTSTRAP, metadata(new int[] {1}, topic("t", 4))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void validateOnlyCompletesWithoutWaitingForPropagation() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 1, (short) 1)), true, true);
        CallRequest create = handler.nextRequest(30_000);
        assertThat(handler.onResponse(create, BOOTSTRAP, createResponse(created("t", 1))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void withoutAwaitingPropagationCompletesOnCreation() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 1, (short) 1)), false, false);
        CallRequest create = handler.nextRequest(30_000);
        assertThat(handler.onResponse(create, BOOTSTRAP, createResponse(created("t", 1))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void aTopicErrorIsTypedAndNamesTopicCodeAndBrokerMessage() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 1, (short) 1)), false, true);
        CallRequest create = handler.nextRequest(30_000);

        Step<Void> step = handler.onResponse(create, BOOTSTRAP,
                createResponse(createFailed("t", Errors.TOPIC_ALREADY_EXISTS, "Topic 't' already exists.")));

        assertThat(step).isInstanceOf(Step.Failed.class);
        assertThat(((Step.Failed<Void>) step).error()).isInstanceOf(TopicExistsException.class)
                .hasMessage("createTopics of topic 't' failed with TOPIC_ALREADY_EXISTS (error code 36): "
                        + "Topic 't' already exists.");
    }

    @Test
    void withoutABrokerMessageTheCodesDefaultMessageIsUsed() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("t", 1, (short) 5)), false, true);
        CallRequest create = handler.nextRequest(30_000);
        Step<Void> step = handler.onResponse(create, BOOTSTRAP,
                createResponse(createFailed("t", Errors.INVALID_REPLICATION_FACTOR, null)));
        assertThat(((Step.Failed<Void>) step).error()).isInstanceOf(InvalidReplicationFactorException.class)
                .hasMessage("createTopics of topic 't' failed with INVALID_REPLICATION_FACTOR (error code 38): "
                        + Errors.INVALID_REPLICATION_FACTOR.defaultMessage());
    }

    @Test
    void createsTheOtherTopicsThenFailsWithErrorsInTheCallersOrder() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("a", 1, (short) 1),
                new NewTopic("b", 1, (short) 1), new NewTopic("c", 1, (short) 1)), false, true);
        CallRequest create = handler.nextRequest(30_000);
        // The broker answers in its own order.
        Step<Void> step = handler.onResponse(create, BOOTSTRAP, createResponse(
                createFailed("c", Errors.POLICY_VIOLATION, "no"), created("b", 1),
                createFailed("a", Errors.TOPIC_ALREADY_EXISTS, "exists")));
        assertThat(step).as("b still has to propagate").isInstanceOf(Step.SendNext.class);
        CallRequest meta = handler.nextRequest(30_000);
        assertThat(((MetadataRequest) meta.body()).topics()).extracting(MetadataRequest.MetadataRequestTopic::name)
                .containsExactly("b");

        Step<Void> end = handler.onResponse(meta, BOOTSTRAP, metadata(new int[] {1}, topic("b", 1)));

        PartialFailureException error = (PartialFailureException) ((Step.Failed<Void>) end).error();
        assertThat(error).hasMessage("createTopics failed for 2 of 3 resources: a: TOPIC_ALREADY_EXISTS (error "
                + "code 36); c: POLICY_VIOLATION (error code 44)");
        assertThat(error.failures(String.class).keySet()).containsExactly("a", "c");
        assertThat(error.failures().get("a")).isInstanceOf(TopicExistsException.class)
                .hasMessageContaining("topic 'a'").isSameAs(error.getCause());
        assertThat(error.failures().get("c")).isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("topic 'c'");
        assertThat(error.error("c")).isEqualTo(Errors.POLICY_VIOLATION);
        assertThat(error.succeeded()).containsExactly("b");
    }

    @Test
    void retriesOnlyTheTopicsWithRetriableErrors() {
        CreateTopicsHandler handler = new CreateTopicsHandler(
                List.of(new NewTopic("a", 1, (short) 1), new NewTopic("b", 1, (short) 1)), false, false);
        CallRequest create = handler.nextRequest(30_000);

        Step<Void> step = handler.onResponse(create, BOOTSTRAP, createResponse(created("a", 1),
                createFailed("b", Errors.THROTTLING_QUOTA_EXCEEDED, "slow down")));

        assertThat(step).isInstanceOf(Step.Retry.class);
        assertThat(((Step.Retry<Void>) step).reason()).hasMessageContaining("THROTTLING_QUOTA_EXCEEDED");
        CallRequest again = handler.nextRequest(20_000);
        assertThat(((CreateTopicsRequest) again.body()).topics())
                .extracting(CreateTopicsRequest.CreatableTopic::name).containsExactly("b");
        assertThat(handler.onResponse(again, BOOTSTRAP, createResponse(created("b", 1))))
                .isEqualTo(Step.done(null));
    }

    @Test
    void aTopicMissingFromTheResponseIsAskedAgain() {
        CreateTopicsHandler handler = new CreateTopicsHandler(
                List.of(new NewTopic("a", 1, (short) 1), new NewTopic("b", 1, (short) 1)), false, false);
        CallRequest create = handler.nextRequest(30_000);
        Step<Void> step = handler.onResponse(create, BOOTSTRAP, createResponse(created("a", 1)));
        assertThat(((Step.Retry<Void>) step).reason()).hasMessageContaining("did not answer for topic 'b'");
    }

    @Test
    void aTransportFailureIsRetriedUnlessFatal() {
        CreateTopicsHandler handler = new CreateTopicsHandler(List.of(new NewTopic("a", 1, (short) 1)), false, false);
        CallRequest create = handler.nextRequest(30_000);
        assertThat(handler.onFailure(create, BOOTSTRAP, new io.brook.common.errors.NetworkException("reset")))
                .isInstanceOf(Step.Retry.class);
        assertThat(handler.onFailure(create, BOOTSTRAP,
                new io.brook.common.errors.UnsupportedVersionException("old"))).isInstanceOf(Step.Failed.class);
    }

    @Test
    void rejectsDuplicateNamesAndEmptyInput() {
        assertThatThrownBy(() -> new CreateTopicsHandler(
                List.of(new NewTopic("a", 1, (short) 1), new NewTopic("a", 2, (short) 1)), false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("topic 'a' is listed twice");
        assertThatThrownBy(() -> new CreateTopicsHandler(List.of(), false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
