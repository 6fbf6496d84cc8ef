package io.brook.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CompressionRoundTripTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    static Stream<Arguments> codecsAndSizes() {
        List<Arguments> args = new ArrayList<>();
        int[] sizes = {0, 1, 1000, 32 * 1024, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000, 2_500_000};
        for (Compression c : allCompressions()) {
            for (int size : sizes) {
                args.add(Arguments.of(c, size, true));
                args.add(Arguments.of(c, size, false));
            }
        }
        return args.stream();
    }

    static List<Compression> allCompressions() {
        return List.of(Compression.none(), Compression.gzip(), Compression.gzip(1), Compression.gzip(9),
                Compression.snappy(), Compression.lz4(), Compression.lz4(1), Compression.lz4(17), Compression.zstd(),
                Compression.zstd(-5), Compression.zstd(19));
    }

    @ParameterizedTest(name = "{0} {1} bytes compressible={2}")
    @MethodSource("codecsAndSizes")
    void roundTripsDirectBuffers(Compression compression, int size, boolean compressible) {
        byte[] data = compressible ? TestData.text(size, size) : TestData.random(size, size);
        ByteBuf src = leaks.direct(data);
        ByteBuf dst = leaks.alloc().directBuffer(16);
        ByteBuf out = null;
        try {
            compression.compress(src, dst);
            assertThat(src.readerIndex()).isZero();
            assertThat(src.readableBytes()).isEqualTo(size);
            if (compressible && size >= 1000 && compression.type() != CompressionType.NONE) {
                assertThat(dst.readableBytes()).isLessThan(size / 2);
            }
            out = compression.type().decompress(dst, leaks.alloc());
            assertThat(dst.readerIndex()).isZero();
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(data);
        } finally {
            release(src, dst, out);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void acceptsHeapCompositeAndOffsetSources(CompressionType type) {
        Compression compression = Compression.of(type, null);
        byte[] data = TestData.text(200_000, 7);
        for (ByteBuf src : List.of(leaks.heap(data), leaks.composite(data, 70_001), offsetBuffer(data))) {
            int readerIndex = src.readerIndex();
            ByteBuf dst = leaks.alloc().directBuffer();
            ByteBuf out = null;
            try {
                compression.compress(src, dst);
                assertThat(src.readerIndex()).isEqualTo(readerIndex);
                out = type.decompress(dst, leaks.alloc());
                assertThat(ByteBufUtil.getBytes(out)).isEqualTo(data);
            } finally {
                release(src, dst, out);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void writesIntoHeapAndCompositeDestinationsAfterExistingBytes(CompressionType type) {
        Compression compression = Compression.of(type, null);
        byte[] data = TestData.text(100_000, 3);
        ByteBuf src = leaks.direct(data);
        ByteBuf heapDst = leaks.alloc().heapBuffer().writeBytes(new byte[] {9, 9, 9});
        ByteBuf compositeDst = leaks.alloc().compositeDirectBuffer()
                .addComponent(true, leaks.alloc().directBuffer().writeBytes(new byte[] {9, 9, 9}));
        try {
            for (ByteBuf dst : List.of(heapDst, compositeDst)) {
                compression.compress(src, dst);
                assertThat(dst.getByte(2)).isEqualTo((byte) 9);
                ByteBuf payload = dst.slice(3, dst.readableBytes() - 3);
                ByteBuf out = type.decompress(payload, leaks.alloc());
                try {
                    assertThat(ByteBufUtil.getBytes(out)).isEqualTo(data);
                } finally {
                    out.release();
                }
            }
        } finally {
            release(src, heapDst, compositeDst);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void decompressesFromHeapAndCompositeInput(CompressionType type) {
        byte[] data = TestData.text(150_000, 11);
        ByteBuf src = leaks.direct(data);
        ByteBuf compressed = leaks.alloc().directBuffer();
        try {
            Compression.of(type, null).compress(src, compressed);
            byte[] bytes = ByteBufUtil.getBytes(compressed);
            // A retained slice inside a larger pooled buffer: derived buffers index their duplicates differently.
            ByteBuf outer = leaks.alloc().directBuffer().writeZero(61).writeBytes(bytes).writeZero(7);
            ByteBuf retainedSlice = outer.retainedSlice(61, bytes.length);
            outer.release();
            ByteBuf readOnlyHeap = leaks.heap(bytes).asReadOnly();
            for (ByteBuf in : List.of(leaks.heap(bytes), leaks.composite(bytes, bytes.length / 3), retainedSlice,
                    readOnlyHeap)) {
                ByteBuf out = type.decompress(in, leaks.alloc());
                try {
                    assertThat(ByteBufUtil.getBytes(out)).isEqualTo(data);
                } finally {
                    release(in, out);
                }
            }
        } finally {
            release(src, compressed);
        }
    }

    private ByteBuf offsetBuffer(byte[] data) {
        ByteBuf b = leaks.alloc().directBuffer(data.length + 5);
        b.writeBytes(new byte[] {1, 2, 3, 4, 5}).writeBytes(data);
        b.skipBytes(5);
        return b;
    }

    static void release(ByteBuf... bufs) {
        for (ByteBuf b : bufs) {
            if (b != null) {
                b.release();
            }
        }
    }
}
