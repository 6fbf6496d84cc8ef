package io.brook.core.internal.call;

import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiMessage;
import java.util.Objects;

/**
 * What a handler wants sent: the request (built once the version is chosen) and where to send it.
 *
 * @param target where: any broker (the driver picks one), a given broker, or the coordinator of a key (the driver
 *     looks it up through its {@link CoordinatorLookup})
 * @param request the request
 */
public record CallRequest(Target target, RequestBuilder request) {
    public CallRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
    }

    /** Where a request goes. */
    public sealed interface Target {}

    /** Any broker: the driver asks its {@link BrokerSelector}. */
    public record AnyBroker() implements Target {}

    /** The broker at {@code endpoint}. */
    public record Broker(Endpoint endpoint) implements Target {
        public Broker {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** The coordinator of {@code key}: the driver looks it up, and forgets it when it stops coordinating. */
    public record Coordinator(CoordinatorKey key) implements Target {
        public Coordinator {
            Objects.requireNonNull(key, "key");
        }
    }

    private static final Target ANY = new AnyBroker();

    /** {@code body} to any broker, at any version Brook supports for its API. */
    public static CallRequest toAnyBroker(ApiMessage body) {
        return new CallRequest(ANY, RequestBuilder.of(body));
    }

    /** {@code request} to any broker. */
    public static CallRequest toAnyBroker(RequestBuilder request) {
        return new CallRequest(ANY, request);
    }

    /** {@code body} to the broker at {@code endpoint}, at any version Brook supports for its API. */
    public static CallRequest toBroker(Endpoint endpoint, ApiMessage body) {
        return new CallRequest(new Broker(endpoint), RequestBuilder.of(body));
    }

    /** {@code request} to the broker at {@code endpoint}. */
    public static CallRequest toBroker(Endpoint endpoint, RequestBuilder request) {
        return new CallRequest(new Broker(endpoint), request);
    }

    /** {@code request} to the coordinator of {@code key}. */
    public static CallRequest toCoordinator(CoordinatorKey key, RequestBuilder request) {
        return new CallRequest(new Coordinator(key), request);
    }

    /** {@code body} to the coordinator of {@code key}, at any version Brook supports for its API. */
    public static CallRequest toCoordinator(CoordinatorKey key, ApiMessage body) {
        return new CallRequest(new Coordinator(key), RequestBuilder.of(body));
    }

    /** The broker this request names, or {@code null} if the driver chooses it (any broker, a coordinator). */
    public Endpoint endpoint() {
        return target instanceof Broker b ? b.endpoint() : null;
    }

    /** The key whose coordinator this request goes to, or {@code null} if it goes to no coordinator. */
    public CoordinatorKey coordinatorKey() {
        return target instanceof Coordinator c ? c.key() : null;
    }

    /** This request restricted to the versions that carry {@code capability}. */
    public CallRequest requiring(Capability capability) {
        return new CallRequest(target, request.requiring(capability));
    }

    /** The body as built at the newest version the request allows: for tests and diagnostics. */
    public ApiMessage body() {
        return request.build(request.allowedVersions().max());
    }
}
