package io.brook.admin.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.ApiMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link RequestSender} answering from a script: each send takes the next scripted answer (a response, a failure,
 * or a function of the request); without one the send stays pending until the test completes it. Records every
 * request. Not thread-safe: tests drive it from one thread.
 */
final class FakeRequestSender implements RequestSender {

    /** One request as it was sent. */
    record Sent(Endpoint endpoint, ApiMessage body, short minVersion, short maxVersion,
            CompletableFuture<ApiMessage> future) {}

    private final Deque<Function<Sent, Object>> script = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();

    /** The next send is answered with {@code response}. */
    FakeRequestSender respond(ApiMessage response) {
        script.add(s -> response);
        return this;
    }

    /** The next send fails with {@code error}. */
    FakeRequestSender fail(Throwable error) {
        script.add(s -> error);
        return this;
    }

    /** The next send is answered by {@code answer}: a response, or a {@link Throwable} to fail with. */
    FakeRequestSender answer(Function<Sent, Object> answer) {
        script.add(answer);
        return this;
    }

    /** The next send gets no answer (until the test completes its future). */
    FakeRequestSender hang() {
        script.add(s -> null);
        return this;
    }

    List<Sent> sent() {
        return sent;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    int remainingScript() {
        return script.size();
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request) {
        return send(endpoint, request, request.apiKey().lowestVersion(), request.apiKey().highestVersion());
    }

    @Override
    @SuppressWarnings("unchecked") // tests script the response type that goes with the request
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request, short minVersion,
            short maxVersion) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        Sent s = new Sent(endpoint, request, minVersion, maxVersion, future);
        sent.add(s);
        Function<Sent, Object> next = script.poll();
        Object answer = next == null ? null : next.apply(s);
        if (answer instanceof Throwable t) {
            future.completeExceptionally(t);
        } else if (answer != null) {
            future.complete((ApiMessage) answer);
        }
        return (CompletableFuture<R>) future;
    }
}
