package io.brook.admin.internal;

import io.brook.common.errors.BrookException;
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

/**
 * Waits until every live broker's metadata shows a set of topics as created (each partition with a leader) or as
 * deleted, so that a create or delete call completes only once any client talking to any broker sees its effect.
 *
 * <p>First asks any broker, which also tells the live brokers; then asks each broker not yet confirmed, directly.
 * A broker that is not up to date yet is asked again after a backoff.
 *
 * <p>Confined to the call that owns it (see {@link AdminHandler}).
 */
final class TopicPropagation {
    private final String callName;
    private final boolean expectPresent;
    /** Present: the partition count expected, or -1 for any. Absent: the deleted topic id, or null. */
    private final Map<String, Object> topics;
    private final Set<Integer> confirmed = new HashSet<>();
    private List<Endpoint> brokers;

    private TopicPropagation(String callName, boolean expectPresent, Map<String, Object> topics) {
        this.callName = callName;
        this.expectPresent = expectPresent;
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
        return new TopicPropagation(callName, true, new LinkedHashMap<>(partitionCounts));
    }

    /**
     * Waits for deleted topics.
     *
     * @param topicIds per topic, the id of the deleted topic, or null when unknown; a topic of the same name with
     *     another id was created since and counts as the deleted one being gone
     */
    static TopicPropagation deleted(String callName, Map<String, UUID> topicIds) {
        return new TopicPropagation(callName, false, new LinkedHashMap<>(topicIds));
    }

    /** Whether every live broker confirmed. */
    boolean complete() {
        return brokers != null && confirmed.containsAll(brokerIds());
    }

    /** The next Metadata request: to any broker first, then to each broker not yet confirmed. */
    AdminRequest nextRequest() {
        Endpoint target = null;
        if (brokers != null) {
            target = brokers.stream().filter(b -> !confirmed.contains(b.nodeId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("every broker confirmed already"));
        }
        return MetadataRequests.forTopics(topics.keySet(), target);
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
        for (Map.Entry<String, Object> e : topics.entrySet()) {
            String lacking = expectPresent
                    ? lacksCreated(byName.get(e.getKey()), (Integer) e.getValue())
                    : lacksDeleted(byName.get(e.getKey()), (UUID) e.getValue());
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

    private static String lacksCreated(MetadataResponse.MetadataResponseTopic topic, int expectedPartitions) {
        if (topic == null) {
            return "is not yet known";
        }
        Errors error = AdminErrors.forCode(topic.errorCode());
        if (error != Errors.NONE) {
            return "is not yet usable (" + error.name() + ")";
        }
        int count = topic.partitions().size();
        if (count == 0 || (expectedPartitions > 0 && count != expectedPartitions)) {
            return "shows " + count + " of " + (expectedPartitions > 0 ? expectedPartitions : "its") + " partitions";
        }
        for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
            if (p.leaderId() < 0) {
                return "has no leader yet for partition " + p.partitionIndex();
            }
        }
        return null;
    }

    private static String lacksDeleted(MetadataResponse.MetadataResponseTopic topic, UUID deletedId) {
        if (topic == null || AdminErrors.forCode(topic.errorCode()) == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
            return null;
        }
        boolean recreated = deletedId != null && topic.topicId() != null
                && !topic.topicId().equals(new UUID(0L, 0L)) && !topic.topicId().equals(deletedId);
        return recreated ? null : "is still present";
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
