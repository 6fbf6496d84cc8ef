package io.brook.consumer.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RequestSender} that hands security failures to {@link SecurityFailures} and asks the
 * {@link BackgroundLoop} for a pass whenever a response (or failure) arrives,
 * so that whatever the answer made possible (the next fetch of a pipelined partition, the fetch that a found
 * position allows, the commit waiting for the coordinator) goes out at once instead of at the next timer. The
 * pass runs after the task that completes the future, so every callback on the answer has run by then.
 *
 * <p>Thread-safe: the loop is set once, before the first request.
 */
final class WakingSender implements RequestSender {
    private final RequestSender delegate;
    private final SecurityFailures securityFailures;
    private volatile BackgroundLoop loop;

    WakingSender(RequestSender delegate, SecurityFailures securityFailures) {
        this.delegate = delegate;
        this.securityFailures = securityFailures;
    }

    void wakes(BackgroundLoop loop) {
        this.loop = loop;
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request) {
        return woken(delegate.send(endpoint, request));
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request,
            long timeoutMs) {
        return woken(delegate.send(endpoint, request, timeoutMs));
    }

    private <R extends ApiMessage> CompletableFuture<R> woken(CompletableFuture<R> future) {
        future.whenComplete((response, error) -> {
            if (error != null) {
                securityFailures.offer(Futures.unwrap(error));
            }
            BackgroundLoop l = loop;
            if (l != null) {
                l.wake();
            }
        });
        return future;
    }
}
