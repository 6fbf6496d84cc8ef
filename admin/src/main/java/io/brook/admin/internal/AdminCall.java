package io.brook.admin.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.ApiMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one admin call: sends the requests its {@link AdminHandler} asks for (to the broker it names, or to one
 * the {@link BrokerSelector} picks, waiting for one to be known if need be), feeds back responses and failures,
 * tells the selector which brokers answered and which did not, backs off before retries, and fails the call with a
 * {@link TimeoutException} naming it when its deadline passes (or with the last error after {@code maxRetries}
 * consecutive retries without progress).
 *
 * <p>Threading: the handler and {@link #retries} are confined to the call's chain of steps (each step is started
 * by the completion of the previous request, broker choice or backoff, so steps never overlap). The deadline task,
 * {@link #fail} (from {@code close()}) and the chain race only on {@link #result}, whose completion is atomic; the
 * chain checks it before every step so that a finished call stops at its next step.
 *
 * @param <T> the call's result type
 */
public final class AdminCall<T> {
    private final AdminHandler<T> handler;
    private final RequestSender sender;
    private final BrokerSelector brokers;
    private final Scheduler scheduler;
    private final Time time;
    private final ExponentialBackoff backoff;
    private final long timeoutMs;
    private final int maxRetries;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private long deadlineMs;
    private int retries;
    private volatile Throwable lastReason;
    /** The call waits for the selector to know a broker: if it times out, the selector says why. */
    private volatile boolean awaitingBroker;
    private volatile Scheduler.Cancellable pendingRetry;

    public AdminCall(AdminHandler<T> handler, RequestSender sender, BrokerSelector brokers, Scheduler scheduler,
            Time time, ExponentialBackoff backoff, long timeoutMs, int maxRetries) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.brokers = Objects.requireNonNull(brokers, "brokers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.time = Objects.requireNonNull(time, "time");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive: " + timeoutMs);
        }
        this.timeoutMs = timeoutMs;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.maxRetries = maxRetries;
    }

    /** Starts the call; call once. The returned future is the call's result. */
    public CompletableFuture<T> start() {
        deadlineMs = time.monotonicMs() + timeoutMs;
        Scheduler.Cancellable deadline = scheduler.schedule(this::timeOut, timeoutMs);
        result.whenComplete((value, error) -> {
            deadline.cancel();
            Scheduler.Cancellable retry = pendingRetry;
            if (retry != null) {
                retry.cancel();
            }
        });
        sendNext();
        return result;
    }

    /** The call's result future. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Fails the call with {@code error} unless it completed already; its chain stops at the next step. */
    public void fail(Throwable error) {
        result.completeExceptionally(error);
    }

    /** The public name of the call. */
    public String callName() {
        return handler.callName();
    }

    private void sendNext() {
        if (result.isDone()) {
            return;
        }
        long remainingMs = deadlineMs - time.monotonicMs();
        if (remainingMs <= 0) {
            timeOut();
            return;
        }
        AdminRequest request;
        try {
            request = handler.nextRequest(remainingMs);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (request.endpoint() != null) {
            send(request, request.endpoint());
            return;
        }
        CompletableFuture<Endpoint> broker;
        awaitingBroker = true;
        try {
            broker = brokers.anyBroker();
        } catch (RuntimeException e) {
            broker = CompletableFuture.failedFuture(e);
        }
        broker.whenComplete((target, error) -> onBrokerChosen(request, target, error));
    }

    private void onBrokerChosen(AdminRequest request, Endpoint target, Throwable error) {
        awaitingBroker = false;
        if (result.isDone()) {
            return;
        }
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            apply(AdminHandler.isRetriable(cause) ? Step.retry(cause) : Step.failed(cause));
        } else if (target == null) {
            apply(Step.retry(new BrookException("no broker is known to send " + handler.callName() + " to")));
        } else {
            send(request, target);
        }
    }

    private void send(AdminRequest request, Endpoint target) {
        CompletableFuture<ApiMessage> response;
        try {
            response = sender.send(target, request.request());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((body, error) -> onCompletion(request, target, body, error));
    }

    private void onCompletion(AdminRequest request, Endpoint target, ApiMessage body, Throwable error) {
        Throwable failure = error == null ? null : Futures.unwrap(error);
        if (failure == null) {
            brokers.answered(target);
        } else {
            brokers.failed(target, failure);
        }
        if (result.isDone()) {
            return;
        }
        Step<T> step;
        try {
            step = failure == null
                    ? handler.onResponse(request, target, body)
                    : handler.onFailure(request, target, failure);
        } catch (RuntimeException e) {
            step = Step.failed(e);
        }
        apply(step);
    }

    private void apply(Step<T> step) {
        if (step instanceof Step.SendNext<T>) {
            // Progress was made (e.g. one more broker confirmed): the next wait starts from the initial backoff.
            retries = 0;
            sendNext();
        } else if (step instanceof Step.Retry<T> retry) {
            scheduleRetry(retry.reason());
        } else if (step instanceof Step.Done<T> done) {
            result.complete(done.value());
        } else if (step instanceof Step.Failed<T> failed) {
            result.completeExceptionally(failed.error());
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
    }

    private void scheduleRetry(Throwable reason) {
        lastReason = reason;
        if (retries >= maxRetries) {
            result.completeExceptionally(reason);
            return;
        }
        long delayMs = backoff.backoffMs(retries++);
        long remainingMs = deadlineMs - time.monotonicMs();
        if (delayMs >= remainingMs) {
            // The retry would start after the deadline: the deadline task fails the call at its time.
            return;
        }
        pendingRetry = scheduler.schedule(this::sendNext, delayMs);
        if (result.isDone()) {
            // Completed while scheduling: the completion hook may have missed this task.
            pendingRetry.cancel();
        }
    }

    private void timeOut() {
        if (result.isDone()) {
            return;
        }
        Throwable reason = awaitingBroker ? brokers.lastFailure().orElse(lastReason) : lastReason;
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
