package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Releasable;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.ResponseHeader;
import io.brook.protocol.wire.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline handler {@code in-flight}: correlates responses with requests. Outbound, it gives each
 * {@link PendingRequest} the next correlation id, remembers it and passes an {@link OutboundFrame} on. Inbound,
 * it reads the correlation id of each response frame, decodes the header at the response header version the
 * request's API and version call for (ApiVersions: always v0) and the body at the request's version, and
 * completes the request's future.
 *
 * <p>A response that fails to decode fails its request with {@link MalformedMessageException} and closes the
 * connection; so does a response with an unknown correlation id (the stream can no longer be trusted). When the
 * channel closes, every request still in flight fails with a retriable {@code NetworkException}, or with the
 * exception given to {@link #failAll} first.
 *
 * <p>A request that gets no response by protocol (a Produce request with acks=0) is completed with {@code null} as
 * soon as it is written, and never counts as in flight.
 *
 * <p>Whenever room for another request may have appeared (a request settled, or the socket became writable
 * again) it calls the {@linkplain #onRoom room listener}, so the connection can write what it queued.
 *
 * <p>Confined to its channel's event loop; {@link #inFlightCount()} must be called there too.
 */
final class InFlightRequests extends ChannelDuplexHandler {
    static final String NAME = "in-flight";

    private final String clientId;
    /** In send order: Kafka answers in order on one connection, so the oldest is the next to be answered. */
    private final Map<Integer, PendingRequest> inFlight = new LinkedHashMap<>();
    private int nextCorrelationId;
    private Throwable closeCause;
    private Runnable roomListener = () -> { };

    InFlightRequests(String clientId) {
        this.clientId = clientId;
    }

    /** Calls {@code listener} (on the event loop) whenever another request may fit. Event loop only. */
    void onRoom(Runnable listener) {
        this.roomListener = listener;
    }

    /** Requests written and not yet answered. Event loop only. */
    int inFlightCount() {
        return inFlight.size();
    }

    /** Fails every request in flight with {@code error} and forgets them. Event loop only. */
    void failAll(BrookException error) {
        List<PendingRequest> failed = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (PendingRequest p : failed) {
            p.fail(error);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof PendingRequest request)) {
            ctx.write(msg, promise);
            return;
        }
        if (request.isDone()) {
            // Cancelled or timed out before it reached the wire: nothing to send.
            request.releaseBody();
            promise.trySuccess();
            return;
        }
        int correlationId = nextCorrelationId();
        if (request.expectsResponse()) {
            inFlight.put(correlationId, request);
            promise.addListener(f -> {
                if (!f.isSuccess() && inFlight.remove(correlationId) != null) {
                    request.fail(NetworkErrors.sendFailed(request, f.cause()));
                    roomListener.run();
                }
            });
        } else {
            promise.addListener(f -> {
                if (f.isSuccess()) {
                    request.complete(null);
                } else {
                    request.fail(NetworkErrors.sendFailed(request, f.cause()));
                }
            });
        }
        ApiKey api = request.apiKey();
        RequestHeader header = new RequestHeader(api, request.version(), correlationId, clientId);
        ctx.write(new OutboundFrame(header, api.requestHeaderVersion(request.version()), request.body(),
                request.version()), promise);
    }

    private int nextCorrelationId() {
        int id = nextCorrelationId;
        // Stay non-negative: wrap to 0 rather than to Integer.MIN_VALUE.
        nextCorrelationId = id == Integer.MAX_VALUE ? 0 : id + 1;
        return id;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            onFrame(ctx, frame);
        } finally {
            frame.release();
        }
        roomListener.run();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            roomListener.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void onFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        if (frame.readableBytes() < 4) {
            closeWith(ctx, new MalformedMessageException("response frame of " + frame.readableBytes()
                    + " bytes has no correlation id"));
            return;
        }
        int correlationId = ResponseHeader.peekCorrelationId(frame);
        PendingRequest request = inFlight.remove(correlationId);
        if (request == null) {
            closeWith(ctx, new MalformedMessageException("response with correlation id " + correlationId
                    + " matches no request in flight"));
            return;
        }
        ApiMessage response;
        try {
            ResponseHeader.read(frame, request.apiKey().responseHeaderVersion(request.version()));
            response = readBody(request, frame);
        } catch (RuntimeException e) {
            MalformedMessageException error = NetworkErrors.malformed(request, e);
            request.fail(error);
            closeWith(ctx, error);
            return;
        }
        if (!request.complete(response)) {
            // Timed out or cancelled meanwhile: nobody will release the response's buffers but us.
            if (response instanceof Releasable r) {
                r.release();
            }
        }
    }

    /** Reads a response body at the version {@link VersionNegotiator#responseVersion} says. */
    private static ApiMessage readBody(PendingRequest request, ByteBuf frame) {
        short leadingErrorCode = frame.readableBytes() >= 2 ? frame.getShort(frame.readerIndex()) : 0;
        short version = VersionNegotiator.responseVersion(request.apiKey(), request.version(), leadingErrorCode);
        return request.apiKey().readResponse(frame, version);
    }

    private void closeWith(ChannelHandlerContext ctx, Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Decoder errors (oversized or negative frame size) and socket errors: the stream is unusable.
        closeWith(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        List<PendingRequest> failed = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (PendingRequest p : failed) {
            p.fail(NetworkErrors.disconnected(p, closeCause));
        }
        ctx.fireChannelInactive();
    }
}
