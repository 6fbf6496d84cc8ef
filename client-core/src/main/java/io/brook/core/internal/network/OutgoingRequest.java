package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A caller's request before its version is chosen: queued in a {@link ConnectionSlot} while the connection is
 * being set up, or while the connection has its maximum in flight or cannot take more bytes. Immutable; the
 * future is thread-safe.
 *
 * @param request builds the body once the version is chosen
 * @param timeoutMs the caller's timeout, for error messages
 * @param deadlineMs monotonic time ({@code Time.monotonicMs()}) by which the response must have arrived, counted
 *     from when the caller sent it: time spent queued counts
 * @param future settled with the response or a typed error
 */
record OutgoingRequest(RequestBuilder request, long timeoutMs, long deadlineMs,
        CompletableFuture<ApiMessage> future) {
    OutgoingRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(future, "future");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
    }

    /** {@code Metadata request to host:9092 (id: 1)}: the phrase errors about this request use before it is sent. */
    String describe(Endpoint endpoint) {
        return request.apiKey().apiName() + " request to " + endpoint;
    }
}
