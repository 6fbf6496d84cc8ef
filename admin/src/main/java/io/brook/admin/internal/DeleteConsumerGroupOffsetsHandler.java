package io.brook.admin.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.OffsetDeleteRequest;
import io.brook.protocol.message.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code deleteConsumerGroupOffsets}: OffsetDelete to the group's coordinator. A group-level error (no such group,
 * not authorized) fails every partition; a partition the group still consumes fails with
 * GROUP_SUBSCRIBED_TO_TOPIC on its own.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class DeleteConsumerGroupOffsetsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "deleteConsumerGroupOffsets";

    private final String groupId;
    private final ResourceResults<TopicPartition, Void> results;

    /** @param partitions not empty */
    public DeleteConsumerGroupOffsetsHandler(String groupId, Collection<TopicPartition> partitions) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.results = new ResourceResults<>(CALL, partitions);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        Map<String, List<OffsetDeleteRequest.OffsetDeleteRequestPartition>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : results.pending()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
                    OffsetDeleteRequest.OffsetDeleteRequestPartition.builder().partitionIndex(tp.partition()).build());
        }
        List<OffsetDeleteRequest.OffsetDeleteRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, parts) -> topics.add(
                OffsetDeleteRequest.OffsetDeleteRequestTopic.builder().name(topic).partitions(parts).build()));
        return CallRequest.toCoordinator(CoordinatorKey.group(groupId),
                OffsetDeleteRequest.builder().groupId(groupId).topics(topics).build());
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        OffsetDeleteResponse deleted = (OffsetDeleteResponse) response;
        Errors groupError = AdminErrors.forCode(deleted.errorCode());
        if (groupError != Errors.NONE) {
            ApiException e = AdminErrors.forGroup(CALL, groupId, groupError, null);
            if (groupError.isRetriable()) {
                return Step.retry(e);
            }
            results.failPending(e);
            return results.finishWithNothing();
        }
        ApiException reason = null;
        for (OffsetDeleteResponse.OffsetDeleteResponseTopic t : deleted.topics()) {
            for (OffsetDeleteResponse.OffsetDeleteResponsePartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                Errors error = AdminErrors.forCode(p.errorCode());
                if (!results.isPending(tp)) {
                    continue;
                }
                if (error == Errors.NONE) {
                    results.succeed(tp, null);
                } else if (error.isRetriable()) {
                    reason = AdminErrors.forPartition(CALL, tp, error, null);
                } else {
                    results.fail(tp, AdminErrors.forPartition(CALL, tp, error, "group '" + groupId + "'"));
                }
            }
        }
        if (results.allSettled()) {
            return results.finishWithNothing();
        }
        return Step.retry(reason != null ? reason : AdminErrors.waitingFor(CALL
                + ": the coordinator did not answer for partition " + results.pending().iterator().next()));
    }
}
