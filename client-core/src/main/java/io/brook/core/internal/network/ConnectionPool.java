package io.brook.core.internal.network;

import io.brook.core.Time;
import io.brook.core.internal.util.ExponentialBackoff;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One connection per broker address and {@link ConnectionRole}, opened lazily by the first send to it. Connections
 * are keyed by host and port, not by node id, so a bootstrap address and the broker it turns out to be share one
 * connection (see {@link ConnectionSlot} for the
 * lifecycle: queueing while connecting, fail-fast during reconnect backoff, idle close). Each endpoint is bound
 * to one event loop of the client's group for its whole life, so its state needs no locks.
 *
 * <p>Thread-safe: the map of slots and the closed flag are guarded by {@code this}; the lock is held only to
 * look up or create a slot, never while waiting or doing I/O.
 */
final class ConnectionPool {
    private final NetworkConfig config;
    private final Time time;
    private final EventLoops eventLoops;
    private final NetworkTuning tuning;
    private final String softwareVersion;
    private final VersionNegotiator negotiator;
    private final ConnectionSlot.Settings slotSettings;
    private final Map<SlotKey, ConnectionSlot> slots = new HashMap<>();
    private boolean closed;

    /** @param lookup resolves host names off the event loops */
    ConnectionPool(NetworkConfig config, Time time, EventLoops eventLoops, NetworkTuning tuning,
            String softwareVersion, ConnectionSlot.AddressLookup lookup) {
        this.config = config;
        this.time = time;
        this.eventLoops = eventLoops;
        this.tuning = tuning;
        this.softwareVersion = softwareVersion;
        this.negotiator = new VersionNegotiator(config.versionPins());
        ExponentialBackoff reconnectBackoff = new ExponentialBackoff(config.reconnectBackoffMs(),
                NetworkConfig.RECONNECT_BACKOFF_MULTIPLIER, config.reconnectBackoffMaxMs(),
                NetworkConfig.RECONNECT_BACKOFF_JITTER);
        this.slotSettings = new ConnectionSlot.Settings(this::open, lookup, negotiator, time, reconnectBackoff,
                setupTimeouts(config), config.connectionsMaxIdleMs(), tuning.slotTickMs(),
                config.maxInFlightPerConnection(), config.maxQueuedPerConnection(), config.clientId(), config.events());
    }

    /**
     * The setup timeout per attempt: Kafka's exponential growth with jitter; exactly the configured timeout when the
     * maximum equals it (Kafka's static timeout has no jitter either).
     */
    static ExponentialBackoff setupTimeouts(NetworkConfig config) {
        long initialMs = config.socketConnectionSetupTimeoutMs();
        long maxMs = config.socketConnectionSetupTimeoutMaxMs();
        return maxMs == initialMs ? ExponentialBackoff.fixed(initialMs)
                : new ExponentialBackoff(initialMs, NetworkConfig.SETUP_TIMEOUT_MULTIPLIER, maxMs,
                        NetworkConfig.SETUP_TIMEOUT_JITTER);
    }

    VersionNegotiator negotiator() {
        return negotiator;
    }

    /** The key of a connection: where it goes and what it carries. */
    private record SlotKey(String host, int port, ConnectionRole role) {
        static SlotKey of(Endpoint endpoint, ConnectionRole role) {
            return new SlotKey(endpoint.host(), endpoint.port(), role);
        }
    }

    /** Sends on the endpoint's connection of {@code role}, opening it if needed. Any thread; never blocks. */
    void send(Endpoint endpoint, ConnectionRole role, OutgoingRequest request) {
        ConnectionSlot slot = slot(endpoint, role);
        if (slot == null) {
            request.future().completeExceptionally(NetworkErrors.clientClosed(config.clientId()));
        } else {
            slot.submit(request);
        }
    }

    /** Opens the endpoint's connection if needed; completes once its handshake is done. Any thread. */
    CompletableFuture<BrokerApiVersions> connect(Endpoint endpoint) {
        ConnectionSlot slot = slot(endpoint, ConnectionRole.DEFAULT);
        return slot == null
                ? CompletableFuture.failedFuture(NetworkErrors.clientClosed(config.clientId()))
                : slot.connect();
    }

