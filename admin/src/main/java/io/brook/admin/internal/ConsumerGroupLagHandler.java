package io.brook.admin.internal;

import io.brook.admin.OffsetSpec;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code consumerGroupLag}: the group's committed offsets (OffsetFetch from its coordinator, as
 * {@code listConsumerGroupOffsets}), then the end offset of each committed partition (ListOffsets latest from the
 * leaders, as {@code listOffsets}; the last stable offset when {@code readCommitted}), in one call; lag is end
 * offset minus committed offset, per partition.
 *
 * <p>Only partitions with a committed offset are reported: a partition the group never committed has no position
 * to measure from (a new member starts where {@code auto.offset.reset} says), so it is absent rather than guessed.
 * A committed offset beyond the end offset (the log was truncated or deleted records) gives a negative lag, as
 * Kafka's own tools report it. A partition whose end offset cannot be read (its topic was deleted) fails on its own.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ConsumerGroupLagHandler implements CallHandler<Map<TopicPartition, Long>> {
    static final String CALL = "consumerGroupLag";

    private final ListConsumerGroupOffsetsHandler committedOffsets;
    private final boolean readCommitted;
    private Map<TopicPartition, OffsetAndMetadata> committed;
    private ListOffsetsHandler endOffsets;

    public ConsumerGroupLagHandler(String groupId, boolean readCommitted) {
        this.committedOffsets = new ListConsumerGroupOffsetsHandler(CALL, Objects.requireNonNull(groupId, "groupId"),
                false);
        this.readCommitted = readCommitted;
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return endOffsets == null ? committedOffsets.nextRequests(remainingMs) : endOffsets.nextRequests(remainingMs);
    }

    @Override
    public Step<Map<TopicPartition, Long>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (endOffsets == null) {
            return afterCommitted(committedOffsets.onResponse(request, from, response));
        }
        return afterEndOffsets(endOffsets.onResponse(request, from, response));
    }

    @Override
    public Step<Map<TopicPartition, Long>> onFailure(CallRequest request, Endpoint to, Throwable error) {
        if (endOffsets == null) {
            return afterCommitted(committedOffsets.onFailure(request, to, error));
        }
        return afterEndOffsets(endOffsets.onFailure(request, to, error));
    }

    private Step<Map<TopicPartition, Long>> afterCommitted(Step<Map<TopicPartition, OffsetAndMetadata>> step) {
        if (!(step instanceof Step.Done<Map<TopicPartition, OffsetAndMetadata>> done)) {
            return Step.relay(step);
        }
        committed = done.value();
        if (committed.isEmpty()) {
            return Step.done(Map.of());
        }
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        endOffsets = new ListOffsetsHandler(CALL, latest, readCommitted);
        return Step.sendNext();
    }

    private Step<Map<TopicPartition, Long>> afterEndOffsets(Step<Map<TopicPartition, Long>> step) {
        if (!endOffsets.results().allSettled()) {
            return step;
        }
        // Finished, or some partitions failed: report lags rather than end offsets for those that succeeded.
        return endOffsets.results()
                .mapValues((tp, end) -> end - committed.get(tp).offset())
                .finish(lags -> Collections.unmodifiableMap(new TreeMap<>(lags)), true);
    }
}
