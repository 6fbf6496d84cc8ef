package io.brook.admin.internal;

import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.OffsetCommitRequest;
import io.brook.protocol.message.OffsetCommitResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code alterConsumerGroupOffsets}: OffsetCommit to the group's coordinator as an admin commit (no generation, no
 * member id), which the coordinator accepts only while the group has no active member (else UNKNOWN_MEMBER_ID).
 * Partitions answered with a retriable error are committed again; the others fail on their own. Also the last
 * step of offset resets, under their call name.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class AlterConsumerGroupOffsetsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "alterConsumerGroupOffsets";

    private final String callName;
    private final String groupId;
    private final Map<TopicPartition, OffsetAndMetadata> offsets;
    private final ResourceResults<TopicPartition, Void> results;

    /** @param offsets not empty */
    public AlterConsumerGroupOffsetsHandler(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        this(CALL, groupId, offsets);
    }

    AlterConsumerGroupOffsetsHandler(String callName, String groupId,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        this.callName = callName;
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.offsets = new LinkedHashMap<>(Objects.requireNonNull(offsets, "offsets"));
        this.offsets.forEach((tp, offset) -> {
            Objects.requireNonNull(tp, "partition");
            Objects.requireNonNull(offset, () -> "offset of " + tp);
        });
        this.results = new ResourceResults<>(callName, this.offsets.keySet());
    }

    @Override
    public String callName() {
        return callName;
    }

    /** Every partition's outcome so far: for calls that commit as their last step. */
    ResourceResults<TopicPartition, Void> results() {
        return results;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : results.pending()) {
            OffsetAndMetadata offset = offsets.get(tp);
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(OffsetCommitRequest
                    .OffsetCommitRequestPartition.builder().partitionIndex(tp.partition())
                    .committedOffset(offset.offset()).committedMetadata(offset.metadata()).build());
        }
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, parts) -> topics.add(
                OffsetCommitRequest.OffsetCommitRequestTopic.builder().name(topic).partitions(parts).build()));
        OffsetCommitRequest body = OffsetCommitRequest.builder().groupId(groupId).generationIdOrMemberEpoch(-1)
                .memberId("").topics(topics).build();
        return CallRequest.toCoordinator(CoordinatorKey.group(groupId), body);
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        ApiException reason = null;
        for (OffsetCommitResponse.OffsetCommitResponseTopic t : ((OffsetCommitResponse) response).topics()) {
            for (OffsetCommitResponse.OffsetCommitResponsePartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                if (!results.isPending(tp)) {
                    continue;
                }
                Errors error = AdminErrors.forCode(p.errorCode());
                if (error == Errors.NONE) {
                    results.succeed(tp, null);
                } else if (error.isRetriable()) {
                    reason = AdminErrors.forPartition(callName, tp, error, null);
                } else {
                    results.fail(tp, AdminErrors.forPartition(callName, tp, error, "group '" + groupId + "'"));
                }
            }
        }
        if (results.allSettled()) {
            return results.finishWithNothing();
        }
        return Step.retry(reason != null ? reason : AdminErrors.waitingFor(callName
                + ": the coordinator did not answer for partition " + results.pending().iterator().next()));
    }
}
