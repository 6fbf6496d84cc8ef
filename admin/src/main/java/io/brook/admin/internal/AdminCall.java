package io.brook.admin.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.ApiMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Drives one admin call: sends the requests its {@link AdminHandler} asks for, feeds back responses and failures,
 * backs off before retries, and fails the call with a {@link TimeoutException} naming it when its deadline passes
 * (or with the last error after {@code maxRetries} consecutive retries without progress).
 *
 * <p>Threading: the handler and {@link #retries} are confined to the call's chain of steps (each step is started
 * by the completion of the previous request or backoff, so steps never overlap). The deadline task, {@link #fail}
 * (from {@code close()}) and the chain race only on {@link #result}, whose completion is atomic; the chain checks
 * it before every step so that a finished call stops at its next step.
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
        Endpoint target = request.endpoint() != null ? request.endpoint() : brokers.anyBroker();
        if (target == null) {
            apply(Step.retry(new BrookException("no broker is known to send " + handler.callName() + " to")));
            return;
        }
        CompletableFuture<ApiMessage> response;
        try {
            response = sender.send(target, request.body(), request.minVersion(), request.maxVersion());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((body, error) -> onCompletion(request, target, body, error));
    }

    private void onCompletion(AdminRequest request, Endpoint target, ApiMessage body, Throwable error) {
        if (result.isDone()) {
            return;
        }
        Step<T> step;
        try {
            step = error == null
                    ? handler.onResponse(request, target, body)
                    : handler.onFailure(request, target, unwrap(error));
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
        Throwable reason = lastReason;
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

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
