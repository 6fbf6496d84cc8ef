package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;

/**
 * Views of Netty buffers as single NIO buffers for the codec libraries, which all take {@link ByteBuffer}s.
 * Stateless.
 */
final class NioBuffers {
    private NioBuffers() {}

    /**
     * A view of {@code length} bytes of {@code src} from {@code index} as one NIO buffer (position 0, limit
     * {@code length}). Shares memory with {@code src} when it can; copies into a pooled direct buffer only when
     * {@code src} spans several NIO buffers (a composite), is a read-only heap buffer, or when {@code needDirect} and
     * {@code src} is on the heap.
     * The caller closes the returned view, which releases such a copy.
     */
    static Source source(ByteBuf src, int index, int length, ByteBufAllocator alloc, boolean needDirect) {
        if (src.nioBufferCount() == 1 && (!needDirect || src.isDirect())) {
            ByteBuffer view = src.nioBuffer(index, length);
            // A read-only heap view hides its array, which the native codecs need; such input is copied.
            if (view.isDirect() || view.hasArray()) {
                return new Source(view, null);
            }
        }
        ByteBuf copy = alloc.directBuffer(length);
        try {
            copy.writeBytes(src, index, length);
            return new Source(copy.nioBuffer(0, length), copy);
        } catch (RuntimeException | Error e) {
            copy.release();
            throw e;
        }
    }

    /**
     * Makes room for {@code n} bytes after {@code dst}'s writer index and returns a view of exactly that region
     * (position 0, limit {@code n}). Bytes put into the view land in {@code dst}; the caller then advances
     * {@code dst}'s writer index by the number it wrote. {@code dst} must be {@linkplain #isContiguous contiguous},
     * which {@link Codecs} guarantees.
     */
    static ByteBuffer writable(ByteBuf dst, int n) {
        dst.ensureWritable(n);
        return dst.nioBuffer(dst.writerIndex(), n);
    }

    /**
     * Whether {@code buf} is one block of memory however it grows: not a composite, nor derived from one. A
     * composite's NIO view across components is a copy, so writes into it would be lost.
     */
    static boolean isContiguous(ByteBuf buf) {
        for (ByteBuf b = buf; b != null; b = b.unwrap()) {
            if (b instanceof CompositeByteBuf) {
                return false;
            }
        }
        return true;
    }

    /** A borrowed NIO view, possibly backed by a temporary copy that {@link #close()} releases. */
    static final class Source implements AutoCloseable {
        final ByteBuffer nio;
        private final ByteBuf copy;

        private Source(ByteBuffer nio, ByteBuf copy) {
            this.nio = nio;
            this.copy = copy;
        }

        @Override
        public void close() {
            if (copy != null) {
                copy.release();
            }
        }
    }
}
