package io.brook.admin.internal;

import io.brook.admin.OffsetSpec;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code resetConsumerGroupOffsets}: resolves each partition's {@link OffsetSpec} to an offset (ListOffsets from the
 * leaders, as {@code listOffsets}; a timestamp after the partition's last record resolves to the end of the log, as
 * Kafka's {@code kafka-consumer-groups --reset-offsets --to-datetime} does), then commits the offsets as
 * {@code alterConsumerGroupOffsets} does (the group must have no active member). A partition whose offset cannot be
 * resolved fails on its own and is not committed.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ResetConsumerGroupOffsetsHandler implements CallHandler<Void> {
    static final String CALL = "resetConsumerGroupOffsets";

    private final String groupId;
    private final ResourceResults<TopicPartition, Void> results;
    private final Map<TopicPartition, Long> resolved = new LinkedHashMap<>();
    /** The phase running now: resolving offsets (twice at most), then committing them. */
    private CallHandler<?> phase;
    private ListOffsetsHandler lookup;
    private boolean fellBackToLatest;
    private AlterConsumerGroupOffsetsHandler commit;

    /** @param specs per partition, the offset to reset to; not empty */
    public ResetConsumerGroupOffsetsHandler(String groupId, Map<TopicPartition, OffsetSpec> specs) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.lookup = new ListOffsetsHandler(CALL, specs, false);
        this.results = new ResourceResults<>(CALL, specs.keySet());
        this.phase = lookup;
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return phase.nextRequests(remainingMs);
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        return next(phase.onResponse(request, from, response));
    }

    @Override
    public Step<Void> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return next(phase.onFailure(request, to, error));
    }

    private Step<Void> next(Step<?> step) {
        if (phase == commit) {
            if (!commit.results().allSettled()) {
                return Step.relay(step);
            }
            commit.results().failures().forEach(results::fail);
            commit.results().succeeded().keySet().forEach(tp -> results.succeed(tp, null));
            return results.finishWithNothing();
        }
        if (!lookup.results().allSettled()) {
            return Step.relay(step);
        }
        lookup.results().failures().forEach(results::fail);
        Map<TopicPartition, OffsetSpec> beyondLastRecord = new LinkedHashMap<>();
        lookup.results().succeeded().forEach((tp, offset) -> {
            if (offset >= 0) {
                resolved.put(tp, offset);
            } else if (!fellBackToLatest) {
                beyondLastRecord.put(tp, OffsetSpec.latest());
            }
        });
        if (!beyondLastRecord.isEmpty()) {
            fellBackToLatest = true;
            lookup = new ListOffsetsHandler(CALL, beyondLastRecord, false);
            phase = lookup;
            return Step.sendNext();
        }
        if (resolved.isEmpty()) {
            return results.finishWithNothing();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        resolved.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        commit = new AlterConsumerGroupOffsetsHandler(CALL, groupId, offsets);
        phase = commit;
        return Step.sendNext();
    }
}
