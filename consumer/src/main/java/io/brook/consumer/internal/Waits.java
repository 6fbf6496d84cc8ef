package io.brook.consumer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.consumer.WakeupException;
import io.brook.core.Time;
import io.brook.core.internal.util.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The polling thread's blocking waits: for a future, or for a condition over shared state, each bounded by a
 * timeout and interrupted by {@code wakeup()}. Waiting happens on the consumer's {@link Signal}, which every
 * change of interest (answers, fetched data, steps, wakeup) signals.
 *
 * <p>Used by the polling thread only; the wakeup flag is atomic.
 */
final class Waits {
    private final Signal signal;
    private final Time time;
    private final AtomicBoolean wakeup = new AtomicBoolean();

    Waits(Signal signal, Time time) {
        this.signal = signal;
        this.time = time;
    }

    /** Any thread: the next or current wait throws {@link WakeupException}. */
    void wakeup() {
        wakeup.set(true);
        signal.signal();
    }

    /** Throws {@link WakeupException} (once) if {@link #wakeup()} was called. */
    void checkWakeup() {
        if (wakeup.compareAndSet(true, false)) {
            throw new WakeupException();
        }
    }

    /**
     * The future's value, waiting at most {@code timeoutMs}.
     *
     * @throws TimeoutException naming {@code what}
     * @throws BrookException the future's failure (unwrapped)
     */
    <T> T await(CompletableFuture<T> future, long timeoutMs, String what) {
        future.whenComplete((v, e) -> signal.signal());
        awaitCondition(future::isDone, timeoutMs, what);
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new BrookException(what + " failed", cause);
        }
    }

    /** Waits until {@code done} holds, at most {@code timeoutMs}; throws TimeoutException naming {@code what}. */
    void awaitCondition(BooleanSupplier done, long timeoutMs, String what) {
        long deadlineMs = time.monotonicMs() + Math.max(0L, timeoutMs);
        while (true) {
            checkWakeup();
            long seen = signal.sequence();
            if (done.getAsBoolean()) {
                return;
            }
            long remaining = deadlineMs - time.monotonicMs();
            if (remaining <= 0) {
                throw new TimeoutException(what + " did not complete within " + timeoutMs + " ms");
            }
            sleep(seen, remaining);
        }
    }

    /** Waits for a signal or {@code maxMs}; returns early on wakeup (the caller checks it). */
    void sleep(long seen, long maxMs) {
        try {
            signal.await(seen, maxMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("Interrupted while waiting", e);
        }
    }
}
