package io.brook.producer.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Taking a partition queue's lock, which appenders and the sender hold for well under a microsecond: a spin first,
 * then yielding the core (the holder may be waiting for it: two cores shared with the broker), and only then the
 * ordinary parking acquisition. A parked waiter costs the <em>holder</em> a wake-up system call when it unlocks: a
 * profile of the 1 KiB workload showed the sending thread spending a third of its CPU in {@code unlock} waking the
 * sender thread that had parked on a queue's lock after a 64-iteration spin. Stateless.
 */
final class Locks {
    /** Busy spins before yielding: the holder is normally running and about to unlock. */
    private static final int SPINS = 256;
    /** Yields before parking: the holder may have been descheduled (fewer cores than runnable threads). */
    private static final int YIELDS = 256;

    private Locks() {}

    static void lock(ReentrantLock lock) {
        if (lock.tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
        }
        for (int i = 0; i < YIELDS; i++) {
            Thread.yield();
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }
}
