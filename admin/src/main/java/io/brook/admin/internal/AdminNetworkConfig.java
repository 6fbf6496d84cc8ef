package io.brook.admin.internal;

import io.brook.common.config.AdminOptions;
import io.brook.common.config.ApiVersionPin;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.core.internal.network.NetworkConfig;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;

/** Maps the admin client's validated options to its network layer's configuration. Stateless. */
final class AdminNetworkConfig {
    private AdminNetworkConfig() {}

    /**
     * @param clientId the client id to use (the configured one, or a generated one when that is blank)
     */
    static NetworkConfig from(AdminOptions options, String clientId) {
        ClientConfig c = options.config();
        long reconnectMs = c.get(CommonConfigs.RECONNECT_BACKOFF_MS);
        long setupMs = c.get(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS);
        NetworkConfig.Builder b = NetworkConfig.builder(clientId)
                .requestTimeoutMs(Math.max(1, c.get(CommonConfigs.REQUEST_TIMEOUT_MS)))
                .socketConnectionSetupTimeoutMs(setupMs)
                .reconnectBackoffMs(reconnectMs)
                // As documented for the key: a maximum below the initial backoff makes the initial one fixed.
                .reconnectBackoffMaxMs(Math.max(reconnectMs, c.get(CommonConfigs.RECONNECT_BACKOFF_MAX_MS)))
                .connectionsMaxIdleMs(idleMs(c.get(CommonConfigs.CONNECTIONS_MAX_IDLE_MS)))
                .sendBufferBytes(bufferBytes(c.get(CommonConfigs.SEND_BUFFER_BYTES)))
                .receiveBufferBytes(bufferBytes(c.get(CommonConfigs.RECEIVE_BUFFER_BYTES)));
        for (ApiVersionPin pin : options.apiVersionPins()) {
            ApiKey api = apiNamed(pin);
            b.pin(api, new VersionRange(pin.minVersion(), pin.maxVersion()));
        }
        return b.build();
    }

    private static ApiKey apiNamed(ApiVersionPin pin) {
        for (ApiKey api : ApiKey.values()) {
            if (pin.appliesTo(api.apiName())) {
                return api;
            }
        }
        throw new io.brook.common.config.ConfigException(CommonConfigs.API_VERSION_PINS.name(),
                "brook.api.version.pins: '" + pin.api() + "' is not a Kafka API Brook knows");
    }

    private static long idleMs(long configured) {
        return configured == 0 ? 1 : configured;
    }

    private static int bufferBytes(int configured) {
        return configured == 0 ? -1 : configured;
    }
}
