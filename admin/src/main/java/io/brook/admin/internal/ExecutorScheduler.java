package io.brook.admin.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one daemon thread named {@code brook-<clientId>-admin-timer} that runs retry
 * backoffs and call deadlines. Its tasks are short (they send a request or fail a future) and never block.
 *
 * <p>Thread-safe. After {@link #shutdown(Duration)} new tasks are dropped: by then every call was failed.
 */
final class ExecutorScheduler implements Scheduler {
    private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
    private static final Cancellable DROPPED = () -> { };

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    ExecutorScheduler(String clientId) {
        String name = "brook-" + clientId + "-admin-timer";
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> runSafely(task), Math.max(0L, delayMs),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return DROPPED;
        }
    }

    /**
     * Stops the thread, dropping pending tasks, and waits up to {@code timeout} for it to end (not when called on
     * the thread itself).
     */
    void shutdown(Duration timeout) {
        executor.shutdownNow();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(Math.max(0L, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                log.warn("Admin timer thread still running after {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A task failing must not kill the only timer thread: every other call depends on it.
            log.error("Admin timer task failed", e);
        }
    }
}
