package io.brook.admin.internal;

import io.brook.admin.Config;
import io.brook.admin.ConfigResource;
import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code describeTopics}: asks any broker for the metadata of the topics (never auto-creating them), then, if asked
 * for, the configuration of those described (DescribeConfigs, as {@code describeConfigs}). A topic reported with a
 * retriable error (typically LEADER_NOT_AVAILABLE while it is being created) is asked again; an unknown topic, or
 * any other non-retriable error, fails that topic only.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeTopicsHandler implements CallHandler<Map<String, TopicDescription>> {
    static final String CALL = "describeTopics";

    private final boolean includeConfigs;
    private final ResourceResults<String, TopicDescription> results;
    private DescribeConfigsHandler configs;

    /** @param topics the topics, validated; duplicates are described once */
    public DescribeTopicsHandler(Collection<String> topics) {
        this(topics, false);
    }

    /**
     * @param topics the topics, validated; duplicates are described once
     * @param includeConfigs also describe each topic's configuration
     */
    public DescribeTopicsHandler(Collection<String> topics, boolean includeConfigs) {
        Set<String> names = TopicNames.validateAll(topics);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no topics to describe");
        }
        this.results = new ResourceResults<>(CALL, names);
        this.includeConfigs = includeConfigs;
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        if (configs != null) {
            return configs.nextRequests(remainingMs);
        }
        return List.of(MetadataRequests.forTopics(results.pending(), null));
    }

    @Override
    public Step<Map<String, TopicDescription>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (configs != null) {
            return afterConfigs(configs.onResponse(request, from, response));
        }
        MetadataResponse metadata = (MetadataResponse) response;
        Errors topLevel = AdminErrors.forCode(metadata.errorCode());
        if (topLevel != Errors.NONE) {
            ApiException e = AdminErrors.forCall(CALL, topLevel, null);
            return topLevel.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        ApiException retryReason = null;
        for (MetadataResponse.MetadataResponseTopic topic : metadata.topics()) {
            String name = topic.name();
            if (name == null || !results.isPending(name)) {
                continue;
            }
            Errors error = AdminErrors.forCode(topic.errorCode());
            if (error == Errors.NONE) {
                results.succeed(name, toDescription(topic));
            } else if (error == Errors.UNKNOWN_TOPIC_OR_PARTITION || !error.isRetriable()) {
                results.fail(name, AdminErrors.forTopic(CALL, name, error, null));
            } else {
                retryReason = AdminErrors.forTopic(CALL, name, error, null);
            }
        }
        if (!results.allSettled()) {
            return Step.retry(retryReason != null ? retryReason : AdminErrors.waitingFor(
                    CALL + ": the broker did not answer for topic '" + results.pending().iterator().next() + "'"));
        }
        if (includeConfigs && !results.succeeded().isEmpty()) {
            List<ConfigResource> described = results.succeeded().keySet().stream().map(ConfigResource::topic)
                    .toList();
            configs = new DescribeConfigsHandler(CALL, described, false, false);
            return Step.sendNext();
        }
        return results.finishWithMap();
    }

    @Override
    public Step<Map<String, TopicDescription>> onFailure(CallRequest request, Endpoint to, Throwable error) {
        if (configs != null) {
            return afterConfigs(configs.onFailure(request, to, error));
        }
        return CallHandler.super.onFailure(request, to, error);
    }

    private Step<Map<String, TopicDescription>> afterConfigs(Step<Map<ConfigResource, Config>> step) {
        ResourceResults<ConfigResource, Config> described = configs.results();
        if (!described.allSettled()) {
            return Step.relay(step);
        }
        // A topic whose configuration could not be read (deleted meanwhile) fails; the others get theirs.
        ResourceResults<String, TopicDescription> withConfigs = results.mapValues((name, description) -> {
            Config config = described.succeeded().get(ConfigResource.topic(name));
            return config == null ? description : description.withConfigs(config);
        });
        described.failures().forEach((resource, error) -> withConfigs.failSucceeded(resource.name(), error));
        return withConfigs.finishWithMap();
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
