package io.brook.protocol.compress;

import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Snappy in the framing of xerial's {@code SnappyOutputStream}, which is what Kafka's Java client writes and
 * reads: a 16-byte header (magic {@code 0x82 'SNAPPY' 0}, then version 1 and minimum compatible version 1 as
 * big-endian int32s) followed by chunks, each a big-endian int32 length and one raw snappy block of at most
 * 32 KiB of input. Reading also accepts headers repeated between chunks (concatenated streams) and, like xerial's
 * reader, input without the header as one raw snappy block.
 *
 * <p>snappy-java's {@link ByteBuffer} API takes direct buffers only; {@link Codecs} guarantees them. Stateless.
 */
final class SnappyCodec {
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_SIZE = MAGIC.length + 8;
    private static final int VERSION = 1;
    private static final int MIN_COMPATIBLE_VERSION = 1;
    /** A chunk length equal to the magic's first four bytes marks a repeated header, as in xerial's reader. */
    private static final int MAGIC_HEAD = 0x82534e41;
    private static final int BLOCK_SIZE = 32 * 1024;
    /**
     * A snappy block expands by at most about 21x (a 3-byte copy emits 64 bytes); a larger stated length can only
     * be corrupt, and is refused before it sizes an allocation.
     */
    private static final int MAX_EXPANSION = 24;

    private SnappyCodec() {}

    static void compress(ByteBuffer src, ByteBuf dst) {
        dst.writeBytes(MAGIC);
        dst.writeInt(VERSION);
        dst.writeInt(MIN_COMPATIBLE_VERSION);
        int length = src.remaining();
        try {
            for (int offset = 0; offset < length; offset += BLOCK_SIZE) {
                int n = Math.min(BLOCK_SIZE, length - offset);
                int max = Snappy.maxCompressedLength(n);
                ByteBuffer out = NioBuffers.writable(dst, 4 + max);
                out.position(4);
                ByteBuffer block = src.duplicate();
                block.position(src.position() + offset).limit(src.position() + offset + n);
                int written = Snappy.compress(block, out);
                dst.writeInt(written);
                dst.writerIndex(dst.writerIndex() + written);
            }
        } catch (IOException | SnappyError e) {
            throw new CompressionException("snappy compression failed: " + e.getMessage(), e);
        }
    }

    /**
     * The total uncompressed length of a stream, from the length prefix of each raw block, so that the output is
     * allocated once. Validates the framing.
     */
    static int uncompressedLength(ByteBuf src) {
        ByteBuf in = src.duplicate();
        try {
            if (!hasHeader(in)) {
                return blockLength(in, in.readableBytes());
            }
            long total = 0;
            in.skipBytes(HEADER_SIZE);
            while (in.isReadable()) {
                int chunk = chunkLength(in);
                if (chunk < 0) {
                    continue; // a repeated header, already skipped
                }
                total += blockLength(in.slice(in.readerIndex(), chunk), chunk);
                in.skipBytes(chunk);
                if (total > Integer.MAX_VALUE - 8) {
                    throw new CompressionException("snappy stream inflates past 2 GiB");
                }
            }
            return (int) total;
        } catch (MalformedMessageException e) {
            throw new CompressionException("snappy block length is malformed: " + e.getMessage(), e);
        }
    }

    /** Decompresses into {@code dst}, which {@link #uncompressedLength} sized; {@code nio} is a direct view of src. */
    static void decompress(ByteBuf src, ByteBuffer nio, ByteBuf dst) {
        ByteBuf in = src.duplicate();
        // Offsets into nio are relative to where reading starts: a duplicate of a derived buffer may index its
        // bytes differently from the buffer it duplicates, so measure from the duplicate's own start.
        int start = in.readerIndex();
        try {
            if (!hasHeader(in)) {
                uncompressBlock(nio, 0, in.readableBytes(), dst);
                return;
            }
            in.skipBytes(HEADER_SIZE);
            while (in.isReadable()) {
                int chunk = chunkLength(in);
                if (chunk >= 0) {
                    uncompressBlock(nio, in.readerIndex() - start, chunk, dst);
                    in.skipBytes(chunk);
                }
            }
        } catch (IOException | SnappyError e) {
            throw new CompressionException("invalid snappy data: " + e.getMessage(), e);
        }
    }

    private static void uncompressBlock(ByteBuffer nio, int offset, int length, ByteBuf dst) throws IOException {
        ByteBuffer block = nio.duplicate();
        block.position(offset).limit(offset + length);
        ByteBuffer out = dst.nioBuffer(dst.writerIndex(), dst.writableBytes());
        int written = Snappy.uncompress(block, out);
        dst.writerIndex(dst.writerIndex() + written);
    }

    private static boolean hasHeader(ByteBuf in) {
        if (in.readableBytes() < HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.getByte(in.readerIndex() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads one chunk length; returns -1 after skipping a repeated stream header instead. */
    private static int chunkLength(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw new CompressionException("snappy chunk length is truncated");
        }
        int chunk = in.readInt();
        if (chunk == MAGIC_HEAD) {
            if (in.readableBytes() < HEADER_SIZE - 4) {
                throw new CompressionException("snappy stream header is truncated");
            }
            in.skipBytes(HEADER_SIZE - 4);
            return -1;
        }
        if (chunk < 0 || chunk > in.readableBytes()) {
            throw new CompressionException("snappy chunk length " + chunk + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
        return chunk;
    }

    /** The uncompressed length a raw block states in its varint prefix, checked against what it could hold. */
    private static int blockLength(ByteBuf block, int compressedLength) {
        int n = WireFormat.readUnsignedVarint(block.duplicate());
        if (n < 0 || (long) n > (long) compressedLength * MAX_EXPANSION + 64) {
            throw new CompressionException("snappy block states " + Integer.toUnsignedString(n)
                    + " uncompressed bytes in " + compressedLength + " compressed bytes");
        }
        return n;
    }
}
