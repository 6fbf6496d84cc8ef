package io.brook.core.internal.security;

import io.brook.core.internal.network.Endpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Pipeline handler {@value #NAME}, right after the {@code SslHandler}: holds the channel-active event back until
 * the TLS handshake has finished, so the ApiVersions handshake starts only on an established TLS session. A failed
 * TLS handshake fails the connection's readiness with the typed error of {@link TlsFailures} (before anything
 * later in the pipeline reports a mere disconnect) and closes the channel. Until the connection is ready it also
 * turns a TLS error into that typed error: a TLS 1.3 broker rejects a client certificate only after the client has
 * finished its handshake.
 *
 * <p>Confined to its channel's event loop.
 */
public final class TlsHandshakeGate extends ChannelInboundHandlerAdapter {
    public static final String NAME = "tls-handshake";

    private final Endpoint endpoint;
    private final CompletableFuture<?> ready;
    private boolean active;
    private boolean handshakeDone;

    /** @param ready the connection's readiness, failed here when TLS fails; completed by later handlers otherwise */
    public TlsHandshakeGate(Endpoint endpoint, CompletableFuture<?> ready) {
        this.endpoint = endpoint;
        this.ready = ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        if (handshakeDone) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                handshakeDone = true;
                if (active) {
                    ctx.fireChannelActive();
                }
            } else if (ready.completeExceptionally(TlsFailures.handshakeFailed(endpoint, done.cause()))) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (handshakeDone && !ready.isDone()) {
            SSLException ssl = sslCause(cause);
            if (ssl != null) {
                ready.completeExceptionally(TlsFailures.rejectedAfterHandshake(endpoint, ssl));
            }
        }
        ctx.fireExceptionCaught(cause);
    }

    private static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
