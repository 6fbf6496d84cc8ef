package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames split at their size prefix, gathered into one buffer of their own size however the bytes arrive. */
class ResponseFrameDecoderTest {

    private static byte[] frame(Random random, int size) {
        byte[] frame = new byte[4 + size];
        frame[0] = (byte) (size >>> 24);
        frame[1] = (byte) (size >>> 16);
        frame[2] = (byte) (size >>> 8);
        frame[3] = (byte) size;
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) random.nextInt();
        }
        return frame;
    }

    @Test
    void framesArrivingInArbitraryPiecesComeOutWholeAndExactlySized() {
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(10 << 20));
            List<byte[]> frames = new ArrayList<>();
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (int f = 0; f < 5; f++) {
                byte[] frame = frame(random, random.nextInt(3) == 0 ? random.nextInt(10) : random.nextInt(300_000));
                frames.add(frame);
                stream.writeBytes(frame);
            }
            byte[] all = stream.toByteArray();
            int position = 0;
            while (position < all.length) {
                int piece = Math.min(all.length - position, 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
                ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(piece);
                chunk.writeBytes(all, position, piece);
                channel.writeInbound(chunk);
                position += piece;
            }
            for (byte[] expected : frames) {
                ByteBuf out = channel.readInbound();
                assertThat(out).as("round %d", round).isNotNull();
                try {
                    assertThat(ByteBufUtil.getBytes(out)).isEqualTo(java.util.Arrays.copyOfRange(expected, 4,
                            expected.length));
                } finally {
                    out.release();
                }
            }
            assertThat((Object) channel.readInbound()).isNull();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aLargeFrameIsGatheredIntoOneBufferOfItsSize() {
        ResponseFrameDecoder.ExactSizeCumulator cumulator = ResponseFrameDecoder.EXACT_SIZE;
        byte[] frame = frame(new Random(1), 1_000_000);
        ByteBuf cumulation = PooledByteBufAllocator.DEFAULT.directBuffer(65_536);
        cumulation.writeBytes(frame, 0, 65_536);
        for (int position = 65_536; position < frame.length; position += 65_536) {
            ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(65_536);
            in.writeBytes(frame, position, Math.min(65_536, frame.length - position));
            cumulation = cumulator.cumulate(PooledByteBufAllocator.DEFAULT, cumulation, in, 10 << 20);
            assertThat(cumulation.capacity()).isEqualTo(frame.length);
        }
        assertThat(ByteBufUtil.getBytes(cumulation)).isEqualTo(frame);
        cumulation.release();
    }

    @Test
    void anImpossibleSizeIsNotUsedForSizingAndTheFrameIsRejected() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(1_000));
        ByteBuf first = PooledByteBufAllocator.DEFAULT.directBuffer(2).writeByte(0x7f).writeByte(0xff);
        channel.writeInbound(first);
        ByteBuf rest = PooledByteBufAllocator.DEFAULT.directBuffer(4).writeByte(0xff).writeByte(0xff).writeShort(1);
        assertThatThrownBy(() -> channel.writeInbound(rest)).isInstanceOf(TooLongFrameException.class);
        channel.finishAndReleaseAll();
    }
}
