package io.brook.core.internal.metadata;

import io.brook.core.internal.util.Scheduler;
import java.util.Objects;

/**
 * The one timer of a {@link MetadataManager}: fires when the next refresh attempt is due, because the snapshot
 * reaches {@code metadata.max.age.ms} or a backoff ends. Arming it again for the same time keeps the task already
 * scheduled; arming it for another time replaces it.
 *
 * <p>Not thread-safe: guarded by {@link MetadataManager}'s lock. The task runs on the {@link Scheduler}'s thread,
 * which takes that lock itself (and calls {@link #fired()} under it).
 */
final class RefreshTimer {
    private final Scheduler scheduler;
    private final Runnable onDue;
    private Scheduler.Cancellable task;
    private long dueMs;

    /** @param onDue runs when the timer fires; takes the manager's lock itself */
    RefreshTimer(Scheduler scheduler, Runnable onDue) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.onDue = Objects.requireNonNull(onDue, "onDue");
    }

    /** Fires at {@code dueMs} (monotonic ms), after {@code nowMs}. */
    void arm(long dueMs, long nowMs) {
        if (task != null && this.dueMs == dueMs) {
            return;
        }
        cancel();
        this.dueMs = dueMs;
        task = scheduler.schedule(onDue, dueMs - nowMs);
    }

    /** Stops the pending task, if any. */
    void cancel() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** The task is running: nothing is pending any more. */
    void fired() {
        task = null;
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} if that overflows: due times derived from huge ages never wrap. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
