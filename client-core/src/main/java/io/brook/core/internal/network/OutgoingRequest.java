package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A caller's request before its version is chosen: queued in a {@link ConnectionSlot} while the connection is
 * being set up. Immutable; the future is thread-safe.
 *
 * @param body the request body
 * @param callerRange the versions the caller can use, or null for any
 * @param timeoutMs how long to wait for the response once sent
 * @param future settled with the response or a typed error
 */
record OutgoingRequest(ApiMessage body, VersionRange callerRange, long timeoutMs,
        CompletableFuture<ApiMessage> future) {
    OutgoingRequest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(future, "future");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
    }
}
