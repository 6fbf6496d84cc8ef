package io.brook.admin.internal;

import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiMessage;
import java.util.Objects;

/**
 * What a handler wants sent next: the request (built once the version is chosen) and where to send it.
 *
 * @param endpoint the broker to send to, or {@code null} for any broker (the call runner picks one)
 * @param request the request
 */
public record AdminRequest(Endpoint endpoint, RequestBuilder request) {
    public AdminRequest {
        Objects.requireNonNull(request, "request");
    }

    /** {@code body} to any broker, at any version Brook supports for its API. */
    public static AdminRequest toAnyBroker(ApiMessage body) {
        return new AdminRequest(null, RequestBuilder.of(body));
    }

    /** {@code request} to any broker. */
    public static AdminRequest toAnyBroker(RequestBuilder request) {
        return new AdminRequest(null, request);
    }

    /** {@code body} to the broker at {@code endpoint}, at any version Brook supports for its API. */
    public static AdminRequest toBroker(Endpoint endpoint, ApiMessage body) {
        return new AdminRequest(Objects.requireNonNull(endpoint, "endpoint"), RequestBuilder.of(body));
    }

    /** {@code request} to the broker at {@code endpoint}. */
    public static AdminRequest toBroker(Endpoint endpoint, RequestBuilder request) {
        return new AdminRequest(Objects.requireNonNull(endpoint, "endpoint"), request);
    }

    /** This request restricted to the versions that carry {@code capability}. */
    public AdminRequest requiring(Capability capability) {
        return new AdminRequest(endpoint, request.requiring(capability));
    }

    /** The body as built at the newest version the request allows: for tests and diagnostics. */
    public ApiMessage body() {
        return request.build(request.allowedVersions().max());
    }
}
