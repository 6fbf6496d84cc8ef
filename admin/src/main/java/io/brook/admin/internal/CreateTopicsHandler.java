package io.brook.admin.internal;

import io.brook.admin.NewTopic;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.CreateTopicsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code createTopics}: sends CreateTopics for the topics not yet settled until each was created or failed with a
 * non-retriable error, then (unless validating only or told not to) waits until every live broker reports the
 * created topics with a leader per partition. Once all are settled, a failed topic fails the call with its typed
 * error, or, when the call named several topics, with a {@link io.brook.admin.PartialFailureException} naming
 * each failed topic.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class CreateTopicsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "createTopics";

    private final boolean validateOnly;
    private final boolean awaitPropagation;
    /** Every topic, by name, in the caller's order. */
    private final Map<String, NewTopic> topics = new LinkedHashMap<>();
    private final ResourceResults<String, Void> results;
    /** Created topics and their partition count (-1 when unknown). */
    private final Map<String, Integer> created = new LinkedHashMap<>();
    private TopicPropagation propagation;

    /**
     * @param topics the topics; names must be unique
     * @throws IllegalArgumentException if two topics share a name
     */
    public CreateTopicsHandler(Collection<NewTopic> topics, boolean validateOnly, boolean awaitPropagation) {
        Objects.requireNonNull(topics, "topics");
        for (NewTopic topic : topics) {
            Objects.requireNonNull(topic, "topic");
            if (this.topics.putIfAbsent(topic.name(), topic) != null) {
                throw new IllegalArgumentException("topic '" + topic.name() + "' is listed twice");
            }
        }
        if (this.topics.isEmpty()) {
            throw new IllegalArgumentException("no topics to create");
        }
        this.results = new ResourceResults<>(CALL, this.topics.keySet());
        this.validateOnly = validateOnly;
        this.awaitPropagation = awaitPropagation && !validateOnly;
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        if (propagation != null) {
            return propagation.nextRequest();
        }
        List<CreateTopicsRequest.CreatableTopic> creatable = new ArrayList<>(results.pending().size());
        for (String name : results.pending()) {
            creatable.add(toCreatable(topics.get(name)));
        }
        CreateTopicsRequest body = CreateTopicsRequest.builder()
                .topics(creatable)
                .timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs))
                .validateOnly(validateOnly)
                .build();
        return CallRequest.toAnyBroker(body);
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (propagation != null) {
            return propagation.step(from, (MetadataResponse) response, results::finishWithNothing);
        }
        return onCreateResponse((CreateTopicsResponse) response);
    }

    private Step<Void> onCreateResponse(CreateTopicsResponse response) {
        Throwable retryReason = null;
        for (CreateTopicsResponse.CreatableTopicResult result : response.topics()) {
            if (!results.isPending(result.name())) {
                continue; // not asked for or settled already: nothing to learn
            }
            NewTopic topic = topics.get(result.name());
            Errors error = AdminErrors.forCode(result.errorCode());
            if (error == Errors.NONE) {
                results.succeed(result.name(), null);
                int partitions = topic.numPartitions() > 0 ? topic.numPartitions()
                        : !topic.replicaAssignments().isEmpty() ? topic.replicaAssignments().size()
                        : result.numPartitions();
                created.put(result.name(), partitions > 0 ? partitions : -1);
            } else {
                ApiException e = AdminErrors.forTopic(CALL, result.name(), error, result.errorMessage());
                if (error.isRetriable()) {
                    retryReason = e;
                } else {
                    results.fail(result.name(), e);
                }
            }
        }
        if (!results.allSettled()) {
            return Step.retry(retryReason != null ? retryReason : AdminErrors.waitingFor(
                    CALL + ": the broker did not answer for topic '" + results.pending().iterator().next() + "'"));
        }
        if (awaitPropagation && !created.isEmpty()) {
            propagation = TopicPropagation.created(CALL, created);
            return Step.sendNext();
        }
        return results.finishWithNothing();
    }

    private static CreateTopicsRequest.CreatableTopic toCreatable(NewTopic topic) {
        List<CreateTopicsRequest.CreatableTopicConfig> configs = new ArrayList<>(topic.configs().size());
        topic.configs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> configs.add(
                CreateTopicsRequest.CreatableTopicConfig.builder().name(e.getKey()).value(e.getValue()).build()));
        List<CreateTopicsRequest.CreatableReplicaAssignment> assignments = new ArrayList<>();
        topic.replicaAssignments().forEach((partition, brokers) -> assignments.add(
                CreateTopicsRequest.CreatableReplicaAssignment.builder().partitionIndex(partition).brokerIds(brokers)
                        .build()));
        return CreateTopicsRequest.CreatableTopic.builder()
                .name(topic.name())
                .assignments(assignments)
                .numPartitions(topic.numPartitions())
                .replicationFactor(topic.replicationFactor())
                .configs(configs)
                .build();
    }
}
