package io.brook.admin.internal;

/**
 * Runs tasks after a delay: the retry backoff and call deadlines. Implemented over a named thread in production
 * and by a manual fake in tests. Thread-safe.
 */
public interface Scheduler {

    /** Runs {@code task} once, {@code delayMs} from now (at once if {@code delayMs <= 0}), on another thread. */
    Cancellable schedule(long delayMs, Runnable task);

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        /** Prevents the task from running if it has not started; idempotent. */
        void cancel();
    }
}
