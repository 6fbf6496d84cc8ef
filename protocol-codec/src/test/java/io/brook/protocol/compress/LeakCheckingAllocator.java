package io.brook.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A private pooled allocator (one heap and one direct arena, no thread caches) whose arena metrics count live
 * allocations exactly, so a test can assert that every buffer it or the code under test allocated was released,
 * temporary copies included (they come from {@code buf.alloc()}, which is this allocator).
 */
public final class LeakCheckingAllocator {
    private final PooledByteBufAllocator alloc =
            new PooledByteBufAllocator(true, 1, 1, 8192, 9, 0, 0, false);

    public PooledByteBufAllocator alloc() {
        return alloc;
    }

    /** A pooled direct buffer holding {@code bytes}. */
    public ByteBuf direct(byte[] bytes) {
        return alloc.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** A pooled heap buffer holding {@code bytes}. */
    public ByteBuf heap(byte[] bytes) {
        return alloc.heapBuffer(bytes.length).writeBytes(bytes);
    }

    /** A composite of two pooled direct components splitting {@code bytes} at {@code split}. */
    public ByteBuf composite(byte[] bytes, int split) {
        ByteBuf a = alloc.directBuffer(split).writeBytes(bytes, 0, split);
        ByteBuf b = alloc.directBuffer(bytes.length - split).writeBytes(bytes, split, bytes.length - split);
        return alloc.compositeDirectBuffer().addComponents(true, a, b);
    }

    /** Live allocations in this allocator's arenas. */
    public long activeAllocations() {
        long n = 0;
        for (PoolArenaMetric m : alloc.metric().directArenas()) {
            n += m.numActiveAllocations();
        }
        for (PoolArenaMetric m : alloc.metric().heapArenas()) {
            n += m.numActiveAllocations();
        }
        return n;
    }

    public void assertNoLeaks() {
        assertThat(activeAllocations()).as("buffers still allocated").isZero();
    }
}
