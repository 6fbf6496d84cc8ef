package io.brook.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyOutputStream;

/** Stream variants each codec must read (or refuse cleanly), and damage each must detect. */
class CompressionFormatTest {
    private static final byte[] DATA = TestData.text(180_000, 5);
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    // ---------------------------------------------------------------- every codec

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedStreamsFailWithoutLeaking(CompressionType type) {
        byte[] compressed = compress(Compression.of(type, null), DATA);
        for (int cut : new int[] {3, 12, compressed.length / 2, compressed.length - 1}) {
            byte[] truncated = Arrays.copyOf(compressed, cut);
            assertThatThrownBy(() -> decompress(type, truncated))
                    .as("%s cut at %d of %d", type, cut, compressed.length)
                    .isInstanceOf(CompressionException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void garbageFailsWithoutLeaking(CompressionType type) {
        byte[] garbage = TestData.random(5000, 99);
        assertThatThrownBy(() -> decompress(type, garbage)).isInstanceOf(CompressionException.class);
        assertThatThrownBy(() -> decompress(type, new byte[0])).isInstanceOf(CompressionException.class);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "LZ4", "ZSTD"})
    void flippedPayloadBitIsDetected(CompressionType type) {
        byte[] compressed = compress(Compression.of(type, null), DATA);
        // gzip and lz4 (written by lz4-java with checksums) must notice any flip; zstd notices structural damage.
        byte[] damaged = compressed.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        if (type == CompressionType.LZ4) {
            damaged = lz4FrameWith(DATA, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM);
            damaged[damaged.length / 2] ^= 0x01;
        }
        byte[] input = damaged;
        assertThatThrownBy(() -> {
            byte[] out = decompress(type, input);
            // A flip zstd's entropy decoding survives still cannot yield the original.
            if (!Arrays.equals(out, DATA)) {
                throw new CompressionException("decoded to different bytes");
            }
        }).isInstanceOf(CompressionException.class);
    }

    // ---------------------------------------------------------------- gzip

    @Test
    void gzipReadsOptionalHeaderFieldsAndConcatenatedMembers() throws IOException {
        byte[] plain = compress(Compression.gzip(), DATA);
        ByteArrayOutputStream withFields = new ByteArrayOutputStream();
        withFields.write(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
        withFields.write(new byte[] {3, 0, 'a', 'b', 'c'}); // FEXTRA: length 3 (little-endian), data
        withFields.write(new byte[] {'n', 'a', 'm', 'e', 0}); // FNAME
        withFields.write(new byte[] {'h', 'i', 0}); // FCOMMENT
        withFields.write(new byte[] {0x12, 0x34}); // FHCRC (not checked, as by the JDK)
        withFields.write(plain, 10, plain.length - 10);
        assertThat(decompress(CompressionType.GZIP, withFields.toByteArray())).isEqualTo(DATA);

        ByteArrayOutputStream two = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            try (GZIPOutputStream gz = new GZIPOutputStream(two.size() == 0 ? two : new NonClosing(two))) {
                gz.write(DATA);
            }
        }
        byte[] twice = concat(DATA, DATA);
        assertThat(decompress(CompressionType.GZIP, two.toByteArray())).isEqualTo(twice);
        // Bytes after a member that start no member are ignored, as GZIPInputStream does.
        assertThat(decompress(CompressionType.GZIP, concat(plain, new byte[] {1, 2, 3}))).isEqualTo(DATA);
    }

    @Test
    void gzipDetectsTrailerMismatch() {
        byte[] compressed = compress(Compression.gzip(), DATA);
        byte[] badCrc = compressed.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThatThrownBy(() -> decompress(CompressionType.GZIP, badCrc)).hasMessageContaining("CRC");
        byte[] badSize = compressed.clone();
        badSize[badSize.length - 4] ^= 1;
        assertThatThrownBy(() -> decompress(CompressionType.GZIP, badSize)).hasMessageContaining("size");
    }

    // ---------------------------------------------------------------- snappy

    @Test
    void snappyReadsRawBlocksAndConcatenatedStreams() throws IOException {
        assertThat(decompress(CompressionType.SNAPPY, Snappy.compress(DATA))).isEqualTo(DATA);

        ByteArrayOutputStream two = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            try (SnappyOutputStream s = new SnappyOutputStream(new NonClosing(two))) {
                s.write(DATA);
            }
        }
        assertThat(decompress(CompressionType.SNAPPY, two.toByteArray())).isEqualTo(concat(DATA, DATA));
    }

    @Test
    void snappyWritesXerialFramingIn32KiBBlocks() {
        byte[] compressed = compress(Compression.snappy(), DATA);
        assertThat(Arrays.copyOf(compressed, 16)).containsExactly(
                0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1);
        int chunks = 0;
        for (int pos = 16; pos < compressed.length; chunks++) {
            int len = ((compressed[pos] & 0xff) << 24) | ((compressed[pos + 1] & 0xff) << 16)
                    | ((compressed[pos + 2] & 0xff) << 8) | (compressed[pos + 3] & 0xff);
            pos += 4 + len;
        }
        assertThat(chunks).isEqualTo((DATA.length + 32 * 1024 - 1) / (32 * 1024));
    }

    @Test
    void snappyRefusesAnImpossibleLengthBeforeAllocating() {
        // A raw block claiming 2^31-1 uncompressed bytes in five.
        byte[] bogus = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        assertThatThrownBy(() -> decompress(CompressionType.SNAPPY, bogus))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("uncompressed bytes");
    }

    // ---------------------------------------------------------------- lz4

    @Test
    void lz4WritesKafkasFrameHeader() {
        byte[] compressed = compress(Compression.lz4(), DATA);
        assertThat(Arrays.copyOf(compressed, 6)).containsExactly(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40);
        assertThat(Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length))
                .containsExactly(0, 0, 0, 0);
    }

