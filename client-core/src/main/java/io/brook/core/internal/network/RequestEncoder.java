package io.brook.core.internal.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Pipeline handler {@code request-encoder}: writes each {@link OutboundFrame} as one Kafka request frame (int32
 * size, header, body) into a single pooled buffer sized exactly from {@code size(version)}, so nothing is copied
 * or resized. Other messages pass through untouched.
 *
 * <p>Stateless; one instance per channel all the same, as pipeline handlers are.
 */
final class RequestEncoder extends ChannelOutboundHandlerAdapter {
    static final String NAME = "request-encoder";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof OutboundFrame frame)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf out = null;
        try {
            int headerSize = frame.header().size(frame.headerVersion());
            int bodySize = frame.body().size(frame.version());
            int size = headerSize + bodySize;
            // Exact initial capacity; no cap on growth, because ByteBuf.writeCharSequence insists on room for
            // the worst-case UTF-8 length of a string even when the exact length is known and reserved.
            out = ctx.alloc().ioBuffer(4 + size);
            out.writeInt(size);
            frame.header().write(out, frame.headerVersion());
            frame.body().write(out, frame.version());
            if (out.readableBytes() != 4 + size) {
                // size() and write() disagree: sending this would desynchronise the broker's framing.
                throw new IllegalStateException(frame.body().apiKey().apiName() + " v" + frame.version()
                        + " wrote " + (out.readableBytes() - 4) + " bytes but its size() said " + size);
            }
        } catch (RuntimeException e) {
            if (out != null) {
                out.release();
            }
            // Nothing was written, so the stream is intact: the request fails alone, without closing the connection.
            promise.setFailure(new RequestEncodingException("Could not encode the "
                    + frame.body().apiKey().apiName() + " v" + frame.version() + " request: " + e.getMessage(), e));
            return;
        }
        ctx.write(out, promise);
    }
}
