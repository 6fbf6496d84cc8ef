package io.brook.core.internal.network;

import io.brook.protocol.Releasable;
import io.brook.protocol.wire.RecordsGatheringBuf;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Pipeline handler {@code request-encoder}: writes each {@link OutboundFrame} as one Kafka request frame (int32
 * size, header, body). A body without record batches goes into a single pooled buffer sized exactly from
 * {@code size(version)}. A body that carries record batches (a Produce request; a {@link Releasable} message) is
 * encoded into a {@link RecordsGatheringBuf}: the batches are not copied but referenced, as retained slices, from a
 * composite buffer that the socket writes with one gathering write. Other messages pass through untouched.
 *
 * <p>A message whose {@code size} and {@code write} disagree, or that cannot be encoded at its version, fails its
 * request with a {@link RequestEncodingException}; nothing is written, so the connection stays usable.
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
        ByteBuf encoded;
        try {
            encoded = frame.body() instanceof Releasable ? encodeGathering(ctx, frame) : encodeFlat(ctx, frame);
        } catch (RuntimeException e) {
            promise.setFailure(new RequestEncodingException("Could not encode the "
                    + frame.body().apiKey().apiName() + " v" + frame.version() + " request: " + e.getMessage(), e));
            return;
        }
        ctx.write(encoded, promise);
    }

    private static ByteBuf encodeFlat(ChannelHandlerContext ctx, OutboundFrame frame) {
        int size = frameSize(frame);
        // Exact initial capacity; no cap on growth, because ByteBuf.writeCharSequence insists on room for the
        // worst-case UTF-8 length of a string even when the exact length is known and reserved.
        ByteBuf out = ctx.alloc().ioBuffer(4 + size);
        try {
            writeFrame(out, frame, size);
            checkSize(frame, size, out.readableBytes() - 4);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Encodes a body holding records, then releases the body: the frame holds its own references. */
    private static ByteBuf encodeGathering(ChannelHandlerContext ctx, OutboundFrame frame) {
        try {
            int size = frameSize(frame);
            RecordsGatheringBuf out = RecordsGatheringBuf.allocate(ctx.alloc(), 4 + size);
            try {
                writeFrame(out, frame, size);
                checkSize(frame, size, out.writtenBytes() - 4);
                return out.finish();
            } catch (RuntimeException e) {
                out.abandon();
                throw e;
            }
        } finally {
            ((Releasable) frame.body()).release();
        }
    }

    private static int frameSize(OutboundFrame frame) {
        return frame.header().size(frame.headerVersion()) + frame.body().size(frame.version());
    }

    private static void writeFrame(ByteBuf out, OutboundFrame frame, int size) {
        out.writeInt(size);
        frame.header().write(out, frame.headerVersion());
        frame.body().write(out, frame.version());
    }

    private static void checkSize(OutboundFrame frame, int size, int written) {
        if (written != size) {
            // size() and write() disagree: sending this would desynchronise the broker's framing.
            throw new IllegalStateException(frame.body().apiKey().apiName() + " v" + frame.version() + " wrote "
                    + written + " bytes but its size() said " + size);
        }
    }
}
