package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.core.Time;
import io.brook.protocol.ApiMessage;
import io.netty.channel.Channel;

/**
 * One broker connection whose handshake completed: the only kind {@link ConnectionPool} hands requests to.
 * Picks each request's version with the {@link VersionNegotiator} and the broker's {@link BrokerApiVersions},
 * then writes it to the channel.
 *
 * <p>Confined to its channel's event loop, like the {@link ConnectionSlot} that owns it; {@link #apiVersions()}
 * and {@link #endpoint()} are immutable and readable anywhere.
 */
final class BrokerConnection {
    private final Endpoint endpoint;
    private final Channel channel;
    private final BrokerApiVersions apiVersions;
    private final VersionNegotiator negotiator;
    private final Time time;
    private long lastSendMs;

    BrokerConnection(Endpoint endpoint, Channel channel, BrokerApiVersions apiVersions, VersionNegotiator negotiator,
            Time time) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.apiVersions = apiVersions;
        this.negotiator = negotiator;
        this.time = time;
        this.lastSendMs = time.monotonicMs();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Channel channel() {
        return channel;
    }

    BrokerApiVersions apiVersions() {
        return apiVersions;
    }

    /**
     * Negotiates the version, builds the body for it and writes it; fails the request's future instead of
     * throwing.
     */
    void send(OutgoingRequest send) {
        RequestBuilder request = send.request();
        short version;
        try {
            version = negotiator.pick(request.apiKey(), apiVersions, request.versions(), endpoint);
        } catch (BrookException e) {
            send.future().completeExceptionally(e);
            return;
        }
        ApiMessage body;
        try {
            body = request.build(version);
        } catch (RuntimeException e) {
            send.future().completeExceptionally(NetworkErrors.buildFailed(request.apiKey(), version, endpoint, e));
            return;
        }
        lastSendMs = time.monotonicMs();
        PendingRequest pending = PendingRequest.of(endpoint, version, body, send);
        channel.writeAndFlush(pending).addListener(f -> {
            // The in-flight handler fails requests whose write failed; this covers a write rejected before
            // reaching it (channel already closed and deregistered).
            if (!f.isSuccess()) {
                pending.fail(NetworkErrors.sendFailed(pending, f.cause()));
            }
        });
    }

    /** Requests written and unanswered; event loop only. */
    int inFlightCount() {
        InFlightRequests inFlight = channel.pipeline().get(InFlightRequests.class);
        return inFlight == null ? 0 : inFlight.inFlightCount();
    }

    /** Whether nothing was sent for {@code idleMs} and nothing is awaited. Event loop only. */
    boolean isIdle(long nowMs, long idleMs) {
        return nowMs - lastSendMs >= idleMs && inFlightCount() == 0;
    }

    /** Fails every request in flight with {@code error}, then closes the channel. Event loop only. */
    void failAllAndClose(BrookException error) {
        InFlightRequests inFlight = channel.pipeline().get(InFlightRequests.class);
        if (inFlight != null) {
            inFlight.failAll(error);
        }
        channel.close();
    }

    boolean isOpen() {
        return channel.isActive();
    }
}
