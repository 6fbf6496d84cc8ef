package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class BatchBuffersTest {

    @Test
    void aBatchSizedBufferNobodyElseHoldsIsReusedCleared() {
        BatchBuffers buffers = new BatchBuffers(PooledByteBufAllocator.DEFAULT, 1024, 2);
        ByteBuf first = buffers.directBuffer(1024);
        first.writeLong(42);
        buffers.recycle(first);
        ByteBuf second = buffers.directBuffer(1024);
        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).isZero();
        assertThat(second.refCnt()).isEqualTo(1);
        second.release();
        buffers.close();
    }

    @Test
    void aBufferStillHeldElsewhereOrOfAnotherSizeIsOnlyReleased() {
        BatchBuffers buffers = new BatchBuffers(PooledByteBufAllocator.DEFAULT, 1024, 2);
        ByteBuf shared = buffers.directBuffer(1024);
        shared.retain();
        buffers.recycle(shared);
        assertThat(shared.refCnt()).as("the other holder's reference remains").isEqualTo(1);
        assertThat(buffers.directBuffer(1024)).isNotSameAs(shared).satisfies(ByteBuf::release);
        shared.release();
        ByteBuf other = buffers.directBuffer(2048);
        buffers.recycle(other);
        assertThat(other.refCnt()).isZero();
        buffers.close();
    }

    @Test
    void theFreeListIsBoundedAndClosingFreesIt() {
        BatchBuffers buffers = new BatchBuffers(PooledByteBufAllocator.DEFAULT, 512, 1);
        ByteBuf a = buffers.directBuffer(512);
        ByteBuf b = buffers.directBuffer(512);
        buffers.recycle(a);
        buffers.recycle(b);
        assertThat(a.refCnt()).as("kept").isEqualTo(1);
        assertThat(b.refCnt()).as("no room: released").isZero();
        buffers.close();
        assertThat(a.refCnt()).isZero();
        ByteBuf c = buffers.directBuffer(512);
        buffers.recycle(c);
        assertThat(c.refCnt()).as("after close, released at once").isZero();
    }
}
