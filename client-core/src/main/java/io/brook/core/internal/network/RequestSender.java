package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between protocol logic (metadata, admin calls, the producer's sender, the consumer's fetcher and group
 * membership) and the Netty connection pool. {@link NetworkClient#sender} gives each owner its own view, whose
 * futures complete on the owner's executor (its own thread), never on an event loop; tests use the scripted fake
 * of client-core's test jar.
 *
 * <p>Thread-safe; never blocks.
 */
public interface RequestSender {
    /**
     * Sends {@code request} to the broker at {@code endpoint}, opening the connection if needed, at the highest
     * version that Brook, the broker, the request's range and any user pin allow; the body is built for that
     * version. The response deadline is the client's {@code request.timeout.ms}, counted from this call (time
     * spent queued counts).
     *
     * @return the decoded response body (a {@link io.brook.protocol.Releasable} one is the caller's to release);
     *     fails with a typed exception: a transport error ({@code NetworkException}), a timeout
     *     ({@code TimeoutException}), {@code UnsupportedVersionException} naming the API and versions if no
     *     version fits, {@link RequestEncodingException} if the body could not be built or encoded,
     *     {@code RequestQueueFullException} if the connection's queue is full
     */
    <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request);

    /**
     * As {@link #send(Endpoint, RequestBuilder)} with an explicit timeout, for requests the broker may
     * legitimately hold longer than {@code request.timeout.ms} (a Fetch's max wait, a JoinGroup's rebalance).
     *
     * @param timeoutMs how long to wait for the response, counted from this call; {@code > 0}
     */
    <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request, long timeoutMs);

    /** Sends a fixed body valid at every version of its API (see {@link RequestBuilder#of(ApiMessage)}). */
    default <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage body) {
        return send(endpoint, RequestBuilder.of(body));
    }
}
