package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import io.brook.core.internal.metadata.BrokerNode;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.PartitionMetadata;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ListOffsetsResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One application lookup of offsets by timestamp ({@code beginningOffsets}, {@code endOffsets},
 * {@code offsetsForTimes}): ListOffsets to each partition's leader, retried per partition after a metadata
 * refresh when a leader moved or was not known, until the deadline. The result maps every asked partition to its
 * answer (offset -1 when no record matches the timestamp).
 *
 * <p>Confined to the background thread, which polls it; the future completes there.
 */
final class ListOffsetsCall {
    private final ConsumerSettings settings;
    private final MetadataManager metadata;
    private final RequestSender sender;
    private final Time time;
    private final Map<TopicPartition, Long> timestamps;
    private final long deadlineMs;
    private final Map<TopicPartition, OffsetRequests.Listed> done = new LinkedHashMap<>();
    private final Set<TopicPartition> inFlight = new HashSet<>();
    private final CompletableFuture<Map<TopicPartition, OffsetRequests.Listed>> result = new CompletableFuture<>();
    private long retryAtMs;
    private int attempts;
    private Throwable lastError;

    ListOffsetsCall(ConsumerSettings settings, MetadataManager metadata, RequestSender sender, Time time,
            Map<TopicPartition, Long> timestamps, long deadlineMs) {
        this.settings = settings;
        this.metadata = metadata;
        this.sender = sender;
        this.time = time;
        this.timestamps = Map.copyOf(timestamps);
        this.deadlineMs = deadlineMs;
        Set<String> topics = new HashSet<>();
        timestamps.keySet().forEach(tp -> topics.add(tp.topic()));
        metadata.addWantedTopics(topics);
        if (timestamps.isEmpty()) {
            result.complete(Map.of());
        }
    }

    CompletableFuture<Map<TopicPartition, OffsetRequests.Listed>> result() {
        return result;
    }

    boolean isDone() {
        return result.isDone();
    }

    /** Sends the lookups that are due. */
    void poll(long nowMs) {
        if (result.isDone()) {
            return;
        }
        if (nowMs >= deadlineMs && inFlight.isEmpty()) {
            result.completeExceptionally(new TimeoutException("Offset lookup of " + pending().keySet()
                    + " did not complete within the timeout" + (lastError == null ? "" : "; last error: "
                    + lastError)));
            return;
        }
        if (nowMs < retryAtMs) {
            return;
        }
        ClusterSnapshot snapshot = metadata.snapshot();
        Map<Integer, Map<TopicPartition, OffsetRequests.Lookup>> byLeader = new HashMap<>();
        boolean unknownLeader = false;
        for (Map.Entry<TopicPartition, Long> e : pending().entrySet()) {
            if (inFlight.contains(e.getKey())) {
                continue;
            }
            PartitionMetadata pm = snapshot.partition(e.getKey()).orElse(null);
            if (pm == null || !pm.hasLeader() || snapshot.broker(pm.leaderId()).isEmpty()) {
                unknownLeader = true;
                continue;
            }
            byLeader.computeIfAbsent(pm.leaderId(), n -> new LinkedHashMap<>()).put(e.getKey(),
                    new OffsetRequests.Lookup(e.getValue(), pm.leaderEpoch()));
        }
        if (unknownLeader) {
            metadata.requestUpdate();
            retryAtMs = nowMs + settings.retryBackoff().backoffMs(Math.min(attempts++, 10));
        }
        byLeader.forEach((node, lookups) -> send(snapshot.broker(node).map(BrokerNode::endpoint).orElseThrow(),
                lookups));
    }

    private Map<TopicPartition, Long> pending() {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        timestamps.forEach((tp, ts) -> {
            if (!done.containsKey(tp)) {
                out.put(tp, ts);
            }
        });
        return out;
    }

    private void send(Endpoint endpoint, Map<TopicPartition, OffsetRequests.Lookup> lookups) {
        inFlight.addAll(lookups.keySet());
        sender.<ListOffsetsResponse>send(endpoint, OffsetRequests.listOffsets(settings.isolationLevel(), lookups))
                .whenComplete((response, error) -> {
                    inFlight.removeAll(lookups.keySet());
                    long nowMs = time.monotonicMs();
                    if (error != null) {
                        Throwable cause = Futures.unwrap(error);
                        lastError = cause;
                        if (cause instanceof NetworkException || cause instanceof TimeoutException) {
                            metadata.brokerFailed(endpoint);
                        }
                        retryAtMs = nowMs + settings.retryBackoff().backoffMs(Math.min(attempts++, 10));
                        return;
                    }
                    answered(OffsetRequests.listOffsetsResult(response), nowMs);
                });
    }

    private void answered(Map<TopicPartition, OffsetRequests.Listed> answers, long nowMs) {
        for (Map.Entry<TopicPartition, OffsetRequests.Listed> e : answers.entrySet()) {
            if (!timestamps.containsKey(e.getKey())) {
                continue;
            }
            Errors error = e.getValue().error();
            if (error == Errors.NONE) {
                done.put(e.getKey(), e.getValue());
            } else if (error.isRetriable() || MetadataManager.invalidates(error)) {
                lastError = error.exception();
                metadata.invalidate(error);
                retryAtMs = nowMs + settings.retryBackoff().backoffMs(Math.min(attempts++, 10));
            } else {
                BrookException failure = error.exception("Offset lookup of " + e.getKey() + " failed: " + error);
                result.completeExceptionally(failure);
                return;
            }
        }
        if (done.size() == timestamps.size()) {
            result.complete(Map.copyOf(done));
        }
    }

    /** When {@link #poll} has something to do next. */
    long nextDeadlineMs() {
        return result.isDone() ? Long.MAX_VALUE : Math.min(deadlineMs, retryAtMs);
    }
}
