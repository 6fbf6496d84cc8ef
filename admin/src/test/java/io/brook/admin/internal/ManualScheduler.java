package io.brook.admin.internal;

import io.brook.core.ManualTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} on {@link ManualTime}: tasks run only inside {@link #advance(long)}, in due order, on the
 * test's thread. Not thread-safe.
 */
final class ManualScheduler implements Scheduler {
    private final ManualTime time;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    ManualScheduler(ManualTime time) {
        this.time = time;
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        Task t = new Task(time.monotonicMs() + Math.max(0, delayMs), sequence++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward by {@code ms}, running every task that falls due, at its due time. */
    void advance(long ms) {
        long end = time.monotonicMs() + ms;
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.dueMs <= end)
                    .min(Comparator.comparingLong((Task t) -> t.dueMs).thenComparingLong(t -> t.seq))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            if (next.dueMs > time.monotonicMs()) {
                time.advance(next.dueMs - time.monotonicMs());
            }
            next.task.run();
        }
        time.advance(end - time.monotonicMs());
        tasks.removeIf(t -> t.cancelled);
    }

    /** Tasks scheduled and neither run nor cancelled. */
    int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task {
        final long dueMs;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long dueMs, long seq, Runnable task) {
            this.dueMs = dueMs;
            this.seq = seq;
            this.task = task;
        }
    }
}
