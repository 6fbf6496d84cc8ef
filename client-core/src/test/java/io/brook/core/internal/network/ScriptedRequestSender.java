package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one {@link RequestSender} fake of every module (client-core's test jar): it negotiates each request's version
 * with the real {@link VersionNegotiator} against scripted broker versions (Brook's own by default), builds the
 * body at that version, records it, and answers it from a script or leaves it for the test to answer, so the test
 * decides the interleaving.
 *
 * <ul>
 *   <li>{@link #respondNext}, {@link #failNext}, {@link #answerNext}, {@link #hangNext}: the answer of the next
 *       send, in order; a send with no scripted answer stays pending.
 *   <li>{@link #respond}, {@link #fail}: answer the oldest pending request now.
 * </ul>
 * Futures complete on the thread that answers (the test's, or the sender's when scripted). Thread-safe.
 */
public final class ScriptedRequestSender implements RequestSender {
    /**
     * One request as it was sent.
     *
     * @param request what the caller handed over
     * @param version the version negotiated for it
     * @param body the body built at that version
     */
    public record Sent(Endpoint endpoint, RequestBuilder request, short version, ApiMessage body, long timeoutMs,
            CompletableFuture<ApiMessage> future) {
        /** The body, cast to the request type the test expects. */
        @SuppressWarnings("unchecked")
        public <T extends ApiMessage> T bodyAs(Class<T> type) {
            return type.cast(body);
        }
    }

    private final Deque<Function<Sent, Object>> script = new ArrayDeque<>();
    private final Deque<Sent> unanswered = new ArrayDeque<>();
    private final List<Sent> all = new ArrayList<>();
    private final long defaultTimeoutMs;
    private BrokerApiVersions broker = BrokerApiVersions.of(Map.of());
    private boolean brokerGiven;
    private final VersionNegotiator negotiator = new VersionNegotiator(Map.of());

    public ScriptedRequestSender() {
        this(30_000L);
    }

    /** @param defaultTimeoutMs the timeout recorded for sends without one */
    public ScriptedRequestSender(long defaultTimeoutMs) {
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /** Negotiates against {@code versions} instead of assuming the broker has every version Brook has. */
    public synchronized ScriptedRequestSender brokerVersions(BrokerApiVersions versions) {
        this.broker = versions;
        this.brokerGiven = true;
        return this;
    }

    // ---- scripting the next sends ----------------------------------------------------------------------------

    /** The next send is answered with {@code response}. */
    public synchronized ScriptedRequestSender respondNext(ApiMessage response) {
        script.add(s -> response);
        return this;
    }

    /** The next send fails with {@code error}. */
    public synchronized ScriptedRequestSender failNext(Throwable error) {
        script.add(s -> error);
        return this;
    }

    /** The next send is answered by {@code answer}: a response, a {@link Throwable} to fail with, or null to hang. */
    public synchronized ScriptedRequestSender answerNext(Function<Sent, Object> answer) {
        script.add(answer);
        return this;
    }

    /** The next send gets no answer (until the test completes it with {@link #respond}, {@link #fail} or its future). */
    public synchronized ScriptedRequestSender hangNext() {
        script.add(s -> null);
        return this;
    }

    /** How many scripted answers are still unused. */
    public synchronized int remainingScript() {
        return script.size();
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request) {
        return send(endpoint, request, defaultTimeoutMs);
    }

    @Override
    @SuppressWarnings("unchecked") // the test answers with the response type the caller expects
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request,
            long timeoutMs) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        Object answer;
        synchronized (this) {
            short version;
            ApiMessage body;
            try {
                version = negotiator.pick(request.apiKey(), brokerFor(request.apiKey()), request.versions(), endpoint);
                body = request.build(version);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return (CompletableFuture<R>) (CompletableFuture<?>) future;
            }
            Sent sent = new Sent(endpoint, request, version, body, timeoutMs, future);
            if (body instanceof io.brook.protocol.Releasable r) {
                // As the network layer would once the body is written: the test inspects it until then.
                future.whenComplete((x, e) -> r.release());
            }
            all.add(sent);
            Function<Sent, Object> next = script.poll();
            answer = next == null ? null : next.apply(sent);
            if (answer == null) {
                unanswered.add(sent);
            }
        }
        if (answer instanceof Throwable t) {
            future.completeExceptionally(t);
        } else if (answer != null) {
            future.complete((ApiMessage) answer);
        }
        return (CompletableFuture<R>) (CompletableFuture<?>) future;
    }

    private BrokerApiVersions brokerFor(ApiKey api) {
        if (brokerGiven) {
            return broker;
        }
        return BrokerApiVersions.of(Map.of(api, VersionNegotiator.brookRange(api)));
    }

    // ---- what was sent ---------------------------------------------------------------------------------------

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

    /** How many sent requests are still unanswered. */
    public synchronized int unansweredCount() {
        unanswered.removeIf(s -> s.future().isDone());
        return unanswered.size();
    }

    /** The oldest unanswered request; fails the test if there is none. */
    public synchronized Sent oldest() {
        unanswered.removeIf(s -> s.future().isDone());
        if (unanswered.isEmpty()) {
            throw new AssertionError("no request is waiting for an answer");
        }
        return unanswered.peekFirst();
    }

    // ---- answering pending requests --------------------------------------------------------------------------

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
        unanswered.removeIf(s -> s.future().isDone());
        if (unanswered.isEmpty()) {
            throw new AssertionError("no request is waiting for an answer");
        }
        return unanswered.pollFirst();
    }
}
