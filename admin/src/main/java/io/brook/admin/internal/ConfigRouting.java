package io.brook.admin.internal;

import io.brook.admin.ConfigResource;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where config requests go: a broker's own configs and loggers to that broker (found by node id through a
 * Metadata request, once), topics and the cluster-wide broker defaults to any broker. A broker id the cluster
 * does not know fails its resource with BROKER_NOT_AVAILABLE.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
final class ConfigRouting {
    private final String call;
    private Map<Integer, Endpoint> brokers;

    ConfigRouting(String call) {
        this.call = call;
    }

    /** Whether the brokers must be learned before {@code pending} can be sent. */
    boolean needsBrokers(Collection<ConfigResource> pending) {
        return brokers == null && pending.stream().anyMatch(ConfigResource::isBrokerSpecific);
    }

    /** The request that names the live brokers. */
    CallRequest brokersRequest() {
        return MetadataRequests.forBrokers();
    }

    /** Learns the brokers; fails the pending resources of brokers the cluster does not know. */
    void onBrokers(MetadataResponse response, ResourceResults<ConfigResource, ?> results) {
        brokers = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker b : response.brokers()) {
            brokers.put(b.nodeId(), new Endpoint(b.nodeId(), b.host(), b.port()));
        }
        for (ConfigResource resource : List.copyOf(results.pending())) {
            if (resource.isBrokerSpecific() && !brokers.containsKey(Integer.parseInt(resource.name()))) {
                results.fail(resource, AdminErrors.forResource(call, resource.toString(),
                        Errors.BROKER_NOT_AVAILABLE, "no live broker has id " + resource.name()));
            }
        }
    }

    /**
     * The pending resources grouped by destination, in the caller's order: the {@code null} key for any broker.
     * Call only when {@link #needsBrokers} is false.
     */
    Map<Endpoint, List<ConfigResource>> byDestination(Collection<ConfigResource> pending) {
        Map<Endpoint, List<ConfigResource>> groups = new LinkedHashMap<>();
        for (ConfigResource resource : pending) {
            Endpoint target = resource.isBrokerSpecific() ? brokers.get(Integer.parseInt(resource.name())) : null;
            groups.computeIfAbsent(target, t -> new ArrayList<>()).add(resource);
        }
        return groups;
    }

    /** A request to {@code target} ({@code null}: any broker). */
    static CallRequest to(Endpoint target, RequestBuilder request) {
        return target == null ? CallRequest.toAnyBroker(request) : CallRequest.toBroker(target, request);
    }

    /**
     * Applies one resource's answer: no error succeeds it with {@code value}; a retriable error leaves it pending
     * and is returned (the reason to retry); any other error, or an unknown topic, fails it. Answers for resources
     * Brook cannot name or that are not pending are ignored.
     */
    <V> ApiException settle(ResourceResults<ConfigResource, V> results, byte resourceType, String resourceName,
            short errorCode, String errorMessage, Supplier<V> value) {
        ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
        if (type == null) {
            return null;
        }
        ConfigResource resource = new ConfigResource(type, resourceName);
        if (!results.isPending(resource)) {
            return null;
        }
        Errors error = AdminErrors.forCode(errorCode);
        if (error == Errors.NONE) {
            results.succeed(resource, value.get());
            return null;
        }
        ApiException e = AdminErrors.forResource(call, resource.toString(), error, errorMessage);
        if (error.isRetriable() && error != Errors.UNKNOWN_TOPIC_OR_PARTITION) {
            return e;
        }
        results.fail(resource, e);
        return null;
    }

    /** The step after a response was applied: the call's last step, or a retry of what is still pending. */
    <V, R> Step<R> after(ResourceResults<ConfigResource, V> results, ApiException reason,
            Supplier<Step<R>> whenSettled) {
        if (results.allSettled()) {
            return whenSettled.get();
        }
        return Step.retry(reason != null ? reason : AdminErrors.waitingFor(call
                + ": the broker did not answer for " + results.pending().iterator().next()));
    }
}
