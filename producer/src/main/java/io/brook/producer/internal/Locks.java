package io.brook.producer.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Taking a partition queue's lock, which appenders and the sender hold for well under a microsecond: a short spin
 * first, then the ordinary (parking) acquisition. Parking a waiter costs the holder a wake-up system call when it
 * unlocks, which under a steady stream of sends costs more than the wait itself. Stateless.
 */
final class Locks {
    /** About a few microseconds of spinning. */
    private static final int SPINS = 64;

    private Locks() {}

    static void lock(ReentrantLock lock) {
        if (lock.tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }
}
