package io.brook.producer.internal;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The allocator of record batch buffers: Netty's pooled allocator, plus a short free list of buffers of exactly
 * {@code batch.size}, the size nearly every uncompressed batch has. A finished batch's buffer that nobody else holds
 * goes back on the list ({@link #recycle}) instead of to Netty's pool, and the next batch takes it, so the steady
 * state costs neither pool bookkeeping nor cross-thread frees (batches are filled on the sending threads and freed
 * on the sender thread). This is what kafka-clients' own buffer pool does with its {@code batch.size} buffers.
 *
 * <p>The list holds at most {@code maxFree} buffers, outside {@code buffer.memory}'s accounting (a few hundred KiB);
 * {@link #close} frees them.
 *
 * <p>Thread-safe: the free list is a bounded blocking queue, touched once per batch.
 */
final class BatchBuffers extends AbstractByteBufAllocator {
    private final ByteBufAllocator delegate;
    private final int recycledCapacity;
    private final ArrayBlockingQueue<ByteBuf> free;
    private volatile boolean closed;

    BatchBuffers(ByteBufAllocator delegate, int recycledCapacity, int maxFree) {
        super(true);
        this.delegate = delegate;
        this.recycledCapacity = recycledCapacity;
        this.free = new ArrayBlockingQueue<>(Math.max(1, maxFree));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity == recycledCapacity && maxCapacity >= recycledCapacity) {
            ByteBuf reused = free.poll();
            if (reused != null) {
                return reused.clear();
            }
        }
        return delegate.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return delegate.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    /**
     * Gives back a batch buffer the caller holds the last reference to: kept for the next batch if it has the
     * recycled size and there is room, released otherwise. A buffer someone else still holds (a request being
     * written) is only released, which drops the caller's reference.
     */
    void recycle(ByteBuf buffer) {
        if (!closed && buffer.refCnt() == 1 && buffer.capacity() == recycledCapacity && buffer.isDirect()
                && free.offer(buffer.clear())) {
            if (closed) {
                drain();
            }
            return;
        }
        buffer.release();
    }

    /** Frees every buffer on the list; later recycled buffers are released at once. */
    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        ByteBuf b;
        while ((b = free.poll()) != null) {
            b.release();
        }
    }
}
