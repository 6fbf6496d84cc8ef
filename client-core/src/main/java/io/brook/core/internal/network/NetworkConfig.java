package io.brook.core.internal.network;

import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.security.SecuritySettings;
import io.brook.protocol.ApiKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the network layer needs to know, as one immutable value validated on construction. Built from the
 * user's configuration by the config layer; defaults equal Kafka's for the same keys.
 *
 * <table>
 *   <caption>Components, their Kafka key and default</caption>
 *   <tr><th>component</th><th>Kafka key</th><th>default</th></tr>
 *   <tr><td>clientId</td><td>client.id</td><td>none (required, non-blank)</td></tr>
 *   <tr><td>requestTimeoutMs</td><td>request.timeout.ms</td><td>30000</td></tr>
 *   <tr><td>socketConnectionSetupTimeoutMs</td><td>socket.connection.setup.timeout.ms</td><td>10000; the
 *       setup timeout of a first attempt (+/- 20% jitter); bounds the host name lookup, the TCP connect and the
 *       ApiVersions handshake each</td></tr>
 *   <tr><td>socketConnectionSetupTimeoutMaxMs</td><td>socket.connection.setup.timeout.max.ms</td><td>30000; the
 *       setup timeout doubles with each consecutive failed attempt to the same endpoint, up to this; equal to
 *       socketConnectionSetupTimeoutMs: a fixed timeout without jitter</td></tr>
 *   <tr><td>reconnectBackoffMs</td><td>reconnect.backoff.ms</td><td>50</td></tr>
 *   <tr><td>reconnectBackoffMaxMs</td><td>reconnect.backoff.max.ms</td><td>1000</td></tr>
 *   <tr><td>connectionsMaxIdleMs</td><td>connections.max.idle.ms</td><td>540000; -1 disables idle close</td></tr>
 *   <tr><td>maxResponseSizeBytes</td><td>none (Kafka clients accept any size)</td><td>104857600, the broker's
 *       socket.request.max.bytes default; a larger response frame closes the connection</td></tr>
 *   <tr><td>sendBufferBytes</td><td>send.buffer.bytes</td><td>131072; -1 uses the OS default</td></tr>
 *   <tr><td>receiveBufferBytes</td><td>receive.buffer.bytes</td><td>65536 (consumer and admin default);
 *       -1 uses the OS default</td></tr>
 *   <tr><td>versionPins</td><td>none (Brook's brook.api.version.pins)</td><td>empty: per API, the versions the
 *       user allows; the negotiator intersects them with Brook's and the broker's</td></tr>
 *   <tr><td>ioThreads</td><td>brook.io.threads</td><td>1: Netty event-loop threads, named
 *       {@code brook-<clientId>-io-<n>}</td></tr>
 *   <tr><td>maxInFlightPerConnection</td><td>max.in.flight.requests.per.connection (producer)</td><td>100:
 *       requests written to one connection and not yet answered; more wait in the connection's queue</td></tr>
 *   <tr><td>maxQueuedPerConnection</td><td>brook.max.queued.requests.per.connection</td><td>1000: requests
 *       waiting to be written on one connection; beyond it a request fails with
 *       {@code RequestQueueFullException}</td></tr>
 *   <tr><td>security</td><td>security.protocol, ssl.*, sasl.*</td><td>PLAINTEXT: TLS and SASL settings, built by
 *       {@code SecurityConfigMapping}</td></tr>
 * </table>
 */
public record NetworkConfig(
        String clientId,
        long requestTimeoutMs,
        long socketConnectionSetupTimeoutMs,
        long socketConnectionSetupTimeoutMaxMs,
        long reconnectBackoffMs,
        long reconnectBackoffMaxMs,
        long connectionsMaxIdleMs,
        int maxResponseSizeBytes,
        int sendBufferBytes,
        int receiveBufferBytes,
        Map<ApiKey, VersionRange> versionPins,
        int ioThreads,
        int maxInFlightPerConnection,
        int maxQueuedPerConnection,
        SecuritySettings security,
        EventSink events) {

    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000L;
    public static final long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS = 10_000L;
    public static final long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS = 30_000L;
    public static final long DEFAULT_RECONNECT_BACKOFF_MS = 50L;
    public static final long DEFAULT_RECONNECT_BACKOFF_MAX_MS = 1_000L;
    public static final long DEFAULT_CONNECTIONS_MAX_IDLE_MS = 540_000L;
    public static final int DEFAULT_MAX_RESPONSE_SIZE_BYTES = 104_857_600;
    public static final int DEFAULT_SEND_BUFFER_BYTES = 131_072;
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 65_536;
    public static final int DEFAULT_IO_THREADS = 1;
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 100;
    public static final int DEFAULT_MAX_QUEUED_PER_CONNECTION = 1000;
    /** Kafka's reconnect backoff grows by this factor per failed attempt. */
    public static final double RECONNECT_BACKOFF_MULTIPLIER = 2.0;
    /** Kafka's reconnect backoff jitter: each wait deviates by up to 20% either way. */
    public static final double RECONNECT_BACKOFF_JITTER = 0.2;
    /** Kafka's connection setup timeout grows by this factor per consecutive failed attempt ... */
    public static final double SETUP_TIMEOUT_MULTIPLIER = 2.0;
    /** ... and deviates by up to 20% either way, so that clients do not time out in step. */
    public static final double SETUP_TIMEOUT_JITTER = 0.2;

    public NetworkConfig {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        requirePositive("requestTimeoutMs", requestTimeoutMs);
        requirePositive("socketConnectionSetupTimeoutMs", socketConnectionSetupTimeoutMs);
        if (socketConnectionSetupTimeoutMaxMs < socketConnectionSetupTimeoutMs) {
            throw new IllegalArgumentException("socketConnectionSetupTimeoutMaxMs ("
                    + socketConnectionSetupTimeoutMaxMs + ") must be >= socketConnectionSetupTimeoutMs ("
                    + socketConnectionSetupTimeoutMs + ")");
        }
        if (reconnectBackoffMs < 0) {
            throw new IllegalArgumentException("reconnectBackoffMs must be >= 0: " + reconnectBackoffMs);
        }
        if (reconnectBackoffMaxMs < reconnectBackoffMs) {
            throw new IllegalArgumentException("reconnectBackoffMaxMs (" + reconnectBackoffMaxMs
                    + ") must be >= reconnectBackoffMs (" + reconnectBackoffMs + ")");
        }
        if (connectionsMaxIdleMs != -1 && connectionsMaxIdleMs <= 0) {
            throw new IllegalArgumentException("connectionsMaxIdleMs must be > 0 or -1: " + connectionsMaxIdleMs);
        }
        // A response frame holds at least the int32 correlation id.
        if (maxResponseSizeBytes < 4) {
            throw new IllegalArgumentException("maxResponseSizeBytes must be >= 4: " + maxResponseSizeBytes);
        }
        requireBufferSize("sendBufferBytes", sendBufferBytes);
        requireBufferSize("receiveBufferBytes", receiveBufferBytes);
        Objects.requireNonNull(versionPins, "versionPins");
        EnumMap<ApiKey, VersionRange> pins = new EnumMap<>(ApiKey.class);
        versionPins.forEach((api, range) -> pins.put(Objects.requireNonNull(api, "pinned API"),
                Objects.requireNonNull(range, "pin of " + api)));
        versionPins = Collections.unmodifiableMap(pins);
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1: " + ioThreads);
        }
        if (maxInFlightPerConnection < 1) {
            throw new IllegalArgumentException("maxInFlightPerConnection must be >= 1: " + maxInFlightPerConnection);
        }
        if (maxQueuedPerConnection < 1) {
            throw new IllegalArgumentException("maxQueuedPerConnection must be >= 1: " + maxQueuedPerConnection);
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(events, "events");
    }

    /** A builder holding every default, for {@code clientId}. */
    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /** The configuration with every default, for {@code clientId}. */
    public static NetworkConfig defaults(String clientId) {
        return builder(clientId).build();
    }

    /** Whether idle connections are closed at all. */
    public boolean idleCloseEnabled() {
        return connectionsMaxIdleMs != -1;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static void requireBufferSize(String name, int value) {
        if (value != -1 && value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 or -1 (OS default): " + value);
        }
    }

    /** A mutable builder for {@link NetworkConfig}; not thread-safe. */
    public static final class Builder {
        private final String clientId;
        private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
        private long socketConnectionSetupTimeoutMs = DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS;
        private long socketConnectionSetupTimeoutMaxMs = DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS;
        private long reconnectBackoffMs = DEFAULT_RECONNECT_BACKOFF_MS;
        private long reconnectBackoffMaxMs = DEFAULT_RECONNECT_BACKOFF_MAX_MS;
        private long connectionsMaxIdleMs = DEFAULT_CONNECTIONS_MAX_IDLE_MS;
        private int maxResponseSizeBytes = DEFAULT_MAX_RESPONSE_SIZE_BYTES;
        private int sendBufferBytes = DEFAULT_SEND_BUFFER_BYTES;
        private int receiveBufferBytes = DEFAULT_RECEIVE_BUFFER_BYTES;
        private final Map<ApiKey, VersionRange> versionPins = new EnumMap<>(ApiKey.class);
        private int ioThreads = DEFAULT_IO_THREADS;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
        private int maxQueuedPerConnection = DEFAULT_MAX_QUEUED_PER_CONNECTION;
        private SecuritySettings security = SecuritySettings.PLAINTEXT;
        private EventSink events = EventSink.NONE;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder requestTimeoutMs(long v) {
            this.requestTimeoutMs = v;
            return this;
        }

        public Builder socketConnectionSetupTimeoutMs(long v) {
            this.socketConnectionSetupTimeoutMs = v;
            return this;
        }

        public Builder socketConnectionSetupTimeoutMaxMs(long v) {
            this.socketConnectionSetupTimeoutMaxMs = v;
            return this;
        }

        /** Makes every attempt's setup timeout exactly {@code v}: no growth, no jitter. */
        public Builder fixedSocketConnectionSetupTimeoutMs(long v) {
            return socketConnectionSetupTimeoutMs(v).socketConnectionSetupTimeoutMaxMs(v);
        }

        public Builder reconnectBackoffMs(long v) {
            this.reconnectBackoffMs = v;
            return this;
        }

        public Builder reconnectBackoffMaxMs(long v) {
            this.reconnectBackoffMaxMs = v;
            return this;
        }

        public Builder connectionsMaxIdleMs(long v) {
            this.connectionsMaxIdleMs = v;
            return this;
        }

        public Builder maxResponseSizeBytes(int v) {
            this.maxResponseSizeBytes = v;
            return this;
        }

        public Builder sendBufferBytes(int v) {
            this.sendBufferBytes = v;
            return this;
        }

        public Builder receiveBufferBytes(int v) {
            this.receiveBufferBytes = v;
            return this;
        }

        /** Restricts {@code api} to {@code range}; replaces an earlier pin of the same API. */
        public Builder pin(ApiKey api, VersionRange range) {
            versionPins.put(api, range);
            return this;
        }

        /** Restricts {@code api} to exactly {@code version}. */
        public Builder pin(ApiKey api, short version) {
            return pin(api, VersionRange.exactly(version));
        }

        public Builder ioThreads(int v) {
            this.ioThreads = v;
            return this;
        }

        public Builder maxInFlightPerConnection(int v) {
            this.maxInFlightPerConnection = v;
            return this;
        }

        public Builder maxQueuedPerConnection(int v) {
            this.maxQueuedPerConnection = v;
            return this;
        }

        /** TLS and SASL; {@link SecuritySettings#PLAINTEXT} by default. */
        public Builder security(SecuritySettings v) {
            this.security = v;
            return this;
        }

        /** Where connection events ({@code ConnectEvent}, {@code DisconnectEvent}) go; none by default. */
        public Builder events(EventSink v) {
            this.events = v;
            return this;
        }

        public NetworkConfig build() {
            return new NetworkConfig(clientId, requestTimeoutMs, socketConnectionSetupTimeoutMs,
                    socketConnectionSetupTimeoutMaxMs, reconnectBackoffMs, reconnectBackoffMaxMs, connectionsMaxIdleMs,
                    maxResponseSizeBytes, sendBufferBytes, receiveBufferBytes, versionPins, ioThreads,
                    maxInFlightPerConnection, maxQueuedPerConnection, security, events);
        }
    }
}
