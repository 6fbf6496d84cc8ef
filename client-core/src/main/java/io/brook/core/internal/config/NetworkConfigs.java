package io.brook.core.internal.config;

import io.brook.common.config.ApiVersionPin;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ConfigException;
import io.brook.core.Time;
import io.brook.core.internal.network.NetworkConfig;
import io.brook.core.internal.network.VersionRange;
import io.brook.core.internal.security.SecurityConfigMapping;
import io.brook.protocol.ApiKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one mapping from a parsed client configuration to the network layer's {@link NetworkConfig}, shared by every
 * client (admin, producer, consumer). Stateless.
 *
 * <p>Rules beyond copying values:
 * <ul>
 *   <li>as in Kafka, a {@code reconnect.backoff.max.ms} below {@code reconnect.backoff.ms} makes the backoff a fixed
 *       {@code reconnect.backoff.ms};
 *   <li>likewise a {@code socket.connection.setup.timeout.max.ms} below {@code socket.connection.setup.timeout.ms}
 *       makes every attempt's setup timeout a fixed {@code socket.connection.setup.timeout.ms}, as that key's
 *       documentation says (Kafka would use the maximum instead);
 *   <li>{@code -1} for {@code connections.max.idle.ms}, {@code send.buffer.bytes} and {@code receive.buffer.bytes}
 *       passes through (never close idle connections, OS buffer sizes). {@code 0} never reaches this mapping: the
 *       keys' validators reject it when the configuration is parsed, naming the key, rather than turning it into
 *       a surprise here (a zero idle time or socket buffer is no usable setting);
 *   <li>each {@code brook.api.version.pins} entry becomes a pin of the API it names;
 *   <li>{@code security.protocol} with the {@code ssl.*} and {@code sasl.*} keys become the
 *       {@link io.brook.core.internal.security.SecuritySettings} ({@link SecurityConfigMapping}), which loads the
 *       TLS material: a store that does not load fails here, naming its key.
 * </ul>
 */
public final class NetworkConfigs {
    private NetworkConfigs() {}

    /**
     * @param config a configuration including the {@link CommonConfigs} keys
     * @param clientId the effective client id ({@link ClientIds#effective})
     * @throws ConfigException if a pin names an API Brook does not know (the parser normally catches this first), or
     *     security keys do not fit together
     */
    public static NetworkConfig from(ClientConfig config, String clientId) {
        return builder(config, clientId).build();
    }

    /**
     * As {@link #from}, as a builder, for clients that set more (the producer's
     * {@code max.in.flight.requests.per.connection}).
     */
    public static NetworkConfig.Builder builder(ClientConfig config, String clientId) {
        long reconnectMs = config.get(CommonConfigs.RECONNECT_BACKOFF_MS);
        long reconnectMaxMs = Math.max(reconnectMs, config.get(CommonConfigs.RECONNECT_BACKOFF_MAX_MS));
        long setupMs = config.get(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS);
        long setupMaxMs = Math.max(setupMs, config.get(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS));
        NetworkConfig.Builder b = NetworkConfig.builder(clientId)
                .requestTimeoutMs(config.get(CommonConfigs.REQUEST_TIMEOUT_MS))
                .socketConnectionSetupTimeoutMs(setupMs)
                .socketConnectionSetupTimeoutMaxMs(setupMaxMs)
                .reconnectBackoffMs(reconnectMs)
                .reconnectBackoffMaxMs(reconnectMaxMs)
                .connectionsMaxIdleMs(config.get(CommonConfigs.CONNECTIONS_MAX_IDLE_MS))
                .sendBufferBytes(config.get(CommonConfigs.SEND_BUFFER_BYTES))
                .receiveBufferBytes(config.get(CommonConfigs.RECEIVE_BUFFER_BYTES))
                .ioThreads(config.get(CommonConfigs.IO_THREADS))
                .maxQueuedPerConnection(config.get(CommonConfigs.MAX_QUEUED_REQUESTS_PER_CONNECTION))
                .security(SecurityConfigMapping.from(config, Time.SYSTEM));
        for (String entry : config.get(CommonConfigs.API_VERSION_PINS)) {
            ApiVersionPin pin = ApiVersionPin.parse(entry);
            b.pin(apiKey(pin), new VersionRange(pin.minVersion(), pin.maxVersion()));
        }
        return b;
    }

    /** The API a pin names. */
    static ApiKey apiKey(ApiVersionPin pin) {
        Optional<ApiKey> key = Arrays.stream(ApiKey.values()).filter(k -> pin.appliesTo(k.apiName())).findFirst();
        return key.orElseThrow(() -> new ConfigException(CommonConfigs.API_VERSION_PINS.name(),
                "Unknown API '" + pin.api() + "' in " + CommonConfigs.API_VERSION_PINS.name()));
    }
}
