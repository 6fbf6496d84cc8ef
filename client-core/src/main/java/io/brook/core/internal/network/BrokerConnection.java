package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.core.Time;
import io.brook.protocol.ApiMessage;
import io.netty.channel.Channel;

/**
 * One broker connection whose handshake completed: the only kind {@link ConnectionSlot} hands requests to. It
 * takes requests from the slot's {@link RequestQueue} while it has room, picks each one's version with the
 * {@link VersionNegotiator} and the broker's {@link BrokerApiVersions}, builds the body for that version, and
 * writes it.
 *
 * <p>Room means: fewer than {@code maxInFlight} requests awaiting their response (acks=0 Produce requests, which
 * get none, do not count) and a socket that takes more bytes ({@link Channel#isWritable()}: Netty's write buffer
 * below its high-water mark). The connection drains again when a response arrives, a request fails, or the socket
 * drains ({@link InFlightRequests} calls back).
 *
 * <p>Writes are not flushed one by one: the first write of a loop iteration schedules one flush at the end of the
 * iteration, so requests submitted together leave in one system call.
 *
 * <p>Confined to its channel's event loop, like the {@link ConnectionSlot} that owns it; {@link #apiVersions()},
 * {@link #endpoint()} and {@link #inFlightCount()} are readable anywhere.
 */
final class BrokerConnection {
    private final Endpoint endpoint;
    private final Channel channel;
    private final InFlightRequests inFlight;
    private final BrokerApiVersions apiVersions;
    private final VersionNegotiator negotiator;
    private final Time time;
    private final int maxInFlight;
    private final Runnable flushTask = this::flush;
    private long lastSendMs;
    private boolean flushScheduled;
    /** A snapshot of {@link InFlightRequests#inFlightCount()} for other threads. */
    private volatile int inFlightSnapshot;

    BrokerConnection(Endpoint endpoint, Channel channel, BrokerApiVersions apiVersions, VersionNegotiator negotiator,
            Time time, int maxInFlight) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.inFlight = channel.pipeline().get(InFlightRequests.class);
        this.apiVersions = apiVersions;
        this.negotiator = negotiator;
        this.time = time;
        this.maxInFlight = maxInFlight;
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

    /** Whether another request may be written now. */
    boolean hasRoom() {
        return channel.isWritable() && (inFlight == null || inFlight.inFlightCount() < maxInFlight);
    }

    /** Writes queued requests while there is room; the rest stay queued. */
    void drain(RequestQueue queue) {
        while (!queue.isEmpty() && hasRoom()) {
            OutgoingRequest next = queue.poll();
            if (next != null) {
                write(next);
            }
        }
        inFlightSnapshot = inFlight == null ? 0 : inFlight.inFlightCount();
    }

    /**
     * Negotiates the version, builds the body for it and writes it (the flush follows at the end of this loop
     * iteration); fails the request's future instead of throwing.
     */
    private void write(OutgoingRequest send) {
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
        channel.write(pending).addListener(f -> {
            // The in-flight handler fails requests whose write failed; this covers a write rejected before
            // reaching it (channel already closed and deregistered).
            if (!f.isSuccess()) {
                pending.releaseBody();
                pending.fail(NetworkErrors.sendFailed(pending, f.cause()));
            }
        });
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    private void flush() {
        flushScheduled = false;
        channel.flush();
    }

    /** Requests written and unanswered, as of the last change; any thread. */
    int inFlightCount() {
        return inFlightSnapshot;
    }

    /** Refreshes {@link #inFlightCount()} after a response or failure; event loop only. */
    void updateInFlightCount() {
        inFlightSnapshot = inFlight == null ? 0 : inFlight.inFlightCount();
    }

    /** Whether nothing was sent for {@code idleMs} and nothing is awaited. Event loop only. */
    boolean isIdle(long nowMs, long idleMs) {
        return nowMs - lastSendMs >= idleMs && (inFlight == null || inFlight.inFlightCount() == 0);
    }

    /** Fails every request in flight with {@code error}, then closes the channel. Event loop only. */
    void failAllAndClose(BrookException error) {
        if (inFlight != null) {
            inFlight.failAll(error);
        }
        channel.close();
    }

    boolean isOpen() {
        return channel.isActive();
    }
}
