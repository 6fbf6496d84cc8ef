package io.brook.core.internal.util;

import io.brook.core.ManualTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} for tests: tasks run only when the test moves the {@link ManualTime} forward through this
 * scheduler, in due order, each at its due time, on the test's thread. Thread-safe (tests may complete futures
 * from other threads). Shared with the modules above client-core through its test jar.
 */
public final class ManualScheduler implements Scheduler {
    private final ManualTime time;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::sequence));
    private long nextSequence;

    public ManualScheduler(ManualTime time) {
        this.time = time;
    }

    private record Task(long dueMs, long sequence, Runnable action, boolean[] cancelled) {}

    @Override
    public synchronized Cancellable schedule(Runnable action, long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("negative delay " + delayMs);
        }
        boolean[] cancelled = {false};
        tasks.add(new Task(time.monotonicMs() + delayMs, nextSequence++, action, cancelled));
        return () -> {
            synchronized (this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every task due now, including tasks they schedule for now. */
    public void runDue() {
        advance(0);
    }

    /** Moves time forward by {@code ms}, stopping at each due task to run it. */
    public void advance(long ms) {
        long endMs = time.monotonicMs() + ms;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMs() > endMs) {
                    break;
                }
                tasks.poll();
                if (next.cancelled()[0]) {
                    continue;
                }
            }
            if (next.dueMs() > time.monotonicMs()) {
                time.advance(next.dueMs() - time.monotonicMs());
            }
            next.action().run();
        }
        if (endMs > time.monotonicMs()) {
            time.advance(endMs - time.monotonicMs());
        }
    }

    /** The due times (monotonic ms) of the tasks not cancelled, in order. */
    public synchronized List<Long> pendingDueTimes() {
        List<Task> live = new ArrayList<>(tasks);
        live.removeIf(t -> t.cancelled()[0]);
        live.sort(tasks.comparator());
        return live.stream().map(Task::dueMs).toList();
    }

    /** How long until the next live task is due, if any. */
    public Optional<Long> nextDelayMs() {
        List<Long> due = pendingDueTimes();
        return due.isEmpty() ? Optional.empty() : Optional.of(due.get(0) - time.monotonicMs());
    }
}
