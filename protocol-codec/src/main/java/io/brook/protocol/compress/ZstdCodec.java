package io.brook.protocol.compress;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Zstandard frames through zstd-jni's streaming context API, which reads and writes NIO buffers in place (heap or
 * direct). Writes one frame (with its content size, which readers may ignore); reads any number of concatenated
 * frames, with or without a content size, as Kafka's client writes them. Contexts are created per call and freed
 * before returning, so no native memory outlives a batch and nothing is pinned to a thread. Stateless.
 */
final class ZstdCodec {
    private static final int MIN_STEP = 4096;

    private ZstdCodec() {}

    static void compress(ByteBuffer src, ByteBuf dst, int level) {
        ByteBuffer in = src.duplicate();
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            int step = Math.max(MIN_STEP, in.remaining() / 2);
            boolean done = false;
            while (!done) {
                ByteBuffer out = NioBuffers.writable(dst, step);
                done = ctx.compressByteBufferStream(out, in, EndDirective.END);
                dst.writerIndex(dst.writerIndex() + out.position());
                step = Math.max(MIN_STEP, dst.writerIndex() / 2);
            }
        } catch (ZstdException e) {
            throw new CompressionException("zstd compression failed: " + e.getMessage(), e);
        }
    }

    static void decompress(ByteBuffer src, ByteBuf dst) {
        ByteBuffer in = src.duplicate();
        if (!in.hasRemaining()) {
            throw new CompressionException("zstd stream is empty");
        }
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            int step = Math.max(MIN_STEP, dst.writableBytes());
            while (true) {
                ByteBuffer out = NioBuffers.writable(dst, step);
                int before = in.position();
                boolean frameDone = ctx.decompressByteBufferStream(out, in);
                dst.writerIndex(dst.writerIndex() + out.position());
                if (frameDone && !in.hasRemaining()) {
                    return;
                }
                if (!frameDone && out.position() == 0 && in.position() == before) {
                    throw new CompressionException("zstd stream is truncated");
                }
                // Output full: grow geometrically. A finished frame with input left: the next frame follows.
                step = out.hasRemaining() ? step : Math.max(MIN_STEP, dst.writerIndex());
            }
        } catch (ZstdException e) {
            throw new CompressionException("invalid zstd data: " + e.getMessage(), e);
        }
    }

    /** The first frame's declared content size, or -1 when it does not declare one (or is not a zstd frame). */
    static long frameContentSize(ByteBuffer src) {
        try {
            long size;
            if (src.isDirect()) {
                size = Zstd.getDirectByteBufferFrameContentSize(src, src.position(), src.remaining());
            } else {
                size = Zstd.getFrameContentSize(src.array(), src.arrayOffset() + src.position(), src.remaining());
            }
            return size;
        } catch (RuntimeException e) {
            // Only a sizing hint: a bad header is reported by decompress itself.
            return -1;
        }
    }
}
