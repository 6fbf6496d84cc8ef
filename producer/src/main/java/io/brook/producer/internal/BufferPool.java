package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import io.brook.producer.ProducerClosedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the memory the producer holds for records ({@code buffer.memory}). The memory itself comes from Netty's
 * pooled allocator (each batch's buffer); this pool only accounts for it, so that a producer whose broker falls
 * behind makes {@code send} wait instead of growing without limit.
 *
 * <p>Reservations take a lock-free fast path ({@link #tryReserve}); only a caller that finds too little room takes
 * the lock and waits on a {@link Condition} until room is released or its {@code max.block.ms} deadline passes, so
 * a waiting virtual thread unmounts instead of pinning its carrier. The sender thread never waits: it
 * {@link #forceReserve}s, which may overdraw the pool briefly (it only does so for records already accounted for
 * elsewhere, or for growth of a batch already being filled).
 *
 * <p>Thread-safe: {@code available} is atomic; waiters are guarded by {@code lock}.
 */
final class BufferPool {
    private final long totalBytes;
    private final Time time;
    private final AtomicLong available;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Threads waiting for room; read without the lock as a hint whether {@link #release} must signal. */
    private volatile int waiters;
    private volatile boolean closed;

    BufferPool(long totalBytes, Time time) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("negative buffer memory " + totalBytes);
        }
        this.totalBytes = totalBytes;
        this.time = time;
        this.available = new AtomicLong(totalBytes);
    }

    long totalBytes() {
        return totalBytes;
    }

    /** Bytes not reserved now; negative while overdrawn. */
    long availableBytes() {
        return available.get();
    }

    /** Takes {@code bytes} if that much is free now; never waits. */
    boolean tryReserve(long bytes) {
        long current = available.get();
        while (current >= bytes) {
            if (available.compareAndSet(current, current - bytes)) {
                return true;
            }
            current = available.get();
        }
        return false;
    }

    /**
     * Takes {@code bytes}, waiting until {@code deadlineNs} ({@link Time#nanoseconds()}) for room if needed.
     *
     * @param bytes at most {@link #totalBytes()} (larger records are rejected before they get here)
     * @param forWhat where the record goes, for the messages (a {@code TopicPartition}, or text): built only if needed
     * @throws TimeoutException if no room was released in time, naming {@code buffer.memory} and {@code max.block.ms}
     * @throws ProducerClosedException if the producer closes while waiting
     */
    void reserve(long bytes, long deadlineNs, long maxBlockMs, Object forWhat) {
        if (closed) {
            throw new ProducerClosedException("The producer was closed before a record for " + forWhat
                    + " got buffer memory");
        }
        if (waiters == 0 && tryReserve(bytes)) {
            return;
        }
        lock.lock();
        try {
            waiters++;
            try {
                // A newcomer takes the fast path only while nobody waits, so that waiters get released room first
                // (among themselves, whoever wakes first; records are far smaller than the pool, so none starves).
                while (!tryReserve(bytes)) {
                    if (closed) {
                        throw new ProducerClosedException("The producer was closed while a record for " + forWhat
                                + " waited for buffer memory");
                    }
                    long leftNs = deadlineNs - time.nanoseconds();
                    if (leftNs <= 0) {
                        throw new TimeoutException("Could not get " + bytes + " bytes of buffer.memory ("
                                + totalBytes + " bytes, " + Math.max(0, available.get()) + " free) for a record for "
                                + forWhat
                                + " within max.block.ms (" + maxBlockMs + " ms): the producer sends slower than "
                                + "records arrive, or its brokers are unreachable");
                    }
                    released.awaitNanos(leftNs);
                }
            } finally {
                waiters--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("Interrupted while a record for " + forWhat + " waited for buffer memory", e);
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code bytes} even if that overdraws the pool; never waits. */
    void forceReserve(long bytes) {
        available.addAndGet(-bytes);
    }

    /** Gives back {@code bytes} and wakes waiters if any. */
    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        available.addAndGet(bytes);
        if (waiters > 0) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Fails every waiting and later {@link #reserve} with {@link ProducerClosedException}. */
    void close() {
        closed = true;
        lock.lock();
        try {
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
