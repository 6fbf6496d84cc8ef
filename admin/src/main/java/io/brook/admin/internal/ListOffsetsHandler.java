package io.brook.admin.internal;

import io.brook.admin.OffsetSpec;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code listOffsets}: asks each partition's leader for the offset its {@link OffsetSpec} names (ListOffsets,
 * replica id -1, one request per leader), learning leaders through {@link PartitionLeaders}. A partition whose
 * leader moved is looked up again; an unknown topic or partition fails that partition only. Also the second half
 * of {@code consumerGroupLag} and of offset resets, under their own call names.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ListOffsetsHandler implements CallHandler<Map<TopicPartition, Long>> {
    static final String CALL = "listOffsets";
    /** The ListOffsets timestamps that stand for positions rather than times. */
    static final long LATEST = -1L;
    static final long EARLIEST = -2L;
    static final long MAX_TIMESTAMP = -3L;

    private final String callName;
    private final Map<TopicPartition, OffsetSpec> specs;
    private final boolean readCommitted;
    private final ResourceResults<TopicPartition, Long> results;
    private final PartitionLeaders leaders;

    /** @param specs per partition, the offset to look up; not empty */
    public ListOffsetsHandler(Map<TopicPartition, OffsetSpec> specs, boolean readCommitted) {
        this(CALL, specs, readCommitted);
    }

    ListOffsetsHandler(String callName, Map<TopicPartition, OffsetSpec> specs, boolean readCommitted) {
        this.callName = callName;
        this.specs = new LinkedHashMap<>(Objects.requireNonNull(specs, "specs"));
        this.specs.forEach((tp, spec) -> {
            Objects.requireNonNull(tp, "partition");
            Objects.requireNonNull(spec, () -> "offset spec of " + tp);
        });
        this.readCommitted = readCommitted;
        this.results = new ResourceResults<>(callName, this.specs.keySet());
        this.leaders = new PartitionLeaders(callName);
    }

    @Override
    public String callName() {
        return callName;
    }

    /** Every partition's outcome so far: for calls that build on the offsets. */
    ResourceResults<TopicPartition, Long> results() {
        return results;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return leaders.nextRequests(results.pending(), this::request);
    }

    private CallRequest request(Endpoint leader, List<TopicPartition> partitions) {
        Map<String, List<ListOffsetsRequest.ListOffsetsPartition>> byTopic = new LinkedHashMap<>();
        boolean maxTimestamp = false;
        for (TopicPartition tp : partitions) {
            OffsetSpec spec = specs.get(tp);
            maxTimestamp |= spec instanceof OffsetSpec.MaxTimestamp;
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(ListOffsetsRequest.ListOffsetsPartition
                    .builder().partitionIndex(tp.partition()).timestamp(timestamp(spec)).build());
        }
        List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, parts) -> topics.add(
                ListOffsetsRequest.ListOffsetsTopic.builder().name(topic).partitions(parts).build()));
        ListOffsetsRequest body = ListOffsetsRequest.builder().replicaId(-1)
                .isolationLevel((byte) (readCommitted ? 1 : 0)).topics(topics).build();
        RequestBuilder request = RequestBuilder.of(body);
        if (readCommitted) {
            request = request.requiring(Capability.LIST_OFFSETS_ISOLATION_LEVEL);
        }
        if (maxTimestamp) {
            request = request.requiring(Capability.LIST_OFFSETS_MAX_TIMESTAMP);
        }
        return CallRequest.toBroker(leader, request);
    }

    private static long timestamp(OffsetSpec spec) {
        if (spec instanceof OffsetSpec.ForTimestamp t) {
            return t.timestamp();
        }
        if (spec instanceof OffsetSpec.Earliest) {
            return EARLIEST;
        }
        return spec instanceof OffsetSpec.MaxTimestamp ? MAX_TIMESTAMP : LATEST;
    }

    @Override
    public Step<Map<TopicPartition, Long>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            return leaders.onMetadata(metadata, results, results::finishWithMap);
        }
        ApiException reason = null;
        for (ListOffsetsResponse.ListOffsetsTopicResponse topic : ((ListOffsetsResponse) response).topics()) {
            for (ListOffsetsResponse.ListOffsetsPartitionResponse p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                if (!results.isPending(tp)) {
                    continue;
                }
                ApiException retry = leaders.settle(results, tp, AdminErrors.forCode(p.errorCode()), null,
                        p.offset());
                reason = retry != null ? retry : reason;
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
