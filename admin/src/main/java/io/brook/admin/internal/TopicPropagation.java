package io.brook.admin.internal;

import io.brook.common.errors.BrookException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Waits until every live broker's metadata shows a set of topics as created (each partition with a leader) or as
 * deleted, so that a create or delete call completes only once any client talking to any broker sees its effect.
 *
 * <p>First asks any broker, which also tells the live brokers; then asks each broker not yet confirmed, directly.
 * A broker that is not up to date yet is asked again after a backoff. A topic the caller may not describe (its
 * metadata answers TOPIC_AUTHORIZATION_FAILED) cannot be watched, so it is not waited for.
 *
 * <p>Confined to the call that owns it (see {@link CallHandler}).
 */
final class TopicPropagation {
    private final String callName;
    /** Per topic, what each broker's metadata must show. */
    private final Map<String, Expected> topics;
    private final Set<Integer> confirmed = new HashSet<>();
    private List<Endpoint> brokers;

    /** What a broker's metadata must show for one topic. */
    sealed interface Expected {
        /**
         * Checks one broker's view.
         *
         * @param topic the broker's metadata of the topic, or {@code null} if it did not report it
         * @return {@code null} if the broker shows what is expected, else what it lacks
         */
        String lacking(MetadataResponse.MetadataResponseTopic topic);
    }

    /**
     * The topic exists with a leader for every partition.
     *
     * @param partitionCount the partition count expected, or -1 for any non-empty count
     */
    record Created(int partitionCount) implements Expected {
        @Override
        public String lacking(MetadataResponse.MetadataResponseTopic topic) {
            if (topic == null) {
                return "is not yet known";
            }
            Errors error = AdminErrors.forCode(topic.errorCode());
            if (error != Errors.NONE) {
                // A topic the caller may not describe (TOPIC_AUTHORIZATION_FAILED) can never be seen: not awaited.
                return error.isRetriable() ? "is not yet usable (" + error.name() + ")" : null;
            }
            int count = topic.partitions().size();
            if (count == 0 || (partitionCount > 0 && count != partitionCount)) {
                return "shows " + count + " of " + (partitionCount > 0 ? partitionCount : "its") + " partitions";
            }
            for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
                if (p.leaderId() < 0) {
                    return "has no leader yet for partition " + p.partitionIndex();
                }
            }
            return null;
        }
    }

    /**
     * The topic is gone.
     *
     * @param deletedId the id of the deleted topic, or {@code null} when unknown; a topic of the same name with
     *     another id was created since and counts as the deleted one being gone
     */
    record Deleted(UUID deletedId) implements Expected {
        @Override
        public String lacking(MetadataResponse.MetadataResponseTopic topic) {
            Errors error = topic == null ? Errors.NONE : AdminErrors.forCode(topic.errorCode());
            if (topic == null || error == Errors.UNKNOWN_TOPIC_OR_PARTITION
                    || (error != Errors.NONE && !error.isRetriable())) {
                // Gone, or hidden from the caller (not authorized to describe it): nothing more to wait for.
                return null;
            }
            boolean recreated = deletedId != null && topic.topicId() != null
                    && !topic.topicId().equals(new UUID(0L, 0L)) && !topic.topicId().equals(deletedId);
            return recreated ? null : "is still present";
        }
    }

    private TopicPropagation(String callName, Map<String, Expected> topics) {
        this.callName = callName;
        this.topics = topics;
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topics to wait for");
        }
    }

    /**
     * Waits for created topics.
     *
     * @param partitionCounts per topic, the partition count expected, or -1 when unknown (any non-empty count)
     */
    static TopicPropagation created(String callName, Map<String, Integer> partitionCounts) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        partitionCounts.forEach((topic, count) -> expected.put(topic, new Created(count)));
        return new TopicPropagation(callName, expected);
    }

    /**
     * Waits for deleted topics.
     *
     * @param topicIds per topic, the id of the deleted topic, or null when unknown
     */
    static TopicPropagation deleted(String callName, Map<String, UUID> topicIds) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        topicIds.forEach((topic, id) -> expected.put(topic, new Deleted(id)));
        return new TopicPropagation(callName, expected);
    }

    /** Whether every live broker confirmed. */
    boolean complete() {
        return brokers != null && confirmed.containsAll(brokerIds());
    }

    /** The next Metadata request: to any broker first, then to each broker not yet confirmed. */
    CallRequest nextRequest() {
        Endpoint target = null;
        if (brokers != null) {
            target = brokers.stream().filter(b -> !confirmed.contains(b.nodeId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("every broker confirmed already"));
        }
        return MetadataRequests.forTopics(topics.keySet(), target);
    }

    /**
     * Applies the metadata of the broker at {@code from}, as the call's next step: a retry while that broker lacks
     * something, the call's last step once every live broker confirmed, else the request to the next broker.
     */
    <T> Step<T> step(Endpoint from, MetadataResponse response, Supplier<Step<T>> whenComplete) {
        BrookException lacking = onResponse(from, response);
        if (lacking != null) {
            return Step.retry(lacking);
        }
        return complete() ? whenComplete.get() : Step.sendNext();
    }

    /**
     * Applies the metadata of the broker at {@code from}.
     *
     * @return null if that broker is up to date, else what it still lacks (the reason to retry)
     */
    BrookException onResponse(Endpoint from, MetadataResponse response) {
        List<Endpoint> live = new ArrayList<>();
        for (MetadataResponse.MetadataResponseBroker b : response.brokers()) {
            live.add(new Endpoint(b.nodeId(), b.host(), b.port()));
        }
        brokers = live;
        int answeredBy = identify(from, live);
        Map<String, MetadataResponse.MetadataResponseTopic> byName = new HashMap<>();
        for (MetadataResponse.MetadataResponseTopic t : response.topics()) {
            if (t.name() != null) {
                byName.put(t.name(), t);
            }
        }
        for (Map.Entry<String, Expected> e : topics.entrySet()) {
            String lacking = e.getValue().lacking(byName.get(e.getKey()));
            if (lacking != null) {
                return AdminErrors.waitingFor(callName + ": topic '" + e.getKey() + "' " + lacking + " on broker "
                        + (answeredBy >= 0 ? answeredBy : from.toString()));
            }
        }
        if (answeredBy >= 0) {
            confirmed.add(answeredBy);
        }
        return null;
    }

    /** The node id of the broker at {@code from}: its own if known, else the live broker at the same address. */
    private static int identify(Endpoint from, List<Endpoint> live) {
        if (from.nodeId() >= 0) {
            return from.nodeId();
        }
        for (Endpoint b : live) {
            if (b.port() == from.port() && b.host().equalsIgnoreCase(from.host())) {
                return b.nodeId();
            }
        }
        return -1;
    }

    private Set<Integer> brokerIds() {
        Set<Integer> ids = new HashSet<>();
        for (Endpoint b : Objects.requireNonNull(brokers)) {
            ids.add(b.nodeId());
        }
        return ids;
    }
}
