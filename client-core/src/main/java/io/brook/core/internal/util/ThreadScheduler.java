package io.brook.core.internal.util;

import io.brook.core.Time;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} with a thread of its own: one daemon thread, named by the owner (e.g.
 * {@code brook-<clientId>-admin}), for clients whose timers must not run on a Netty event loop or have none
 * to borrow. Its tasks must be short and must not block: every timer of the client shares the thread.
 *
 * <p>A task that throws is logged and does not end the thread. After {@link #shutdown(Duration)} pending tasks are
 * dropped and new ones are ignored (their handle does nothing): the owner shuts the scheduler down only once
 * nothing it runs is still awaited.
 *
 * <p>Thread-safe.
 */
public final class ThreadScheduler implements Scheduler, Executor {
    private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);
    private static final Cancellable DROPPED = () -> { };

    private final String threadName;
    private final Time time;
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    /** Creates the scheduler; its thread starts with the first task. */
    public ThreadScheduler(String threadName) {
        this(threadName, Time.SYSTEM);
    }

    /** @param time the clock of {@link #shutdown(Duration)}'s deadline */
    public ThreadScheduler(String threadName, Time time) {
        this.time = Objects.requireNonNull(time, "time");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Objects.requireNonNull(task, "task");
        try {
            ScheduledFuture<?> f = executor.schedule(() -> runSafely(task), Math.max(0L, delayMs),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return DROPPED;
        }
    }

    /**
     * Runs {@code task} on the scheduler's thread as soon as possible, after the tasks already due.
     *
     * @throws RejectedExecutionException after {@link #shutdown(Duration)}
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        executor.execute(() -> runSafely(task));
    }

    /** Whether the calling thread is this scheduler's thread. */
    public boolean isOwnThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops the thread, dropping pending tasks, and waits up to {@code timeout} for it to end (not when called on
     * the thread itself, which cannot wait for itself). Idempotent.
     *
     * @return whether the thread has ended (false when called on it)
     */
    public boolean shutdown(Duration timeout) {
        return shutdown(Deadline.after(time, timeout));
    }

    /** As {@link #shutdown(Duration)}, within a deadline shared with other steps of a close. */
    public boolean shutdown(Deadline deadline) {
        executor.shutdownNow();
        if (Thread.currentThread() == thread) {
            return false;
        }
        try {
            boolean ended = executor.awaitTermination(deadline.remainingMs(), TimeUnit.MILLISECONDS);
            // Termination is signalled from inside the thread just before it ends: join so that "ended" means gone.
            Thread t = thread;
            if (ended && t != null) {
                t.join(Math.max(1L, deadline.remainingMs()));
                ended = !t.isAlive();
            }
            if (!ended) {
                log.warn("Thread {} still running when its close timeout ran out", threadName);
            }
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failing task must not end the only timer thread: every other timer of the client depends on it.
            log.error("Task on timer thread {} failed", threadName, e);
        }
    }
}
