package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Dispatches compression and decompression to the codec classes and owns the buffer bookkeeping around them:
 * NIO views, temporary copies and the output buffer, each released on every failure path. Stateless.
 */
final class Codecs {
    /** Decompressed output is guessed at this multiple of the input, then grown; most record data compresses less. */
    private static final int EXPANSION_GUESS = 4;
    private static final int MIN_OUTPUT = 1024;
    /** Caps the first guess so that one small corrupt batch cannot claim a large buffer up front. */
    private static final int MAX_INITIAL_OUTPUT = 4 << 20;

    private Codecs() {}

    static void compress(Compression compression, ByteBuf src, ByteBuf dst) {
        CompressionType type = compression.type();
        if (type == CompressionType.NONE) {
            dst.writeBytes(src, src.readerIndex(), src.readableBytes());
            return;
        }
        boolean needDirect = type == CompressionType.SNAPPY;
        if (NioBuffers.isContiguous(dst) && (!needDirect || dst.isDirect())) {
            compressInto(compression, src, dst);
            return;
        }
        // The codecs write through NIO views of dst's writable region, which must stay one block of memory as dst
        // grows; a composite (which grows by adding components), or a heap dst for snappy (whose ByteBuffer API is
        // direct-only), gets the output in a temporary buffer first.
        ByteBuf tmp = dst.alloc().directBuffer(src.readableBytes() / 2 + 64);
        try {
            compressInto(compression, src, tmp);
            dst.writeBytes(tmp);
        } finally {
            tmp.release();
        }
    }

    private static void compressInto(Compression compression, ByteBuf src, ByteBuf dst) {
        CompressionType type = compression.type();
        boolean needDirect = type == CompressionType.SNAPPY;
        try (NioBuffers.Source in = NioBuffers.source(src, src.readerIndex(), src.readableBytes(), dst.alloc(),
                needDirect)) {
            switch (type) {
                case GZIP -> GzipCodec.compress(in.nio, dst, compression.level());
                case SNAPPY -> SnappyCodec.compress(in.nio, dst);
                case LZ4 -> Lz4FrameCodec.compress(in.nio, dst, compression.level());
                case ZSTD -> ZstdCodec.compress(in.nio, dst, compression.level());
                default -> throw new IllegalStateException("unexpected codec " + type);
            }
        }
    }

    static ByteBuf decompress(CompressionType type, ByteBuf src, ByteBufAllocator alloc) {
        if (type == CompressionType.NONE) {
            return src.retainedSlice();
        }
        int n = src.readableBytes();
        boolean needDirect = type == CompressionType.SNAPPY;
        ByteBuf out = null;
        try (NioBuffers.Source in = NioBuffers.source(src, src.readerIndex(), n, alloc, needDirect)) {
            out = alloc.directBuffer(initialOutputCapacity(type, src, in));
            switch (type) {
                case GZIP -> GzipCodec.decompress(in.nio, out);
                case SNAPPY -> SnappyCodec.decompress(src, in.nio, out);
                case LZ4 -> Lz4FrameCodec.decompress(in.nio, out);
                case ZSTD -> ZstdCodec.decompress(in.nio, out);
                default -> throw new IllegalStateException("unexpected codec " + type);
            }
            ByteBuf result = out;
            out = null;
            return result;
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    private static int initialOutputCapacity(CompressionType type, ByteBuf src, NioBuffers.Source in) {
        if (type == CompressionType.SNAPPY) {
            // Snappy's framing states every chunk's uncompressed length: size the output exactly.
            return SnappyCodec.uncompressedLength(src);
        }
        if (type == CompressionType.ZSTD) {
            long known = ZstdCodec.frameContentSize(in.nio);
            if (known >= 0 && known <= MAX_INITIAL_OUTPUT) {
                return (int) known;
            }
        }
        long guess = (long) src.readableBytes() * EXPANSION_GUESS;
        return (int) Math.max(MIN_OUTPUT, Math.min(guess, MAX_INITIAL_OUTPUT));
    }
}
