package io.brook.core.internal.network;

import io.brook.core.Time;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline handler {@code request-timeouts}: fails requests whose deadline passed with a retriable
 * {@code TimeoutException} naming the API, version, endpoint and timeout, then closes the connection, as Kafka's
 * client does: responses arrive in order, so one overdue response holds up every later one.
 *
 * <p>Nothing blocks: a periodic tick on the channel's event loop compares deadlines with the injected
 * {@link Time}, so tests drive it with {@code ManualTime} and an {@code EmbeddedChannel}'s scheduled tasks.
 *
 * <p>Confined to its channel's event loop.
 */
final class RequestTimeouts extends ChannelDuplexHandler {
    static final String NAME = "request-timeouts";
    /** How often deadlines are checked; a request times out at most this late. */
    static final long DEFAULT_TICK_MS = 100L;

    private final Time time;
    private final long tickMs;
    /** Requests written and not known to be settled, in write order. */
    private final List<PendingRequest> watched = new ArrayList<>();
    private ScheduledFuture<?> tick;

    RequestTimeouts(Time time, long tickMs) {
        if (tickMs <= 0) {
            throw new IllegalArgumentException("tickMs must be > 0: " + tickMs);
        }
        this.time = time;
        this.tickMs = tickMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isRegistered()) {
            startTicking(ctx);
        }
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        startTicking(ctx);
        ctx.fireChannelRegistered();
    }

    private void startTicking(ChannelHandlerContext ctx) {
        if (tick == null) {
            tick = ctx.executor().scheduleAtFixedRate(() -> checkDeadlines(ctx), tickMs, tickMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof PendingRequest request) {
            watched.add(request);
        }
        ctx.write(msg, promise);
    }

    /** Fails every overdue request; closes the channel if any was. Event loop only. */
    void checkDeadlines(ChannelHandlerContext ctx) {
        long nowMs = time.monotonicMs();
        Throwable firstTimeout = null;
        for (Iterator<PendingRequest> it = watched.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (request.isDone()) {
                it.remove();
            } else if (nowMs >= request.deadlineMs()) {
                it.remove();
                Throwable error = NetworkErrors.timedOut(request, request.timeoutMs());
                request.fail(error);
                firstTimeout = firstTimeout == null ? error : firstTimeout;
            }
        }
        if (firstTimeout != null && ctx.channel().isOpen()) {
            // From the head, so the in-flight handler learns why the connection closes and says so to the
            // requests it fails. (A handler reacting to the timeout may have closed the channel already; then
            // the pipeline is being torn down and nobody would catch it.)
            ctx.pipeline().fireExceptionCaught(firstTimeout);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTicking();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTicking();
    }

    private void stopTicking() {
        if (tick != null) {
            tick.cancel(false);
        }
        watched.clear();
    }
}
