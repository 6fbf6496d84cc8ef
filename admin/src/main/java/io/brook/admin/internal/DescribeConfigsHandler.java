package io.brook.admin.internal;

import io.brook.admin.Config;
import io.brook.admin.ConfigResource;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeConfigsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code describeConfigs}: DescribeConfigs for every key of each resource, topics and broker defaults to any
 * broker, a broker's own configs to that broker ({@link ConfigRouting}). Each resource succeeds or fails on its
 * own (an unknown topic fails with UNKNOWN_TOPIC_OR_PARTITION).
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeConfigsHandler implements CallHandler<Map<ConfigResource, Config>> {
    static final String CALL = "describeConfigs";

    private final String callName;
    private final boolean includeSynonyms;
    private final boolean includeDocumentation;
    private final ResourceResults<ConfigResource, Config> results;
    private final ConfigRouting routing;

    /** @param resources not empty; duplicates are described once */
    public DescribeConfigsHandler(Collection<ConfigResource> resources, boolean includeSynonyms,
            boolean includeDocumentation) {
        this(CALL, resources, includeSynonyms, includeDocumentation);
    }

    DescribeConfigsHandler(String callName, Collection<ConfigResource> resources, boolean includeSynonyms,
            boolean includeDocumentation) {
        this.callName = callName;
        this.includeSynonyms = includeSynonyms;
        this.includeDocumentation = includeDocumentation;
        this.results = new ResourceResults<>(callName, resources);
        this.routing = new ConfigRouting(callName);
    }

    @Override
    public String callName() {
        return callName;
    }

    /** Every resource's outcome so far: for calls that build on the configs. */
    ResourceResults<ConfigResource, Config> results() {
        return results;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        if (routing.needsBrokers(results.pending())) {
            return List.of(routing.brokersRequest());
        }
        List<CallRequest> requests = new ArrayList<>();
        routing.byDestination(results.pending()).forEach((target, resources) -> {
            List<DescribeConfigsRequest.DescribeConfigsResource> described = new ArrayList<>();
            for (ConfigResource r : resources) {
                described.add(DescribeConfigsRequest.DescribeConfigsResource.builder().resourceType(r.type().id())
                        .resourceName(r.name()).configurationKeys(null).build());
            }
            RequestBuilder request = RequestBuilder.of(DescribeConfigsRequest.builder().resources(described)
                    .includeSynonyms(includeSynonyms).includeDocumentation(includeDocumentation).build());
            if (includeDocumentation) {
                request = request.requiring(Capability.DESCRIBE_CONFIGS_DOCUMENTATION);
            }
            requests.add(ConfigRouting.to(target, request));
        });
        return requests;
    }

    @Override
    public Step<Map<ConfigResource, Config>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            routing.onBrokers(metadata, results);
            return results.allSettled() ? results.finishWithMap() : Step.sendNext();
        }
        ApiException reason = null;
        for (DescribeConfigsResponse.DescribeConfigsResult r : ((DescribeConfigsResponse) response).results()) {
            ApiException retry = routing.settle(results, r.resourceType(), r.resourceName(), r.errorCode(),
                    r.errorMessage(), () -> ConfigEntries.toConfig(r));
            reason = retry != null ? retry : reason;
        }
        return routing.after(results, reason, results::finishWithMap);
    }
}
