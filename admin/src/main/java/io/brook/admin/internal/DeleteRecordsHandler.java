package io.brook.admin.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.DeleteRecordsRequest;
import io.brook.protocol.message.DeleteRecordsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code deleteRecords}: asks each partition's leader to move the partition's log start offset up to the given
 * offset (DeleteRecords, one request per leader), and reports each partition's new low watermark. A partition
 * whose leader moved is looked up again; an offset beyond the high watermark fails that partition with
 * OFFSET_OUT_OF_RANGE.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DeleteRecordsHandler implements CallHandler<Map<TopicPartition, Long>> {
    static final String CALL = "deleteRecords";
    /** The offset that means "up to the high watermark". */
    public static final long HIGH_WATERMARK = -1L;

    private final Map<TopicPartition, Long> beforeOffsets;
    private final ResourceResults<TopicPartition, Long> results;
    private final PartitionLeaders leaders = new PartitionLeaders(CALL);

    /**
     * @param beforeOffsets per partition, the offset before which records are deleted ({@code >= 0}, or -1 for the
     *     high watermark); not empty
     * @throws IllegalArgumentException if an offset is below -1
     */
    public DeleteRecordsHandler(Map<TopicPartition, Long> beforeOffsets) {
        this.beforeOffsets = new LinkedHashMap<>(Objects.requireNonNull(beforeOffsets, "beforeOffsets"));
        this.beforeOffsets.forEach((tp, offset) -> {
            Objects.requireNonNull(tp, "partition");
            Objects.requireNonNull(offset, () -> "offset of " + tp);
            if (offset < HIGH_WATERMARK) {
                throw new IllegalArgumentException("offset of " + tp + " must be >= 0 (or -1 for the high "
                        + "watermark): " + offset);
            }
        });
        this.results = new ResourceResults<>(CALL, this.beforeOffsets.keySet());
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, remainingMs);
        return leaders.nextRequests(results.pending(), (leader, partitions) -> request(leader, partitions, timeoutMs));
    }

    private CallRequest request(Endpoint leader, List<TopicPartition> partitions, int timeoutMs) {
        Map<String, List<DeleteRecordsRequest.DeleteRecordsPartition>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(DeleteRecordsRequest
                    .DeleteRecordsPartition.builder().partitionIndex(tp.partition()).offset(beforeOffsets.get(tp))
                    .build());
        }
        List<DeleteRecordsRequest.DeleteRecordsTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, parts) -> topics.add(
                DeleteRecordsRequest.DeleteRecordsTopic.builder().name(topic).partitions(parts).build()));
        return CallRequest.toBroker(leader,
                DeleteRecordsRequest.builder().topics(topics).timeoutMs(timeoutMs).build());
    }

    @Override
    public Step<Map<TopicPartition, Long>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            return leaders.onMetadata(metadata, results, results::finishWithMap);
        }
        ApiException reason = null;
        for (DeleteRecordsResponse.DeleteRecordsTopicResult topic : ((DeleteRecordsResponse) response).topics()) {
            for (DeleteRecordsResponse.DeleteRecordsPartitionResult p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                if (results.isPending(tp)) {
                    ApiException retry = leaders.settle(results, tp, AdminErrors.forCode(p.errorCode()), null,
                            p.lowWatermark());
                    reason = retry != null ? retry : reason;
                }
            }
        }
        Throwable missing = leaders.missingFromAnswer(request, results);
        return PartitionLeaders.after(results, reason != null ? reason : missing, results::finishWithMap);
    }

    @Override
    public Step<Map<TopicPartition, Long>> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return leaders.onFailure(request, error, results, results::finishWithMap);
    }
}
