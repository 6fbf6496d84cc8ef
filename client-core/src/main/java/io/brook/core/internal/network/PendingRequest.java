package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Releasable;
import io.brook.protocol.message.ProduceRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose wire version is chosen, on its way to one broker: what the pipeline's outbound handlers receive
 * from {@link BrokerConnection} (and from the handshake). The correlation handler assigns its correlation id; the
 * timeout handler watches its deadline; whichever settles {@link #future()} first wins.
 *
 * <p>Immutable; the future is thread-safe.
 *
 * @param endpoint the broker, for error messages
 * @param version the negotiated wire version
 * @param body the request body, built for {@code version}; owned by the network layer, which releases it (if it
 *     holds records) once it is encoded or can no longer be
 * @param timeoutMs how long the request may wait for its response, counted from when it was sent
 * @param deadlineMs monotonic time ({@code Time.monotonicMs()}) after which the request times out, counted from
 *     when the caller sent it
 * @param future completed with the decoded response body, or failed with a typed exception
 */
record PendingRequest(Endpoint endpoint, short version, ApiMessage body, long timeoutMs, long deadlineMs,
        CompletableFuture<ApiMessage> future) {

    PendingRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(future, "future");
    }

    /** A request written at {@code nowMs} that times out {@code timeoutMs} later (the handshake's own requests). */
    static PendingRequest of(Endpoint endpoint, short version, ApiMessage body, long nowMs, long timeoutMs,
            CompletableFuture<ApiMessage> future) {
        return new PendingRequest(endpoint, version, body, timeoutMs, nowMs + timeoutMs, future);
    }

    /** A queued request, now built at {@code version}. */
    static PendingRequest of(Endpoint endpoint, short version, ApiMessage body, OutgoingRequest queued) {
        return new PendingRequest(endpoint, version, body, queued.timeoutMs(), queued.deadlineMs(), queued.future());
    }

    /** Whether the broker answers: a Produce request with {@code acks=0} gets no response, by protocol. */
    boolean expectsResponse() {
        return !(body instanceof ProduceRequest produce && produce.acks() == 0);
    }

    /** Releases the body's records, if it holds any; idempotent (generated {@code release()} is). */
    void releaseBody() {
        if (body instanceof Releasable r) {
            r.release();
        }
    }

    ApiKey apiKey() {
        return body.apiKey();
    }

    /** Settles the future with {@code response}; false if it was already settled (timed out, cancelled). */
    boolean complete(ApiMessage response) {
        return future.complete(response);
    }

    void fail(Throwable error) {
        future.completeExceptionally(error);
    }

    boolean isDone() {
        return future.isDone();
    }

    /** {@code Metadata v12 request to host:9092 (id: 1)}: the phrase every error about this request uses. */
    String describe() {
        return apiKey().apiName() + " v" + version + " request to " + endpoint;
    }

    @Override
    public String toString() {
        return describe();
    }
}
