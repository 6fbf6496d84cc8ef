package io.brook.producer.internal;

import io.brook.core.Time;
import io.brook.core.internal.util.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's sender thread, {@code brook-<clientId>-producer-sender}: a thin loop around the {@link Sender}
 * state machine. It runs a cycle when woken ({@link #wakeup()}; wake-ups before the cycle runs make one cycle) and
 * at the deadline the last cycle asked for. It is also the executor to which the network layer hands responses and
 * the scheduler of the metadata manager's timers, so every piece of the producer's sending state is confined to this
 * one thread; network I/O itself stays on the Netty event loops.
 *
 * <p>Waking it is cheap: a flag, and an unpark only when the thread is actually parked (a busy sender is never
 * signalled), which matters because appenders wake it for every new batch.
 *
 * <p>Thread-safe: {@link #wakeup}, {@link #execute} and {@link #schedule} from any thread; the timer heap is
 * confined to the loop thread (other threads' timers arrive through the task queue).
 */
final class SenderLoop implements Executor, Scheduler {
    private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);

    private final Thread thread;
    private final Time time;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean cycleWanted = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean parked;
    private volatile boolean stopping;
    private LongUnaryOperator cycle = now -> Long.MAX_VALUE;
    // Loop thread only.
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long cycleDueMs = Long.MAX_VALUE;
    private long timerSequence;

    SenderLoop(String clientId, Time time) {
        this.time = time;
        this.thread = new Thread(this::run, "brook-" + clientId + "-producer-sender");
        thread.setDaemon(true);
    }

    /** Sets what one cycle does (given the monotonic time, it returns when it wants to run next); then starts. */
    void cycle(LongUnaryOperator cycle) {
        this.cycle = cycle;
        if (started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    /** Asks for a cycle soon; free when one is already wanted. Never blocks. */
    void wakeup() {
        if (cycleWanted.compareAndSet(false, true) && parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs {@code task} on the sender thread, after the tasks queued before it.
     *
     * @throws RejectedExecutionException after {@link #shutdown}
     */
    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw new RejectedExecutionException(thread.getName() + " is stopped");
        }
        tasks.add(task);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Timer timer = new Timer(task);
        long dueMs = time.monotonicMs() + Math.max(0L, delayMs);
        try {
            execute(() -> {
                timer.dueMs = dueMs;
                timer.sequence = timerSequence++;
                timers.add(timer);
            });
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
        return () -> timer.cancelled = true;
    }

    boolean isOwnThread() {
        return Thread.currentThread() == thread;
    }

    // ---- the loop ---------------------------------------------------------------------------------------------------

    private void run() {
        while (!stopping) {
            runTasks();
            long nowMs = time.monotonicMs();
            runDueTimers(nowMs);
            if (cycleWanted.getAndSet(false) || nowMs >= cycleDueMs) {
                cycleDueMs = Long.MAX_VALUE;
                cycleDueMs = runCycle(nowMs);
            }
            park();
        }
    }

    private long runCycle(long nowMs) {
        try {
            return cycle.applyAsLong(nowMs);
        } catch (RuntimeException | Error e) {
            log.error("The producer's sender cycle failed; it runs again shortly", e);
            return nowMs + 100;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("A task on {} failed", thread.getName(), e);
            }
        }
    }

    private void runDueTimers(long nowMs) {
        Timer t;
        while ((t = timers.peek()) != null && t.dueMs <= nowMs) {
            timers.poll();
            if (!t.cancelled) {
                try {
                    t.task.run();
                } catch (RuntimeException | Error e) {
                    log.error("A timer on {} failed", thread.getName(), e);
                }
            }
        }
    }

    /** Parks until woken, or until the next timer or cycle deadline. */
    private void park() {
        parked = true;
        try {
            // Re-check after publishing "parked": a waker that saw parked == false left its work where we see it now.
            if (stopping || !tasks.isEmpty() || cycleWanted.get()) {
                return;
            }
            long nowMs = time.monotonicMs();
            long dueMs = cycleDueMs;
            Timer next = timers.peek();
            while (next != null && next.cancelled) {
                timers.poll();
                next = timers.peek();
            }
            if (next != null) {
                dueMs = Math.min(dueMs, next.dueMs);
            }
            if (dueMs <= nowMs) {
                return;
            }
            if (dueMs == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                // Deadlines are monotonic ms (Time.monotonicMs is nanoseconds / 10^6): wait until that exact
                // nanosecond rather than for a whole number of ms from a truncated now, which would oversleep by up
                // to a millisecond (linger.ms would last 5.5 ms on average instead of 5).
                long waitNs = dueMs * 1_000_000L - time.nanoseconds();
                if (waitNs > 0) {
                    LockSupport.parkNanos(this, waitNs);
                }
            }
        } finally {
            parked = false;
        }
    }

    /** A timer task; its due time and sequence are set on the loop thread. */
    private static final class Timer implements Comparable<Timer> {
        final Runnable task;
        long dueMs;
        long sequence;
        volatile boolean cancelled;

        Timer(Runnable task) {
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            return dueMs != o.dueMs ? Long.compare(dueMs, o.dueMs) : Long.compare(sequence, o.sequence);
        }
    }

    // ---- stopping ---------------------------------------------------------------------------------------------------

    /**
     * Runs {@code task} on the sender thread and waits for it, up to {@code timeout}.
     *
     * @return whether it ran in time (false also when the thread is gone)
     */
    boolean runAndWait(Runnable task, Duration timeout) {
        if (isOwnThread()) {
            task.run();
            return true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            execute(() -> {
                try {
                    task.run();
                } finally {
                    done.complete(null);
                }
            });
            done.get(Math.max(1L, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the thread, dropping what is still queued, and waits up to {@code timeout} for it to end.
     *
     * @return whether it ended
     */
    boolean shutdown(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        if (isOwnThread() || !started.get()) {
            return !started.get();
        }
        try {
            thread.join(Math.max(1L, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Sender thread {} still running after {}", thread.getName(), timeout);
            return false;
        }
        return true;
    }
}
