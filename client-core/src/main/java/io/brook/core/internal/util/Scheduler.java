package io.brook.core.internal.util;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the seam through which timer-driven logic (metadata refresh on age, retry after
 * backoff, call deadlines) gets time-based callbacks without owning a thread. Production code adapts the client's
 * event loop or executor with {@link #of(ScheduledExecutorService)}, or uses a {@link ThreadScheduler} with a named
 * thread of its own; tests use the manual scheduler of client-core's test jar
 * ({@code io.brook.core.internal.util.ManualScheduler}), driven by {@link io.brook.core.ManualTime}.
 *
 * <p>Implementations are thread-safe. Tasks run on another thread than the caller's (except in tests) and must not
 * block: they may run on a Netty event-loop thread or a timer thread every other timer shares.
 */
public interface Scheduler {
    /**
     * Runs {@code task} once, no earlier than {@code delayMs} from now.
     *
     * @param delayMs {@code >= 0}; {@code 0} runs the task as soon as possible
     * @return a handle that cancels the task if it has not started
     */
    Cancellable schedule(Runnable task, long delayMs);

    /** A scheduled task's handle. */
    @FunctionalInterface
    interface Cancellable {
        /** Prevents the task from running if it has not started; idempotent. */
        void cancel();
    }

    /**
     * Adapts a {@link ScheduledExecutorService} (a Netty {@code EventLoop} is one). The executor's lifecycle stays
     * with its owner.
     */
    static Scheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delayMs) -> {
            ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
