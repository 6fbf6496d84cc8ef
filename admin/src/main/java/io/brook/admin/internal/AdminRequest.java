package io.brook.admin.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import java.util.Objects;

/**
 * What a handler wants sent next: a request body, where to send it, and the versions it may be sent at.
 *
 * @param endpoint the broker to send to, or {@code null} for any broker (the call runner picks one)
 * @param body the request
 * @param minVersion the lowest version whose fields carry what the handler set
 * @param maxVersion the highest version the handler can read the response of
 */
public record AdminRequest(Endpoint endpoint, ApiMessage body, short minVersion, short maxVersion) {
    public AdminRequest {
        Objects.requireNonNull(body, "body");
        if (minVersion > maxVersion) {
            throw new IllegalArgumentException("minVersion " + minVersion + " > maxVersion " + maxVersion);
        }
    }

    /** {@code body} to any broker, at any version Brook supports for its API. */
    public static AdminRequest toAnyBroker(ApiMessage body) {
        return new AdminRequest(null, body, body.apiKey().lowestVersion(), body.apiKey().highestVersion());
    }

    /** {@code body} to the broker at {@code endpoint}, at any version Brook supports for its API. */
    public static AdminRequest toBroker(Endpoint endpoint, ApiMessage body) {
        return new AdminRequest(Objects.requireNonNull(endpoint, "endpoint"), body,
                body.apiKey().lowestVersion(), body.apiKey().highestVersion());
    }

    /**
     * This request restricted to versions from {@code version} on: for a capability older versions lack. Kept
     * inside Brook's range for the API.
     */
    public AdminRequest atLeastVersion(short version) {
        return new AdminRequest(endpoint, body, (short) Math.max(minVersion, version), maxVersion);
    }
}
