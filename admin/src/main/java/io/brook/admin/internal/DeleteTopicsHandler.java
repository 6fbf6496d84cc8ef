package io.brook.admin.internal;

import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.DeleteTopicsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code deleteTopics}: sends DeleteTopics (by name) for the topics not yet settled until each was deleted or failed
 * with a non-retriable error, then (unless told not to) waits until no live broker reports the deleted topics.
 * Once all are settled, a failed topic fails the call with its typed error, or, when the call named several
 * topics, with a {@link io.brook.admin.PartialFailureException} naming each failed topic.
 *
 * <p>A topic reported unknown after an attempt whose outcome is unknown (no response, or the broker timed out)
 * counts as deleted: that attempt most likely deleted it.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DeleteTopicsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "deleteTopics";

    private final boolean awaitPropagation;
    private final ResourceResults<String, Void> results;
    /** Topics a request may have deleted although no success was reported. */
    private final Set<String> maybeDeleted = new HashSet<>();
    /** Deleted topics and their ids (null when unknown). */
    private final Map<String, UUID> deleted = new LinkedHashMap<>();
    private TopicPropagation propagation;

    /** @param topics the topics, validated; duplicates are deleted once */
    public DeleteTopicsHandler(Collection<String> topics, boolean awaitPropagation) {
        Set<String> names = TopicNames.validateAll(topics);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no topics to delete");
        }
        this.results = new ResourceResults<>(CALL, names);
        this.awaitPropagation = awaitPropagation;
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
        List<DeleteTopicsRequest.DeleteTopicState> states = new ArrayList<>(results.pending().size());
        for (String name : results.pending()) {
            states.add(DeleteTopicsRequest.DeleteTopicState.builder().name(name).build());
        }
        DeleteTopicsRequest body = DeleteTopicsRequest.builder()
                .topics(states)
                .timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs))
                .build();
        return CallRequest.toAnyBroker(body).requiring(Capability.DELETE_TOPICS_BY_STATE);
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (propagation != null) {
            return propagation.step(from, (MetadataResponse) response, results::finishWithNothing);
        }
        return onDeleteResponse((DeleteTopicsResponse) response);
    }

    @Override
    public Step<Void> onFailure(CallRequest request, Endpoint to, Throwable error) {
        if (propagation == null && CallHandler.isRetriable(error)) {
            maybeDeleted.addAll(results.pending());
        }
        return SingleRequestHandler.super.onFailure(request, to, error);
    }

    private Step<Void> onDeleteResponse(DeleteTopicsResponse response) {
        Throwable retryReason = null;
        for (DeleteTopicsResponse.DeletableTopicResult result : response.responses()) {
            String name = result.name();
            if (name == null || !results.isPending(name)) {
                continue;
            }
            Errors error = AdminErrors.forCode(result.errorCode());
            if (error == Errors.NONE
                    || (error == Errors.UNKNOWN_TOPIC_OR_PARTITION && maybeDeleted.contains(name))) {
                results.succeed(name, null);
                deleted.put(name, error == Errors.NONE ? knownId(result.topicId()) : null);
            } else if (error == Errors.UNKNOWN_TOPIC_OR_PARTITION || !error.isRetriable()) {
                // Unknown topic is retriable elsewhere, but here it is the answer: the topic does not exist.
                results.fail(name, AdminErrors.forTopic(CALL, name, error, result.errorMessage()));
            } else {
                if (error == Errors.REQUEST_TIMED_OUT) {
                    maybeDeleted.add(name);
                }
                retryReason = AdminErrors.forTopic(CALL, name, error, result.errorMessage());
            }
        }
        if (!results.allSettled()) {
            return Step.retry(retryReason != null ? retryReason : AdminErrors.waitingFor(
                    CALL + ": the broker did not answer for topic '" + results.pending().iterator().next() + "'"));
        }
        if (awaitPropagation && !deleted.isEmpty()) {
            propagation = TopicPropagation.deleted(CALL, deleted);
            return Step.sendNext();
        }
        return results.finishWithNothing();
    }

    private static UUID knownId(UUID id) {
        return id == null || (id.getMostSignificantBits() == 0L && id.getLeastSignificantBits() == 0L) ? null : id;
    }
}
