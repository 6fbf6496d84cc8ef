package io.brook.admin.internal;

import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code listConsumerGroupOffsets}: OffsetFetch for every partition the group committed (a null topic list) from
 * the group's coordinator. Partitions without a committed offset are left out. Coordinator errors are retried (the
 * driver looks the coordinator up again on NOT_COORDINATOR); a partition the broker reports with an error fails
 * that partition only. Also the first half of {@code consumerGroupLag}, under that call's name.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class ListConsumerGroupOffsetsHandler
        implements SingleRequestHandler<Map<TopicPartition, OffsetAndMetadata>> {
    static final String CALL = "listConsumerGroupOffsets";

    private final String callName;
    private final String groupId;
    private final boolean requireStable;

    public ListConsumerGroupOffsetsHandler(String groupId, boolean requireStable) {
        this(CALL, groupId, requireStable);
    }

    ListConsumerGroupOffsetsHandler(String callName, String groupId, boolean requireStable) {
        this.callName = callName;
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.requireStable = requireStable;
    }

    @Override
    public String callName() {
        return callName;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        RequestBuilder request = RequestBuilder.of(ApiKey.OFFSET_FETCH, this::body)
                .requiring(Capability.OFFSET_FETCH_ALL_TOPICS);
        if (requireStable) {
            request = request.requiring(Capability.OFFSET_FETCH_REQUIRE_STABLE);
        }
        return CallRequest.toCoordinator(CoordinatorKey.group(groupId), request);
    }

    private ApiMessage body(short version) {
        if (Capability.OFFSET_FETCH_GROUPS.at(version)) {
            return OffsetFetchRequest.builder().groups(List.of(OffsetFetchRequest.OffsetFetchRequestGroup.builder()
                    .groupId(groupId).topics(null).build())).requireStable(requireStable).build();
        }
        return OffsetFetchRequest.builder().groupId(groupId).topics(null).requireStable(requireStable).build();
    }

    /** One committed partition as either layout of the response reports it. */
    private record Committed(String topic, int partition, long offset, String metadata, short errorCode) {}

    @Override
    public Step<Map<TopicPartition, OffsetAndMetadata>> onResponse(CallRequest request, Endpoint from,
            ApiMessage response) {
        OffsetFetchResponse fetched = (OffsetFetchResponse) response;
        List<Committed> committed = new ArrayList<>();
        short groupError = flatten(fetched, committed);
        Errors error = AdminErrors.forCode(groupError);
        if (error != Errors.NONE) {
            ApiException e = AdminErrors.forGroup(callName, groupId, error, null);
            return error.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        ApiException retry = null;
        List<TopicPartition> partitions = new ArrayList<>();
        for (Committed c : committed) {
            partitions.add(new TopicPartition(c.topic(), c.partition()));
            Errors partitionError = AdminErrors.forCode(c.errorCode());
            if (partitionError.isRetriable()) {
                retry = AdminErrors.forPartition(callName, partitions.get(partitions.size() - 1), partitionError,
                        null);
            }
        }
        if (retry != null) {
            // UNSTABLE_OFFSET_COMMIT (with requireStable), or the coordinator still loading: ask again.
            return Step.retry(retry);
        }
        if (partitions.isEmpty()) {
            return Step.done(Map.of());
        }
        ResourceResults<TopicPartition, OffsetAndMetadata> results = new ResourceResults<>(callName, partitions);
        for (int i = 0; i < committed.size(); i++) {
            Committed c = committed.get(i);
            Errors partitionError = AdminErrors.forCode(c.errorCode());
            if (partitionError != Errors.NONE) {
                results.fail(partitions.get(i), AdminErrors.forPartition(callName, partitions.get(i), partitionError,
                        null));
            } else if (c.offset() >= 0) {
                results.succeed(partitions.get(i), new OffsetAndMetadata(c.offset(), c.metadata()));
            } else {
                // No committed offset for this partition: not part of the answer.
                results.succeed(partitions.get(i), null);
            }
        }
        return results.finish(values -> {
            Map<TopicPartition, OffsetAndMetadata> sorted = new TreeMap<>();
            values.forEach((tp, offset) -> {
                if (offset != null) {
                    sorted.put(tp, offset);
                }
            });
            return Collections.unmodifiableMap(sorted);
        }, true);
    }

    /** Collects the partitions of either response layout; returns the group's (or top-level) error code. */
    private short flatten(OffsetFetchResponse response, List<Committed> out) {
        if (!response.groups().isEmpty()) {
            for (OffsetFetchResponse.OffsetFetchResponseGroup g : response.groups()) {
                if (!groupId.equals(g.groupId())) {
                    continue;
                }
                for (OffsetFetchResponse.OffsetFetchResponseTopics t : g.topics()) {
                    for (OffsetFetchResponse.OffsetFetchResponsePartitions p : t.partitions()) {
                        out.add(new Committed(t.name(), p.partitionIndex(), p.committedOffset(), p.metadata(),
                                p.errorCode()));
                    }
                }
                return g.errorCode();
            }
            return Errors.UNKNOWN_SERVER_ERROR.code();
        }
        for (OffsetFetchResponse.OffsetFetchResponseTopic t : response.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartition p : t.partitions()) {
                out.add(new Committed(t.name(), p.partitionIndex(), p.committedOffset(), p.metadata(),
                        p.errorCode()));
            }
        }
        return response.errorCode();
    }
}
