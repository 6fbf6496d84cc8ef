package io.brook.core.internal.metadata;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.ApiMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RequestSender} for tests: records every request and leaves its future for the test to complete
 * ({@link #respond}, {@link #fail}), so the test decides the interleaving. Thread-safe. Shared with the modules
 * above client-core through its test jar.
 */
public final class ScriptedRequestSender implements RequestSender {
    /** One request sent, with the future its sender waits on. */
    public record Sent(Endpoint endpoint, ApiMessage request, CompletableFuture<ApiMessage> future) {}

    private final Deque<Sent> unanswered = new ArrayDeque<>();
    private final List<Sent> all = new ArrayList<>();

    @Override
    public synchronized <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        Sent sent = new Sent(endpoint, request, future);
        unanswered.add(sent);
        all.add(sent);
        @SuppressWarnings("unchecked") // the test answers with the response type the caller expects
        CompletableFuture<R> typed = (CompletableFuture<R>) (CompletableFuture<?>) future;
        return typed;
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request, short minVersion,
            short maxVersion) {
        return send(endpoint, request);
    }

    /** Every request sent so far, oldest first. */
    public synchronized List<Sent> sent() {
        return List.copyOf(all);
    }

    /** The most recent request; fails the test if there is none. */
    public synchronized Sent last() {
        if (all.isEmpty()) {
            throw new AssertionError("nothing was sent");
        }
        return all.get(all.size() - 1);
    }

    public synchronized int unansweredCount() {
        return unanswered.size();
    }

    /** The oldest unanswered request; fails the test if there is none. */
    public synchronized Sent oldest() {
        if (unanswered.isEmpty()) {
            throw new AssertionError("no request is waiting for an answer");
        }
        return unanswered.peekFirst();
    }

    /** Answers the oldest unanswered request with {@code response} (completing it outside this lock). */
    public Sent respond(ApiMessage response) {
        Sent sent = take();
        sent.future().complete(response);
        return sent;
    }

    /** Fails the oldest unanswered request. */
    public Sent fail(Throwable error) {
        Sent sent = take();
        sent.future().completeExceptionally(error);
        return sent;
    }

    private synchronized Sent take() {
        if (unanswered.isEmpty()) {
            throw new AssertionError("no request is waiting for an answer");
        }
        return unanswered.pollFirst();
    }
}
