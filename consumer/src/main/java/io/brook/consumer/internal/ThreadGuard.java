package io.brook.consumer.internal;

import io.brook.consumer.ConcurrentUseException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets one thread at a time into the consumer. The owning thread may re-enter (a rebalance listener calling the
 * consumer from inside poll); any other thread fails fast with {@link ConcurrentUseException} naming both threads.
 *
 * <p>Thread-safe: the owner is an atomic reference; the depth is only touched by the owner.
 */
final class ThreadGuard {
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private int depth;

    void acquire() {
        Thread current = Thread.currentThread();
        if (owner.get() == current) {
            depth++;
            return;
        }
        if (!owner.compareAndSet(null, current)) {
            Thread other = owner.get();
            throw new ConcurrentUseException("The consumer is being used by thread '"
                    + (other == null ? "?" : other.getName()) + "' and cannot be used by thread '" + current.getName()
                    + "' at the same time: a consumer is used by one thread at a time (only wakeup() may be called "
                    + "from any thread)");
        }
        depth = 1;
    }

    void release() {
        if (--depth == 0) {
            owner.set(null);
        }
    }
}
