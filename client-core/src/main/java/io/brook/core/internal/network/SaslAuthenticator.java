package io.brook.core.internal.network;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.core.Time;
import io.brook.core.internal.security.SaslExchange;
import io.brook.core.internal.security.SaslProtocolException;
import io.brook.core.internal.security.SaslSettings;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.SaslAuthenticateRequest;
import io.brook.protocol.message.SaslAuthenticateResponse;
import io.brook.protocol.message.SaslHandshakeRequest;
import io.brook.protocol.message.SaslHandshakeResponse;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline handler {@value #NAME}: SASL authentication after ApiVersions and before the connection is handed out
 * (KIP-43, KIP-152): SaslHandshake names the mechanism, then SaslAuthenticate requests carry the mechanism's
 * messages ({@link SaslExchange}) until the client is satisfied; only then is {@code ready} completed. A rejected
 * mechanism fails {@code ready} with {@code UnsupportedSaslMechanismException} naming what the broker enables;
 * wrong credentials with {@code SaslAuthenticationException} naming the mechanism, the broker and the broker's
 * reason. Neither is retriable: the connection slot backs off and fails waiting requests with it.
 *
 * <p>Re-authentication (KIP-368): when the broker gives the session a lifetime, the handler authenticates again
 * on the same connection at a random point between 85% and 95% of it, as Kafka's client does. Meanwhile the
 * channel is marked unwritable, so the connection keeps new requests queued (anything written anyway is held
 * here); requests already in flight are answered first, since the broker reads the next request only after
 * answering the previous one. Once the broker accepted the new session, requests flow again. A failed
 * re-authentication fails the held requests and closes the connection; the next send reconnects.
 *
 * <p>Confined to its channel's event loop; the token supplier of OAUTHBEARER may complete elsewhere, and the
 * handler hops back.
 */
final class SaslAuthenticator extends ChannelDuplexHandler {
    static final String NAME = "sasl-authenticator";
    private static final Logger log = LoggerFactory.getLogger(SaslAuthenticator.class);
    /** SaslHandshake v0 sends the tokens as bare frames; Brook uses SaslAuthenticate, so v1 and later. */
    private static final VersionRange HANDSHAKE_VERSIONS = VersionRange.of(1, Short.MAX_VALUE);
    /** The user-defined writability bit cleared while re-authenticating (1 to 31 are free for applications). */
    private static final int REAUTH_WRITABILITY_BIT = 1;

    private final Endpoint endpoint;
    private final Time time;
    private final long timeoutMs;
    private final SaslSettings settings;
    private final VersionNegotiator negotiator;
    private final CompletableFuture<BrokerApiVersions> apiVersions;
    private final CompletableFuture<BrokerApiVersions> ready;
    /** Requests written while re-authenticating, in order, with their promises. */
    private final ArrayDeque<Object[]> held = new ArrayDeque<>();
    private BrokerApiVersions versions;
    private boolean reauthenticating;
    private ScheduledFuture<?> reauthTimer;

    /**
     * @param timeoutMs bounds each SASL request
     * @param apiVersions completed by the ApiVersions handshake; authentication starts then
     * @param ready the connection's readiness: completed here once authenticated, or failed
     */
    SaslAuthenticator(Endpoint endpoint, Time time, long timeoutMs, SaslSettings settings,
            VersionNegotiator negotiator, CompletableFuture<BrokerApiVersions> apiVersions,
            CompletableFuture<BrokerApiVersions> ready) {
        this.endpoint = endpoint;
        this.time = time;
        this.timeoutMs = timeoutMs;
        this.settings = settings;
        this.negotiator = negotiator;
        this.apiVersions = apiVersions;
        this.ready = ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Completed on the event loop by the ApiVersions handshake, so this runs there.
        apiVersions.whenComplete((v, error) -> {
            if (error != null) {
                ready.completeExceptionally(error);
            } else {
                versions = v;
                authenticate(ctx);
            }
        });
    }

    private void authenticate(ChannelHandlerContext ctx) {
        short version;
        try {
            version = negotiator.pick(ApiKey.SASL_HANDSHAKE, versions, HANDSHAKE_VERSIONS, endpoint);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        String mechanism = settings.mechanism().mechanismName();
        send(ctx, ApiKey.SASL_HANDSHAKE, version, SaslHandshakeRequest.builder().mechanism(mechanism).build())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        fail(ctx, error);
                    } else {
                        onHandshake(ctx, (SaslHandshakeResponse) response);
                    }
                });
    }

    private void onHandshake(ChannelHandlerContext ctx, SaslHandshakeResponse response) {
        Errors error = Errors.forCode(response.errorCode());
        if (error != Errors.NONE) {
            String detail = error == Errors.UNSUPPORTED_SASL_MECHANISM
                    ? "it does not enable " + settings.mechanism() + "; it enables " + response.mechanisms()
                    : error.name();
            fail(ctx, error.exception("SASL handshake with broker " + endpoint + " failed: " + detail));
            return;
        }
        settings.newExchange().whenComplete((exchange, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                // The type only: a token supplier's message may hold a secret.
                fail(ctx, new SaslAuthenticationException("SASL " + settings.mechanism() + " authentication with "
                        + "broker " + endpoint + " failed: no token (" + unwrap(failure).getClass().getName() + ")",
                        unwrap(failure)));
            } else if (ctx.channel().isActive()) {
                step(ctx, exchange, exchange.initialResponse());
            } else {
                fail(ctx, new NetworkException("Connection to " + endpoint + " closed during SASL authentication"));
            }
        }));
    }

    private void step(ChannelHandlerContext ctx, SaslExchange exchange, byte[] message) {
        short version;
        try {
            version = negotiator.pick(ApiKey.SASL_AUTHENTICATE, versions, endpoint);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        send(ctx, ApiKey.SASL_AUTHENTICATE, version, SaslAuthenticateRequest.builder().authBytes(message).build())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        fail(ctx, error);
                    } else {
                        onAuthenticate(ctx, exchange, (SaslAuthenticateResponse) response);
                    }
                });
    }

    private void onAuthenticate(ChannelHandlerContext ctx, SaslExchange exchange, SaslAuthenticateResponse r) {
        Errors error = Errors.forCode(r.errorCode());
        if (error != Errors.NONE) {
            // The broker's message names the reason (e.g. invalid credentials), never the secret.
            fail(ctx, error.exception("SASL " + exchange.mechanismName() + " authentication with broker " + endpoint
                    + " failed: " + (r.errorMessage() == null ? error.name() : r.errorMessage())));
            return;
        }
        byte[] next;
        try {
            next = exchange.evaluate(r.authBytes());
        } catch (SaslProtocolException e) {
            fail(ctx, new SaslAuthenticationException("SASL " + exchange.mechanismName() + " authentication with "
                    + "broker " + endpoint + " failed: " + e.getMessage()));
            return;
        }
        if (next != null) {
            step(ctx, exchange, next);
            return;
        }
        authenticated(ctx, r.sessionLifetimeMs());
    }

    private void authenticated(ChannelHandlerContext ctx, long sessionLifetimeMs) {
        if (sessionLifetimeMs > 0) {
            // Kafka's client: between 85% and 95% of the lifetime, so that many clients do not re-authenticate in step.
            double share = 0.85 + ThreadLocalRandom.current().nextDouble() * 0.10;
            long delayMs = Math.max(1, (long) (sessionLifetimeMs * share));
            reauthTimer = ctx.executor().schedule(() -> reauthenticate(ctx), delayMs, TimeUnit.MILLISECONDS);
        }
        if (reauthenticating) {
            reauthenticating = false;
            log.debug("Re-authenticated to broker {} with {}", endpoint, settings.mechanism());
            releaseHeld(ctx);
            setWritable(ctx, true);
        } else {
            log.debug("Authenticated to broker {} with {}", endpoint, settings.mechanism());
            ready.complete(versions);
        }
    }

    private void reauthenticate(ChannelHandlerContext ctx) {
        reauthTimer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        reauthenticating = true;
        // Unwritable, the connection keeps new requests in its queue (and within its in-flight limit) meanwhile.
        setWritable(ctx, false);
        authenticate(ctx);
    }

    /** Brook's own writability bit of the channel; the connection writes only while the channel is writable. */
    private static void setWritable(ChannelHandlerContext ctx, boolean writable) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null) {
            buffer.setUserDefinedWritability(REAUTH_WRITABILITY_BIT, writable);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (reauthenticating && msg instanceof PendingRequest) {
            held.add(new Object[] {msg, promise});
        } else {
            ctx.write(msg, promise);
        }
    }

    private void releaseHeld(ChannelHandlerContext ctx) {
        while (!held.isEmpty()) {
            Object[] entry = held.poll();
            ctx.write(entry[0], (ChannelPromise) entry[1]);
        }
        ctx.flush();
    }

    private CompletableFuture<ApiMessage> send(ChannelHandlerContext ctx, ApiKey api, short version, ApiMessage body) {
        CompletableFuture<ApiMessage> response = new CompletableFuture<>();
        ctx.writeAndFlush(PendingRequest.of(endpoint, version, body, time.monotonicMs(), timeoutMs, response));
        return response;
    }

    private void fail(ChannelHandlerContext ctx, Throwable error) {
        Throwable cause = unwrap(error);
        if (reauthenticating) {
            log.warn("Re-authentication to broker {} failed; closing the connection: {}", endpoint,
                    cause.getMessage());
            failHeld(cause);
            ctx.close();
        } else if (ready.completeExceptionally(cause)) {
            ctx.close();
        }
    }

    private void failHeld(Throwable cause) {
        while (!held.isEmpty()) {
            Object[] entry = held.poll();
            ((PendingRequest) entry[0]).fail(cause);
            ((ChannelPromise) entry[1]).tryFailure(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NetworkException closed = new NetworkException("Connection to " + endpoint
                + " closed during SASL authentication");
        ready.completeExceptionally(closed);
        failHeld(closed);
        cancelTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    private void cancelTimer() {
        if (reauthTimer != null) {
            reauthTimer.cancel(false);
            reauthTimer = null;
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