    @Test
    void lz4ReadsOptionalFrameFields() {
        for (BLOCKSIZE size : BLOCKSIZE.values()) {
            byte[] frame = lz4FrameWith(DATA, size, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM,
                    FLG.Bits.CONTENT_CHECKSUM, FLG.Bits.CONTENT_SIZE);
            assertThat(decompress(CompressionType.LZ4, frame)).as("%s", size).isEqualTo(DATA);
        }
        byte[] incompressible = TestData.random(100_000, 1);
        assertThat(decompress(CompressionType.LZ4, lz4FrameWith(incompressible, FLG.Bits.BLOCK_INDEPENDENCE)))
                .isEqualTo(incompressible);
    }

    @Test
    void lz4DetectsChecksumMismatchesAndRefusesDependentBlocks() {
        byte[] frame = lz4FrameWith(DATA, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.CONTENT_CHECKSUM);
        byte[] badContent = frame.clone();
        badContent[badContent.length - 1] ^= 1;
        assertThatThrownBy(() -> decompress(CompressionType.LZ4, badContent)).hasMessageContaining("content checksum");

        byte[] badHeader = compress(Compression.lz4(), DATA);
        badHeader[6] ^= 1;
        assertThatThrownBy(() -> decompress(CompressionType.LZ4, badHeader)).hasMessageContaining("header checksum");

        // lz4-java cannot write dependent blocks: clear the flag in Brook's frame and fix the header checksum.
        byte[] dependent = compress(Compression.lz4(), DATA);
        dependent[4] = 0x40;
        dependent[6] = (byte) (XXHashFactory.fastestInstance().hash32().hash(dependent, 4, 2, 0) >> 8);
        assertThatThrownBy(() -> decompress(CompressionType.LZ4, dependent)).hasMessageContaining("dependent");
    }

    // ---------------------------------------------------------------- zstd

    @Test
    void zstdReadsStreamingAndConcatenatedFrames() throws IOException {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(streamed, 3)) {
            for (int off = 0; off < DATA.length; off += 1000) {
                z.write(DATA, off, Math.min(1000, DATA.length - off));
            }
        }
        assertThat(decompress(CompressionType.ZSTD, streamed.toByteArray())).isEqualTo(DATA);
        byte[] frame = compress(Compression.zstd(), DATA);
        assertThat(decompress(CompressionType.ZSTD, concat(frame, streamed.toByteArray())))
                .isEqualTo(concat(DATA, DATA));
    }

    // ---------------------------------------------------------------- helpers

    private byte[] compress(Compression compression, byte[] data) {
        ByteBuf src = leaks.direct(data);
        ByteBuf dst = leaks.alloc().directBuffer();
        try {
            compression.compress(src, dst);
            return ByteBufUtil.getBytes(dst);
        } finally {
            src.release();
            dst.release();
        }
    }

    private byte[] decompress(CompressionType type, byte[] compressed) {
        ByteBuf in = leaks.direct(compressed);
        try {
            ByteBuf out = type.decompress(in, leaks.alloc());
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            in.release();
        }
    }

    private static byte[] lz4FrameWith(byte[] data, FLG.Bits... bits) {
        return lz4FrameWith(data, BLOCKSIZE.SIZE_64KB, bits);
    }

    private static byte[] lz4FrameWith(byte[] data, BLOCKSIZE size, FLG.Bits... bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, size, data.length, bits)) {
            lz4.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Lets a codec stream finish its frame on close without closing the shared sink. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
