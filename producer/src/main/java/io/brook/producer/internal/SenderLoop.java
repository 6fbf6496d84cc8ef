package io.brook.producer.internal;

import io.brook.core.Time;
import io.brook.core.internal.util.Scheduler;
import io.brook.core.internal.util.ThreadScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's sender thread, {@code brook-<clientId>-producer-sender}: a thin driver around the {@link Sender}
 * state machine. It runs a cycle when woken ({@link #wakeup()}, coalesced: many wake-ups before the cycle runs make
 * one cycle) and at the deadline the last cycle asked for. It is also the executor to which the network layer hands
 * responses and on which the metadata manager's timers run, so every piece of the producer's sending state is
 * confined to this one thread; network I/O itself stays on the Netty event loops.
 *
 * <p>Thread-safe: {@link #wakeup()} and {@link #execute} from any thread; the timer fields are confined to the
 * thread.
 */
final class SenderLoop implements Executor, Scheduler {
    private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);

    private final ThreadScheduler thread;
    private final Time time;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private LongUnaryOperator cycle = now -> Long.MAX_VALUE;
    // Confined to the thread.
    private Cancellable timer;
    private long timerDueMs = Long.MAX_VALUE;

    SenderLoop(String clientId, Time time) {
        this.thread = new ThreadScheduler("brook-" + clientId + "-producer-sender");
        this.time = time;
    }

    /** Sets what one cycle does: given the monotonic time, it returns when it wants to run next. */
    void cycle(LongUnaryOperator cycle) {
        this.cycle = cycle;
    }

    /** Asks for a cycle soon; free when one is already pending. Never blocks. */
    void wakeup() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(this::runCycle);
            } catch (RejectedExecutionException e) {
                // Shut down: nothing runs any more.
            }
        }
    }

    private void runCycle() {
        wakePending.set(false);
        long nowMs = time.monotonicMs();
        long next;
        try {
            next = cycle.applyAsLong(nowMs);
        } catch (RuntimeException e) {
            log.error("The producer's sender cycle failed; it runs again shortly", e);
            next = nowMs + 100;
        }
        arm(next, nowMs);
    }

    private void arm(long dueMs, long nowMs) {
        if (dueMs == timerDueMs) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerDueMs = dueMs;
        if (dueMs == Long.MAX_VALUE) {
            return;
        }
        timer = thread.schedule(() -> {
            timer = null;
            timerDueMs = Long.MAX_VALUE;
            runCycle();
        }, Math.max(0L, dueMs - nowMs));
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        return thread.schedule(task, delayMs);
    }

    /** Whether the calling thread is the sender thread. */
    boolean isOwnThread() {
        return thread.isOwnThread();
    }

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
            thread.execute(() -> {
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

    /** Stops the thread, dropping what is queued. */
    boolean shutdown(Duration timeout) {
        return thread.shutdown(timeout);
    }
}
