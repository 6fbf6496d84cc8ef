package io.brook.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * A {@link ByteBufAllocator} that hands every call to a delegate and remembers the buffers it returned since the
 * last {@link #reset()}, so that a benchmark can tell how much direct memory an operation took: direct buffers are
 * invisible to {@code -prof gc}, which counts heap allocation only.
 *
 * <p>{@link #directBytes()} sums the {@linkplain ByteBuf#capacity() capacity} of the direct, non-composite buffers
 * handed out, read when it is called: a buffer that grew after allocation counts with its grown capacity, so call
 * it while those buffers are still alive. Composite buffers own no memory of their own (their components do) and
 * count zero; their component arrays are heap objects, which {@code -prof gc} sees. Up to {@value #TRACKED} buffers
 * per operation are remembered; more fail loudly.
 *
 * <p>Confined to one thread (a JMH {@code Scope.Thread} state), like the channel that uses it.
 */
public final class CountingAllocator implements ByteBufAllocator {
    private static final int TRACKED = 64;

    private final ByteBufAllocator delegate;
    private final ByteBuf[] handedOut = new ByteBuf[TRACKED];
    private int count;

    public CountingAllocator(ByteBufAllocator delegate) {
        this.delegate = delegate;
    }

    /** Forgets the buffers handed out so far; call before each measured operation. */
    public void reset() {
        java.util.Arrays.fill(handedOut, 0, count, null);
        count = 0;
    }

    /** How many buffers (composites included) were handed out since {@link #reset()}. */
    public int allocations() {
        return count;
    }

    /** The capacity, now, of the direct non-composite buffers handed out since {@link #reset()}. */
    public long directBytes() {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            ByteBuf buf = handedOut[i];
            if (buf.isDirect() && !(buf instanceof CompositeByteBuf)) {
                bytes += buf.capacity();
            }
        }
        return bytes;
    }

    private <B extends ByteBuf> B track(B buf) {
        if (count == TRACKED) {
            throw new IllegalStateException("more than " + TRACKED + " buffers in one operation");
        }
        handedOut[count++] = buf;
        return buf;
    }

    @Override
    public ByteBuf buffer() {
        return track(delegate.buffer());
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return track(delegate.buffer(initialCapacity));
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return track(delegate.buffer(initialCapacity, maxCapacity));
    }

    @Override
    public ByteBuf ioBuffer() {
        return track(delegate.ioBuffer());
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return track(delegate.ioBuffer(initialCapacity));
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.ioBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public ByteBuf heapBuffer() {
        return track(delegate.heapBuffer());
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return track(delegate.heapBuffer(initialCapacity));
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public ByteBuf directBuffer() {
        return track(delegate.directBuffer());
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        return track(delegate.directBuffer(initialCapacity));
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return track(delegate.compositeBuffer());
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return track(delegate.compositeBuffer(maxNumComponents));
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return track(delegate.compositeHeapBuffer());
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return track(delegate.compositeHeapBuffer(maxNumComponents));
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return track(delegate.compositeDirectBuffer());
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return track(delegate.compositeDirectBuffer(maxNumComponents));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return delegate.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return delegate.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