    /** The versions of the endpoint's broker if its connection is ready now. Any thread. */
    Optional<BrokerApiVersions> apiVersions(Endpoint endpoint) {
        ConnectionSlot slot;
        synchronized (this) {
            slot = slots.get(SlotKey.of(endpoint, ConnectionRole.DEFAULT));
        }
        return slot == null ? Optional.empty() : slot.apiVersions();
    }

    /** See {@link NetworkClient#ready}. Any thread. */
    boolean ready(Endpoint endpoint, ConnectionRole role) {
        ConnectionSlot slot = slot(endpoint, role);
        return slot != null && slot.readyForMore();
    }

    int inFlightCount(Endpoint endpoint, ConnectionRole role) {
        ConnectionSlot slot = existing(endpoint, role);
        return slot == null ? 0 : slot.inFlightCount();
    }

    int queuedCount(Endpoint endpoint, ConnectionRole role) {
        ConnectionSlot slot = existing(endpoint, role);
        return slot == null ? 0 : slot.queuedCount();
    }

    /** The deadline checks run so far by the endpoint's default connection; for tests. */
    long ticks(Endpoint endpoint) {
        ConnectionSlot slot = existing(endpoint, ConnectionRole.DEFAULT);
        return slot == null ? 0 : slot.ticks();
    }

    private synchronized ConnectionSlot existing(Endpoint endpoint, ConnectionRole role) {
        return slots.get(SlotKey.of(endpoint, role));
    }

    /** The endpoint's connection state, for tests and diagnostics; DISCONNECTED if never used. Any thread. */
    ConnectionSlot.State state(Endpoint endpoint) {
        ConnectionSlot slot;
        synchronized (this) {
            slot = slots.get(SlotKey.of(endpoint, ConnectionRole.DEFAULT));
        }
        return slot == null ? ConnectionSlot.State.DISCONNECTED : slot.state();
    }

    /**
     * Closes every connection; requests queued or in flight fail with {@code NetworkClientClosedException}, and
     * later sends fail the same way. Any thread. Completes once every channel is closed.
     */
    CompletableFuture<Void> close() {
        List<ConnectionSlot> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(slots.values());
        }
        return CompletableFuture.allOf(toClose.stream().map(ConnectionSlot::close)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * The slot of the endpoint's address and {@code role}, created on first use; null once closed. A slot first
     * used under a bootstrap name learns the broker's node id when a request names it.
     */
    private synchronized ConnectionSlot slot(Endpoint endpoint, ConnectionRole role) {
        if (closed) {
            return null;
        }
        ConnectionSlot slot = slots.computeIfAbsent(SlotKey.of(endpoint, role),
                k -> new ConnectionSlot(endpoint, eventLoops.group().next(), slotSettings));
        slot.learnNodeId(endpoint);
        return slot;
    }

    /**
     * Starts a TCP connection to {@code address} whose pipeline is built by {@link BrokerChannelInitializer}. The
     * address is resolved already (by the slot, off the event loop); the no-op resolver guarantees that Netty never
     * looks a name up on the loop itself.
     */
    private ChannelFuture open(Endpoint endpoint, InetSocketAddress address, long setupTimeoutMs, EventLoop loop,
            CompletableFuture<BrokerApiVersions> handshake) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(eventLoops.channelType())
                .resolver(NoopAddressResolverGroup.INSTANCE)
                // No Netty connect timeout: the slot enforces the setup timeout on the injected clock.
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new BrokerChannelInitializer(endpoint, negotiator, config, time, tuning.timeoutTickMs(),
                        setupTimeoutMs, softwareVersion, handshake));
        if (config.sendBufferBytes() != -1) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.sendBufferBytes());
        }
        if (config.receiveBufferBytes() != -1) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes());
        }
        return bootstrap.connect(address);
    }
}
