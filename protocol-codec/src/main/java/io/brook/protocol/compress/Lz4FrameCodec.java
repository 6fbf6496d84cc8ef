package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 frames as Kafka's Java client writes and reads them for record batch v2.
 *
 * <p>Written: magic {@code 0x184D2204} (little-endian), FLG {@code 0x60} (version 01, independent blocks, no
 * block or content checksum, no content size), BD {@code 0x40} (64 KiB maximum block), the header checksum byte
 * (bits 8-15 of XXH32 over FLG and BD, the correct form that magic-1+ readers check), then blocks (little-endian
 * int32 size, high bit set for a block stored uncompressed because it did not shrink) and a zero end mark. Level 9,
 * the default, uses lz4's fast compressor and other levels its HC compressor, as Kafka does.
 *
 * <p>Read: the same, and also the optional fields Kafka's reader accepts: block checksums (verified), a content
 * size (skipped), a content checksum (verified as XXH32 of the frame's content) and maximum block sizes up to
 * 4 MiB. Dependent blocks, dictionaries and reserved bits are refused. Bytes after the end mark are ignored, as
 * Kafka's reader ignores them. Stateless; the lz4-java instances are thread-safe.
 */
final class Lz4FrameCodec {
    private static final int MAGIC = 0x184D2204;
    private static final int FLG_VERSION_MASK = 0xC0;
    private static final int FLG_VERSION_01 = 0x40;
    private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_RESERVED_AND_DICT = 0x03;
    private static final int BD_64KB = 4 << 4;
    private static final int BLOCK_SIZE = 64 * 1024;
    private static final int UNCOMPRESSED_BIT = 0x80000000;
    private static final int DEFAULT_LEVEL = 9;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();
    private static final int FLG_WRITTEN = FLG_VERSION_01 | FLG_BLOCK_INDEPENDENCE;
    private static final byte HC_WRITTEN = headerChecksum(ByteBuffer.wrap(new byte[] {FLG_WRITTEN, BD_64KB}), 0, 2);

    private Lz4FrameCodec() {}

    static void compress(ByteBuffer src, ByteBuf dst, int level) {
        LZ4Compressor compressor = level == DEFAULT_LEVEL ? LZ4.fastCompressor() : LZ4.highCompressor(level);
        dst.writeIntLE(MAGIC);
        dst.writeByte(FLG_WRITTEN);
        dst.writeByte(BD_64KB);
        dst.writeByte(HC_WRITTEN);
        int base = src.position();
        int length = src.remaining();
        try {
            for (int offset = 0; offset < length; offset += BLOCK_SIZE) {
                int n = Math.min(BLOCK_SIZE, length - offset);
                int max = compressor.maxCompressedLength(n);
                ByteBuffer out = NioBuffers.writable(dst, 4 + max);
                int written = compressor.compress(src, base + offset, n, out, 4, max);
                if (written < n) {
                    dst.writeIntLE(written);
                    dst.writerIndex(dst.writerIndex() + written);
                } else {
                    // Incompressible: store the block as is (overwriting the attempt), flagged by the high bit.
                    dst.writeIntLE(n | UNCOMPRESSED_BIT);
                    ByteBuffer block = src.duplicate();
                    block.position(base + offset).limit(base + offset + n);
                    dst.writeBytes(block);
                }
            }
        } catch (LZ4Exception e) {
            throw new CompressionException("lz4 compression failed: " + e.getMessage(), e);
        }
        dst.writeIntLE(0);
    }

    static void decompress(ByteBuffer src, ByteBuf dst) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int contentStart = dst.writerIndex();
        FrameDescriptor fd = readDescriptor(in);
        try {
            while (true) {
                need(in, 4, "block size");
                int word = in.getInt();
                if (word == 0) {
                    break;
                }
                readBlock(in, word, fd, dst);
            }
        } catch (LZ4Exception e) {
            throw new CompressionException("invalid lz4 block: " + e.getMessage(), e);
        }
        if (fd.contentChecksum) {
            need(in, 4, "content checksum");
            int expected = in.getInt();
            int actual = XXHASH.hash(dst.nioBuffer(contentStart, dst.writerIndex() - contentStart), 0,
                    dst.writerIndex() - contentStart, 0);
            if (actual != expected) {
                throw new CompressionException("lz4 content checksum mismatch");
            }
        }
    }

    private static void readBlock(ByteBuffer in, int word, FrameDescriptor fd, ByteBuf dst) {
        boolean stored = (word & UNCOMPRESSED_BIT) != 0;
        int size = word & ~UNCOMPRESSED_BIT;
        if (size > fd.maxBlockSize) {
            throw new CompressionException("lz4 block of " + size + " bytes exceeds the frame's maximum "
                    + fd.maxBlockSize);
        }
        need(in, size, "block");
        int position = in.position();
        if (stored) {
            ByteBuffer block = in.duplicate();
            block.limit(position + size);
            dst.writeBytes(block);
        } else {
            ByteBuffer out = NioBuffers.writable(dst, fd.maxBlockSize);
            int written = DECOMPRESSOR.decompress(in, position, size, out, 0, fd.maxBlockSize);
            dst.writerIndex(dst.writerIndex() + written);
        }
        in.position(position + size);
        if (fd.blockChecksum) {
            need(in, 4, "block checksum");
            if (XXHASH.hash(in, position, size, 0) != in.getInt()) {
                throw new CompressionException("lz4 block checksum mismatch");
            }
        }
    }

    private static FrameDescriptor readDescriptor(ByteBuffer in) {
        need(in, 7, "frame header");
        if (in.getInt() != MAGIC) {
            throw new CompressionException("not an lz4 frame (bad magic)");
        }
        int descriptorStart = in.position();
        int flg = in.get() & 0xff;
        int bd = in.get() & 0xff;
        if ((flg & FLG_VERSION_MASK) != FLG_VERSION_01) {
            throw new CompressionException("unsupported lz4 frame version " + (flg >>> 6));
        }
        if ((flg & FLG_BLOCK_INDEPENDENCE) == 0) {
            throw new CompressionException("lz4 frames with dependent blocks are not supported");
        }
        if ((flg & FLG_RESERVED_AND_DICT) != 0 || (bd & 0x8f) != 0) {
            throw new CompressionException("lz4 frame uses a dictionary or reserved bits");
        }
        int sizeCode = (bd >>> 4) & 7;
        if (sizeCode < 4) {
            throw new CompressionException("invalid lz4 maximum block size code " + sizeCode);
        }
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            need(in, 8, "content size");
            in.position(in.position() + 8);
        }
        need(in, 1, "header checksum");
        byte expected = headerChecksum(in, descriptorStart, in.position() - descriptorStart);
        if (in.get() != expected) {
            throw new CompressionException("lz4 frame header checksum mismatch");
        }
        return new FrameDescriptor(1 << (2 * sizeCode + 8), (flg & FLG_BLOCK_CHECKSUM) != 0,
                (flg & FLG_CONTENT_CHECKSUM) != 0);
    }

    private static byte headerChecksum(ByteBuffer buf, int offset, int length) {
        return (byte) ((XXHASH.hash(buf, offset, length, 0) >> 8) & 0xff);
    }

    private static void need(ByteBuffer in, int n, String what) {
        if (in.remaining() < n) {
            throw new CompressionException("lz4 " + what + " is truncated");
        }
    }

    private record FrameDescriptor(int maxBlockSize, boolean blockChecksum, boolean contentChecksum) {}
}
