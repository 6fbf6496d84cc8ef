package io.brook.admin.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.common.errors.BrookException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Routes a call's per-partition requests to the partitions' leaders (ListOffsets, DeleteRecords,
 * DescribeProducers): learns leaders with a Metadata request to any broker, groups the pending partitions by
 * leader, and forgets a partition's leader when the leader answers with a retriable error (it moved, or does not
 * know the partition yet), so that the next round asks the metadata again. A partition whose topic does not exist,
 * or whose index is beyond the topic's partition count, fails with UNKNOWN_TOPIC_OR_PARTITION.
 *
 * <p>Each round sends a Metadata request for the pending partitions without a known leader, if any, and one
 * request per leader for the others.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
final class PartitionLeaders {
    private final String call;
    private final Map<TopicPartition, Endpoint> leaders = new HashMap<>();
    /** The partitions each leader request of the current round carries. */
    private final Map<CallRequest, List<TopicPartition>> sent = new IdentityHashMap<>();

    PartitionLeaders(String call) {
        this.call = call;
    }

    /**
     * The requests of the next round.
     *
     * @param pending the partitions not yet settled
     * @param perLeader builds the request for the partitions one leader leads
     */
    List<CallRequest> nextRequests(Collection<TopicPartition> pending,
            BiFunction<Endpoint, List<TopicPartition>, CallRequest> perLeader) {
        sent.clear();
        List<CallRequest> requests = new ArrayList<>();
        Set<String> unroutedTopics = new TreeSet<>();
        Map<Endpoint, List<TopicPartition>> byLeader = new LinkedHashMap<>();
        for (TopicPartition tp : pending) {
            Endpoint leader = leaders.get(tp);
            if (leader == null) {
                unroutedTopics.add(tp.topic());
            } else {
                byLeader.computeIfAbsent(leader, l -> new ArrayList<>()).add(tp);
            }
        }
        if (!unroutedTopics.isEmpty()) {
            requests.add(MetadataRequests.forTopics(unroutedTopics, null));
        }
        byLeader.forEach((leader, partitions) -> {
            CallRequest request = perLeader.apply(leader, partitions);
            sent.put(request, List.copyOf(partitions));
            requests.add(request);
        });
        return requests;
    }

    /**
     * Learns the leaders of the pending partitions from {@code response}; fails those whose topic or index does not
     * exist, or whose topic the broker reports with a non-retriable error.
     *
     * @return the next step: {@code results}' last step if all settled, a retry if some partition still has no
     *     leader and no other was routed, else send the next round
     */
    <V, R> Step<R> onMetadata(MetadataResponse response, ResourceResults<TopicPartition, V> results,
            Supplier<Step<R>> whenSettled) {
        Map<Integer, Endpoint> brokers = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker b : response.brokers()) {
            brokers.put(b.nodeId(), new Endpoint(b.nodeId(), b.host(), b.port()));
        }
        Map<String, MetadataResponse.MetadataResponseTopic> topics = new HashMap<>();
        for (MetadataResponse.MetadataResponseTopic t : response.topics()) {
            if (t.name() != null) {
                topics.put(t.name(), t);
            }
        }
        BrookException waitingFor = null;
        boolean routed = false;
        for (TopicPartition tp : new LinkedHashSet<>(results.pending())) {
            if (leaders.containsKey(tp)) {
                continue;
            }
            MetadataResponse.MetadataResponseTopic topic = topics.get(tp.topic());
            String lacking = route(tp, topic, brokers, results);
            if (lacking == null) {
                routed |= leaders.containsKey(tp);
            } else {
                waitingFor = AdminErrors.waitingFor(call + ": " + lacking);
            }
        }
        if (results.allSettled()) {
            return whenSettled.get();
        }
        return waitingFor != null && !routed ? Step.retry(waitingFor) : Step.sendNext();
    }

    /** Routes or fails {@code tp}; returns what it still lacks (a reason to retry), or null. */
    private String route(TopicPartition tp, MetadataResponse.MetadataResponseTopic topic,
            Map<Integer, Endpoint> brokers, ResourceResults<TopicPartition, ?> results) {
        if (topic == null) {
            return "the broker did not report topic '" + tp.topic() + "'";
        }
        Errors topicError = AdminErrors.forCode(topic.errorCode());
        if (topicError == Errors.UNKNOWN_TOPIC_OR_PARTITION
                || (topicError != Errors.NONE && !topicError.isRetriable())) {
            results.fail(tp, AdminErrors.forPartition(call, tp, topicError, null));
            return null;
        }
        if (topicError != Errors.NONE) {
            return "topic '" + tp.topic() + "' is not usable yet (" + topicError.name() + ")";
        }
        for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
            if (p.partitionIndex() == tp.partition()) {
                Endpoint leader = brokers.get(p.leaderId());
                if (leader == null) {
                    return "partition " + tp + " has no leader right now";
                }
                leaders.put(tp, leader);
                return null;
            }
        }
        results.fail(tp, AdminErrors.forPartition(call, tp, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                "topic '" + tp.topic() + "' has " + topic.partitions().size() + " partitions"));
        return null;
    }

    /**
     * Applies a partition's error code from its leader: none succeeds it with {@code value}; a retriable code
     * forgets the leader and returns the error (the reason to retry); any other fails the partition.
     */
    <V> ApiException settle(ResourceResults<TopicPartition, V> results, TopicPartition tp, Errors error,
            String message, V value) {
        if (error == Errors.NONE) {
            results.succeed(tp, value);
            return null;
        }
        ApiException e = AdminErrors.forPartition(call, tp, error, message);
        if (error.isRetriable()) {
            leaders.remove(tp);
            return e;
        }
        results.fail(tp, e);
        return null;
    }

    /** The step after a leader's response: finished, a retry for {@code reason}, or the next round. */
    static <V, R> Step<R> after(ResourceResults<TopicPartition, V> results, Throwable reason,
            Supplier<Step<R>> whenSettled) {
        if (results.allSettled()) {
            return whenSettled.get();
        }
        return reason != null ? Step.retry(reason) : Step.sendNext();
    }

    /**
     * Why a partition {@code request} carried is still pending after its answer was applied (the answer left it
     * out), or null if none is: a reason to retry rather than to resend at once.
     */
    BrookException missingFromAnswer(CallRequest request, ResourceResults<TopicPartition, ?> results) {
        for (TopicPartition tp : sent.getOrDefault(request, List.of())) {
            if (results.isPending(tp)) {
                return AdminErrors.waitingFor(call + ": the leader did not answer for partition " + tp);
            }
        }
        return null;
    }

    /**
     * A leader request that got no answer: a retriable failure forgets the leaders of its partitions (the next
     * round looks them up again); an error a broker stands for (an unsupported version) fails its partitions; any
     * other fails the call.
     */
    <V, R> Step<R> onFailure(CallRequest request, Throwable error, ResourceResults<TopicPartition, V> results,
            Supplier<Step<R>> whenSettled) {
        List<TopicPartition> partitions = sent.getOrDefault(request, List.of());
        if (CallHandler.isRetriable(error)) {
            partitions.forEach(leaders::remove);
            return Step.retry(error);
        }
        if (error instanceof ApiException api && !partitions.isEmpty()) {
            for (TopicPartition tp : partitions) {
                results.fail(tp, AdminErrors.forPartition(call, tp, api.error(), api.getMessage()));
            }
            return after(results, null, whenSettled);
        }
        return Step.failed(error);
    }
}
