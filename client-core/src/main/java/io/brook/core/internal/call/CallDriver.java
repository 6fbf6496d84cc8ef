package io.brook.core.internal.call;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Releasable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Drives one call to completion: asks its {@link CallHandler} for a round of requests, sends each to the broker
 * it names, to one the {@link BrokerSelector} picks (waiting for one to be known if need be) or to the
 * coordinator the {@link CoordinatorLookup} finds, feeds back responses and failures, tells the selector which
 * brokers answered and which did not, forgets coordinators that stopped coordinating, backs off before retries,
 * and fails the call with a {@link TimeoutException} naming it when its deadline passes (or with the last error
 * after {@code maxRetries} consecutive retries without progress).
 *
 * <p>A round ends when each of its requests has settled: then the next round starts at once if every step said
 * {@link Step.SendNext}, or after a backoff if one said {@link Step.Retry} (the backoff starts from its initial
 * value again if another request of the round made progress). A {@link Step.Done} or {@link Step.Failed} ends the
 * call at once; outcomes of its other requests are then dropped.
 *
 * <p>Threading: the handler, the round and the retry count are guarded by {@code lock}, taken by every completion
 * (a response, a broker choice, a coordinator lookup, a backoff), so the handler sees one method call at a time
 * whichever thread completes what. The deadline task and {@link #fail} (from {@code close()}) race with the
 * rounds only on {@link #result}, whose completion is atomic; every step checks it first, so a finished call stops
 * at its next step. The lock is held while handing requests to the sender, the selector and the lookup: they never
 * block and complete their futures outside their own locks, so no lock is ever taken in the opposite order.
 *
 * @param <T> the call's result type
 */
public final class CallDriver<T> {
    private final CallHandler<T> handler;
    private final CallContext context;
    private final long timeoutMs;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Requests waiting for the selector to know a broker: if the call times out meanwhile, the selector says why. */
    private final AtomicInteger awaitingBroker = new AtomicInteger();

    // Guarded by lock.
    private long deadlineMs;
    private int retries;
    private Round current;

    private volatile Throwable lastReason;
    private volatile Scheduler.Cancellable pendingRetry;

    /** The requests of one round that have not settled yet, and what the settled ones asked for. */
    private static final class Round {
        int unsettled;
        boolean progress;
        Throwable retryReason;

        Round(int size) {
            this.unsettled = size;
        }
    }

    /**
     * @param timeoutMs the call's deadline, from {@link #start()}; {@code > 0}
     */
    public CallDriver(CallHandler<T> handler, CallContext context, long timeoutMs) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.context = Objects.requireNonNull(context, "context");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive: " + timeoutMs);
        }
        this.timeoutMs = timeoutMs;
    }

    /** Starts the call; call once. The returned future is the call's result. */
    public CompletableFuture<T> start() {
        Scheduler.Cancellable deadline;
        lock.lock();
        try {
            deadlineMs = context.time().monotonicMs() + timeoutMs;
            deadline = context.scheduler().schedule(this::timeOut, timeoutMs);
        } finally {
            lock.unlock();
        }
        result.whenComplete((value, error) -> {
            deadline.cancel();
            Scheduler.Cancellable retry = pendingRetry;
            if (retry != null) {
                retry.cancel();
            }
        });
        runLocked(this::sendRound);
        return result;
    }

    /** The call's result future. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Fails the call with {@code error} unless it completed already; its rounds stop at the next step. */
    public void fail(Throwable error) {
        result.completeExceptionally(error);
    }

    /** The public name of the call. */
    public String callName() {
        return handler.callName();
    }

    private void runLocked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    // ---- rounds (lock held) ------------------------------------------------------------------------------------

    private void sendRound() {
        if (result.isDone()) {
            return;
        }
        long remainingMs = deadlineMs - context.time().monotonicMs();
        if (remainingMs <= 0) {
            timeOut();
            return;
        }
        List<CallRequest> requests;
        try {
            requests = List.copyOf(handler.nextRequests(remainingMs));
            if (requests.isEmpty()) {
                throw new IllegalStateException(handler.callName() + ": the handler asked for no request");
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        Round round = new Round(requests.size());
        current = round;
        Map<CoordinatorKey, CompletableFuture<Endpoint>> coordinators = context.coordinators().findAll(
                requests.stream().map(CallRequest::coordinatorKey).filter(Objects::nonNull).toList());
        for (CallRequest request : requests) {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Endpoint> target;
            if (request.endpoint() != null) {
                target = CompletableFuture.completedFuture(request.endpoint());
            } else if (request.coordinatorKey() != null) {
                target = coordinators.get(request.coordinatorKey());
            } else {
                target = anyBroker();
            }
            target.whenComplete((endpoint, error) -> runLocked(() -> onTarget(round, request, endpoint, error)));
        }
    }

    private CompletableFuture<Endpoint> anyBroker() {
        awaitingBroker.incrementAndGet();
        CompletableFuture<Endpoint> broker;
        try {
            broker = context.brokers().anyBroker();
        } catch (RuntimeException e) {
            broker = CompletableFuture.failedFuture(e);
        }
        return broker.whenComplete((b, e) -> awaitingBroker.decrementAndGet());
    }

    private void onTarget(Round round, CallRequest request, Endpoint target, Throwable error) {
        if (result.isDone()) {
            return;
        }
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            if (request.coordinatorKey() != null) {
                // The coordinator of a resource could not be found: that resource's business (auth errors...).
                settle(round, request, null, handle(() -> handler.onFailure(request, null, cause)));
            } else {
                settle(round, request, null, CallHandler.isRetriable(cause) ? Step.retry(cause) : Step.failed(cause));
            }
        } else if (target == null) {
            settle(round, request, null,
                    Step.retry(new BrookException("no broker is known to send " + handler.callName() + " to")));
        } else {
            send(round, request, target);
        }
    }

    private void send(Round round, CallRequest request, Endpoint target) {
        CompletableFuture<ApiMessage> response;
        try {
            response = context.sender().send(target, request.request());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((body, error) -> onCompletion(round, request, target, body, error));
    }

    private void onCompletion(Round round, CallRequest request, Endpoint target, ApiMessage body, Throwable error) {
        Throwable failure = error == null ? null : Futures.unwrap(error);
        if (failure == null) {
            context.brokers().answered(target);
        } else {
            context.brokers().failed(target, failure);
            CoordinatorKey key = request.coordinatorKey();
            if (key != null && CoordinatorLookup.meansStaleCoordinator(failure)) {
                context.coordinators().invalidate(key, target);
            }
        }
        lock.lock();
        try {
            if (result.isDone()) {
                if (body instanceof Releasable releasable) {
                    releasable.release();
                }
                return;
            }
            Step<T> step = failure == null
                    ? handle(() -> handler.onResponse(request, target, body))
                    : handle(() -> handler.onFailure(request, target, failure));
            settle(round, request, target, step);
        } finally {
            lock.unlock();
        }
    }

    private Step<T> handle(Supplier<Step<T>> call) {
        try {
            return Objects.requireNonNull(call.get(), "step");
        } catch (RuntimeException e) {
            return Step.failed(e);
        }
    }

    private void settle(Round round, CallRequest request, Endpoint target, Step<T> step) {
        if (step instanceof Step.Done<T> done) {
            result.complete(done.value());
            return;
        }
        if (step instanceof Step.Failed<T> failed) {
            result.completeExceptionally(failed.error());
            return;
        }
        if (step instanceof Step.Retry<T> retry) {
            round.retryReason = retry.reason();
            CoordinatorKey key = request.coordinatorKey();
            if (key != null && target != null && CoordinatorLookup.meansStaleCoordinator(retry.reason())) {
                context.coordinators().invalidate(key, target);
            }
        } else {
            round.progress = true;
        }
        if (--round.unsettled > 0 || round != current) {
            return;
        }
        if (round.retryReason == null) {
            // Progress was made (e.g. one more broker confirmed): the next wait starts from the initial backoff.
            retries = 0;
            sendRound();
        } else {
            if (round.progress) {
                retries = 0;
            }
            scheduleRetry(round.retryReason);
        }
    }

    private void scheduleRetry(Throwable reason) {
        lastReason = reason;
        if (retries >= context.maxRetries()) {
            result.completeExceptionally(reason);
            return;
        }
        long delayMs = context.backoff().backoffMs(retries++);
        long remainingMs = deadlineMs - context.time().monotonicMs();
        if (delayMs >= remainingMs) {
            // The retry would start after the deadline: the deadline task fails the call at its time.
            return;
        }
        pendingRetry = context.scheduler().schedule(() -> runLocked(this::sendRound), delayMs);
        if (result.isDone()) {
            // Completed while scheduling: the completion hook may have missed this task.
            pendingRetry.cancel();
        }
    }

    // ---- deadline (any thread) ---------------------------------------------------------------------------------

    private void timeOut() {
        if (result.isDone()) {
            return;
        }
        Throwable reason = awaitingBroker.get() > 0
                ? context.brokers().lastFailure().orElse(lastReason) : lastReason;
        String message = handler.callName() + " timed out after " + timeoutMs + " ms"
                + (reason != null ? "; last error: " + describe(reason) : "");
        TimeoutException timeout = new TimeoutException(message);
        if (reason != null) {
            timeout.initCause(reason);
        }
        result.completeExceptionally(timeout);
    }

    private static String describe(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }
}
