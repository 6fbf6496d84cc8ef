package io.brook.admin.internal;

import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A call asked of every live broker (ListGroups, ListTransactions: each broker answers for what it coordinates):
 * first a Metadata request names the brokers, then one request per broker in one round, each broker settling on
 * its own (keyed by node id). A broker that fails with a non-retriable error fails only its part; retriable errors
 * (a coordinator still loading) are asked again.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 *
 * @param <V> what one broker answers
 */
final class EveryBroker<V> {
    private final String call;
    private Map<Integer, Endpoint> brokers;
    private ResourceResults<Integer, V> results;

    EveryBroker(String call) {
        this.call = call;
    }

    /** The outcome per broker; null until the brokers are known. */
    ResourceResults<Integer, V> results() {
        return results;
    }

    /** The Metadata request first, then one request per broker not yet settled. */
    List<CallRequest> nextRequests(Function<Endpoint, CallRequest> perBroker) {
        if (results == null) {
            return List.of(MetadataRequests.forBrokers());
        }
        List<CallRequest> requests = new ArrayList<>();
        for (Integer id : results.pending()) {
            requests.add(perBroker.apply(brokers.get(id)));
        }
        return requests;
    }

    /** Learns the brokers; retries if the answer named none. */
    <R> Step<R> onMetadata(MetadataResponse response) {
        Map<Integer, Endpoint> live = new LinkedHashMap<>();
        for (MetadataResponse.MetadataResponseBroker b : response.brokers()) {
            live.put(b.nodeId(), new Endpoint(b.nodeId(), b.host(), b.port()));
        }
        if (live.isEmpty()) {
            return Step.retry(AdminErrors.waitingFor(call + ": the metadata names no live broker"));
        }
        brokers = live;
        results = new ResourceResults<>(call, live.keySet());
        return Step.sendNext();
    }

    /**
     * Applies broker {@code from}'s answer: {@code error} none settles it with {@code value}, a retriable one asks
     * it again, any other fails its part.
     */
    <R> Step<R> onAnswer(Endpoint from, Errors error, V value, Supplier<Step<R>> whenSettled) {
        if (error == Errors.NONE) {
            results.succeed(from.nodeId(), value);
        } else {
            ApiException e = AdminErrors.forResource(call, "broker " + from.nodeId(), error, null);
            if (error.isRetriable()) {
                return Step.retry(e);
            }
            results.fail(from.nodeId(), e);
        }
        return results.allSettled() ? whenSettled.get() : Step.sendNext();
    }

    /** A broker that gave no answer: retried if retriable, else its part fails (or the call, for a client error). */
    <R> Step<R> onFailure(Endpoint to, Throwable error, Supplier<Step<R>> whenSettled) {
        if (results == null || to == null || CallHandler.isRetriable(error)) {
            return CallHandler.isRetriable(error) ? Step.retry(error) : Step.failed(error);
        }
        return GroupSteps.onFailure(results, to.nodeId(), call, error, whenSettled);
    }
}
