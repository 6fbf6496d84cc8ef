package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.Releasable;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One owner's view of a {@link NetworkClient} ({@link NetworkClient#sender}): requests go out on the connections
 * of one {@link ConnectionRole}, and their futures complete on the owner's executor, never on an event loop. The
 * event loop only decodes the response and settles an internal future; one task per response then hops to the
 * owner, so protocol logic (and anything chained on the future) runs on the owner's thread.
 *
 * <p>A response that arrives after the caller's future was completed otherwise (cancelled, or the owner's
 * executor rejected the hand-off because it is shutting down) is released here, so its buffers never leak.
 *
 * <p>Immutable and thread-safe.
 */
final class OwnedSender implements RequestSender {
    private final NetworkClient network;
    private final Executor completions;
    private final ConnectionRole role;

    OwnedSender(NetworkClient network, Executor completions, ConnectionRole role) {
        this.network = Objects.requireNonNull(network, "network");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.role = Objects.requireNonNull(role, "role");
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request) {
        return send(endpoint, request, network.config().requestTimeoutMs());
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request,
            long timeoutMs) {
        CompletableFuture<ApiMessage> settled = network.submit(endpoint, role, request, timeoutMs);
        CompletableFuture<R> result = new CompletableFuture<>();
        settled.whenComplete((response, error) -> handOff(result, response, error));
        return result;
    }

    @SuppressWarnings("unchecked") // the caller names the response type that goes with its request
    private <R extends ApiMessage> void handOff(CompletableFuture<R> result, ApiMessage response, Throwable error) {
        try {
            completions.execute(() -> {
                boolean taken = error == null ? result.complete((R) response) : result.completeExceptionally(error);
                if (!taken) {
                    release(response);
                }
            });
        } catch (RejectedExecutionException e) {
            // The owner is shutting down: nobody will read the response.
            release(response);
            result.completeExceptionally(NetworkErrors.clientClosed(network.config().clientId()));
        }
    }

    private static void release(ApiMessage response) {
        if (response instanceof Releasable r) {
            r.release();
        }
    }
}
