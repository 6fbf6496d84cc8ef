package io.brook.admin.internal;

import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code describeTopics}: asks any broker for the metadata of the topics (never auto-creating them). A topic
 * reported with a retriable error (typically LEADER_NOT_AVAILABLE while it is being created) is asked again; an
 * unknown topic, or any other non-retriable error, fails the call at once: it only reads, so there is nothing to
 * settle.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeTopicsHandler implements SingleRequestHandler<Map<String, TopicDescription>> {
    static final String CALL = "describeTopics";

    private final List<String> topics;
    private final Set<String> pending;
    private final Map<String, TopicDescription> described = new LinkedHashMap<>();

    /** @param topics the topics, validated; duplicates are described once */
    public DescribeTopicsHandler(Collection<String> topics) {
        this.pending = new LinkedHashSet<>(TopicNames.validateAll(topics));
        if (pending.isEmpty()) {
            throw new IllegalArgumentException("no topics to describe");
        }
        this.topics = List.copyOf(pending);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        return MetadataRequests.forTopics(pending, null);
    }

    @Override
    public Step<Map<String, TopicDescription>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        MetadataResponse metadata = (MetadataResponse) response;
        Errors topLevel = AdminErrors.forCode(metadata.errorCode());
        if (topLevel != Errors.NONE) {
            ApiException e = AdminErrors.forCall(CALL, topLevel, null);
            return topLevel.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        Map<String, ApiException> failed = new LinkedHashMap<>();
        ApiException retryReason = null;
        for (MetadataResponse.MetadataResponseTopic topic : metadata.topics()) {
            String name = topic.name();
            if (name == null || !pending.contains(name)) {
                continue;
            }
            Errors error = AdminErrors.forCode(topic.errorCode());
            if (error == Errors.NONE) {
                pending.remove(name);
                described.put(name, toDescription(topic));
            } else if (error == Errors.UNKNOWN_TOPIC_OR_PARTITION || !error.isRetriable()) {
                failed.put(name, AdminErrors.forTopic(CALL, name, error, null));
            } else {
                retryReason = AdminErrors.forTopic(CALL, name, error, null);
            }
        }
        if (!failed.isEmpty()) {
            List<ApiException> inOrder = new ArrayList<>();
            for (String name : topics) {
                if (failed.containsKey(name)) {
                    inOrder.add(failed.get(name));
                }
            }
            return Step.failed(AdminErrors.combine(inOrder));
        }
        if (!pending.isEmpty()) {
            return Step.retry(retryReason != null ? retryReason : AdminErrors.waitingFor(
                    CALL + ": the broker did not answer for topic '" + pending.iterator().next() + "'"));
        }
        Map<String, TopicDescription> result = new LinkedHashMap<>();
        for (String name : topics) {
            result.put(name, described.get(name));
        }
        return Step.done(Collections.unmodifiableMap(result));
    }

    private static TopicDescription toDescription(MetadataResponse.MetadataResponseTopic topic) {
        List<PartitionInfo> partitions = new ArrayList<>(topic.partitions().size());
        for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
            int leader = p.leaderId() >= 0 ? p.leaderId() : PartitionInfo.NO_LEADER;
            partitions.add(new PartitionInfo(p.partitionIndex(), leader, p.replicaNodes(), p.isrNodes()));
        }
        UUID id = topic.topicId();
        boolean knownId = id != null && (id.getMostSignificantBits() != 0L || id.getLeastSignificantBits() != 0L);
        return new TopicDescription(topic.name(), partitions, knownId ? id : null, topic.isInternal());
    }
}
