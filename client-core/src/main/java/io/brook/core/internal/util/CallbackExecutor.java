package io.brook.core.internal.util;

import io.brook.core.Time;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a client completes the futures it hands to users, so that user code (callbacks chained on those futures)
 * never runs on an event loop or on the thread that runs the client's protocol logic.
 *
 * <p>Tasks run one at a time, in submission order (so the callbacks of records sent to one partition run in the
 * order the records were sent, as kafka-clients promises), on a thread named {@code brook-<clientId>-callbacks-<n>}.
 * A user callback that blocks, for instance {@code future.get()} on another call of the same client inside
 * {@code thenAccept}, must not stop the completions it waits for: when the running task has taken longer than
 * {@code handOverAfter} and more tasks wait, a watchdog starts a new thread that takes over the queue; the blocked
 * thread ends once its task returns. Order is kept except across such a hand-over.
 *
 * <p>Cost: one queue operation (and a signal, if the drainer waits) per task; a thread is started only when none is
 * draining, and the watchdog is one long-lived thread that checks the running task on a timer (a watchdog started
 * per task cost the producer a thread start per response). Submit one task per batch of completions, not one per
 * record.
 *
 * <p>Thread-safe: the queue and the drainer state are guarded by {@code lock}.
 */
public final class CallbackExecutor implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallbackExecutor.class);
    /** How long a task may run before waiting tasks are handed to a new thread. */
    public static final Duration DEFAULT_HAND_OVER_AFTER = Duration.ofMillis(200);
    private static final long IDLE_EXIT_MS = 30_000L;

    private final String namePrefix;
    private final Time time;
    private final long handOverAfterMs;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled for drainers: work arrived, or close. */
    private final Condition workOrExit = lock.newCondition();
    /** The watchdog's own wait, so that a signal meant for a drainer is never taken by the watchdog. */
    private final Condition watchdogWake = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final ThreadFactory factory;

    // Guarded by lock.
    /** The thread that currently owns the queue, or null. */
    private Thread drainer;
    /** When the drainer started its current task, in monotonic ms; -1 while it waits for work. */
    private long taskStartedMs = -1;
    private boolean closed;
    private Thread watchdog;

    /** @param clientId names the threads: {@code brook-<clientId>-callbacks-<n>} */
    public CallbackExecutor(String clientId, Time time, Duration handOverAfter) {
        this.namePrefix = "brook-" + Objects.requireNonNull(clientId, "clientId") + "-callbacks-";
        this.time = Objects.requireNonNull(time, "time");
        this.handOverAfterMs = Math.max(1L, handOverAfter.toMillis());
        this.factory = task -> {
            Thread t = new Thread(task, namePrefix + threadNumber.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    public CallbackExecutor(String clientId) {
        this(clientId, Time.SYSTEM, DEFAULT_HAND_OVER_AFTER);
    }

    /**
     * Queues {@code task}; it runs after every task submitted before it (unless one of them blocked past the
     * hand-over time). A task that throws is logged; the next one runs.
     *
     * @throws RejectedExecutionException after {@link #close}
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException(namePrefix + "* is closed");
            }
            queue.add(task);
            if (drainer == null) {
                startDrainerLocked();
            } else {
                workOrExit.signal();
                if (taskStartedMs >= 0 && time.monotonicMs() - taskStartedMs >= handOverAfterMs) {
                    // The running task is overdue and now something waits behind it: hand over without delay.
                    watchdogWake.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is one of this executor's. */
    public boolean isOwnThread() {
        return Thread.currentThread().getName().startsWith(namePrefix);
    }

    /**
     * Runs what is queued (within {@code timeout}), then stops every thread. Tasks submitted later are rejected.
     * Called from a callback thread it cannot wait for itself: it only stops accepting work.
     */
    public void close(Duration timeout) {
        long deadlineNs = time.nanoseconds() + timeout.toNanos();
        List<Thread> toJoin;
        lock.lock();
        try {
            closed = true;
            workOrExit.signalAll();
            watchdogWake.signalAll();
            toJoin = new ArrayList<>(threads);
            if (watchdog != null) {
                toJoin.add(watchdog);
            }
        } finally {
            lock.unlock();
        }
        if (isOwnThread()) {
            return;
        }
        for (Thread t : toJoin) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - time.nanoseconds());
            try {
                t.join(Math.max(1L, leftMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                log.warn("Callback thread {} still running after {}: a user callback does not return", t.getName(),
                        timeout);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    // ---- draining ---------------------------------------------------------------------------------------------

    private void startDrainerLocked() {
        Thread[] self = new Thread[1];
        Thread t = factory.newThread(() -> drain(self[0]));
        self[0] = t;
        drainer = t;
        taskStartedMs = -1;
        threads.removeIf(old -> !old.isAlive());
        threads.add(t);
        t.start();
        ensureWatchdogLocked();
    }

    private void drain(Thread me) {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                if (drainer != me) {
                    return; // handed over while our last task was blocked
                }
                long idleSinceMs = time.monotonicMs();
                while (queue.isEmpty()) {
                    if (closed || time.monotonicMs() - idleSinceMs >= IDLE_EXIT_MS) {
                        drainer = null;
                        return;
                    }
                    try {
                        workOrExit.await(IDLE_EXIT_MS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        drainer = null;
                        return;
                    }
                    if (drainer != me) {
                        return;
                    }
                }
                task = queue.poll();
                taskStartedMs = time.monotonicMs();
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("A callback run on {} threw", me.getName(), e);
            }
            lock.lock();
            try {
                if (drainer == me) {
                    taskStartedMs = -1;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- hand-over ---------------------------------------------------------------------------------------------

    private void ensureWatchdogLocked() {
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        watchdog = new Thread(this::watch, namePrefix + "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Lives as long as there is a drainer (and {@code IDLE_EXIT_MS} longer): checks the running task when it would
     * become overdue and hands the queue over when it has run too long with tasks waiting. It is started once, not per
     * task: it waits with a timeout instead of being signalled per task, so that the cost of guarding against a
     * blocking callback is a few wake-ups per second, not a thread start or a signal per task (the producer submits
     * one task per response). {@link #execute} signals it only when it queues behind an overdue task.
     */
    private void watch() {
        lock.lock();
        try {
            long idleSinceMs = time.monotonicMs();
            while (!closed) {
                long nowMs = time.monotonicMs();
                long waitMs;
                if (drainer == null) {
                    if (nowMs - idleSinceMs >= IDLE_EXIT_MS) {
                        return;
                    }
                    waitMs = IDLE_EXIT_MS - (nowMs - idleSinceMs);
                } else {
                    idleSinceMs = nowMs;
                    long runningMs = taskStartedMs < 0 ? -1 : nowMs - taskStartedMs;
                    if (runningMs >= handOverAfterMs && !queue.isEmpty()) {
                        log.debug("A callback on {} has run for {} ms with {} waiting: handing over",
                                drainer.getName(), runningMs, queue.size());
                        startDrainerLocked();
                        continue;
                    }
                    // A task not yet overdue is checked when it becomes so; otherwise one period later (execute
                    // signals us if it queues behind an overdue task meanwhile).
                    waitMs = runningMs >= 0 && runningMs < handOverAfterMs ? handOverAfterMs - runningMs
                            : handOverAfterMs;
                }
                try {
                    watchdogWake.await(waitMs, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            if (watchdog == Thread.currentThread()) {
                watchdog = null;
            }
            lock.unlock();
        }
    }
}
