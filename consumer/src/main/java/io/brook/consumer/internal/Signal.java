package io.brook.consumer.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the polling thread when something it may be waiting for happened: records fetched, a position found, a
 * rebalance step to run, a commit answered, {@code wakeup()}. A waiter reads {@link #sequence()} before checking
 * its condition and then {@link #await}s a change of it, so that a signal between the check and the wait is not
 * lost.
 *
 * <p>Thread-safe; guarded by its own lock, never held while calling out.
 */
final class Signal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long sequence;

    /** The current sequence number: read it before checking the condition you will wait for. */
    long sequence() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter. */
    void signal() {
        lock.lock();
        try {
            sequence++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the sequence moves past {@code seen} or {@code timeoutMs} passed (real time: this bounds how
     * long the caller's thread is blocked).
     *
     * @return whether the sequence moved
     */
    boolean await(long seen, long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long remainingNs = TimeUnit.MILLISECONDS.toNanos(Math.max(0L, timeoutMs));
            while (sequence == seen) {
                if (remainingNs <= 0L) {
                    return false;
                }
                remainingNs = changed.awaitNanos(remainingNs);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
