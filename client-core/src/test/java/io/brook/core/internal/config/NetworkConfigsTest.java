package io.brook.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.AdminConfigs;
import io.brook.common.config.ApiVersionPin;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.ConfigException;
import io.brook.core.internal.network.NetworkConfig;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkConfigsTest {

    @Test
    void defaultsMapToTheNetworkLayersDefaultsExceptTheAdminIdleTimeout() {
        ClientConfig config = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1"));
        NetworkConfig mapped = NetworkConfigs.from(config, "tool");
        NetworkConfig expected = NetworkConfig.builder("tool").connectionsMaxIdleMs(300_000).build();
        assertThat(mapped).isEqualTo(expected);
    }

    @Test
    void mapsEveryNetworkKeyAndThePins() {
        ClientConfig config = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "request.timeout.ms", 5_000, "socket.connection.setup.timeout.ms", 2_000,
                "socket.connection.setup.timeout.max.ms", 8_000,
                "reconnect.backoff.ms", 20, "reconnect.backoff.max.ms", 400, "connections.max.idle.ms", -1,
                "send.buffer.bytes", -1, "receive.buffer.bytes", 4096,
                "brook.api.version.pins", "metadata=12, Produce=9-11"));
        NetworkConfig n = NetworkConfigs.from(config, "tool");
        assertThat(n.requestTimeoutMs()).isEqualTo(5_000);
        assertThat(n.socketConnectionSetupTimeoutMs()).isEqualTo(2_000);
        assertThat(n.socketConnectionSetupTimeoutMaxMs()).isEqualTo(8_000);
        assertThat(n.reconnectBackoffMs()).isEqualTo(20);
        assertThat(n.reconnectBackoffMaxMs()).isEqualTo(400);
        assertThat(n.idleCloseEnabled()).isFalse();
        assertThat(n.sendBufferBytes()).isEqualTo(-1);
        assertThat(n.receiveBufferBytes()).isEqualTo(4096);
        assertThat(n.versionPins()).containsOnly(Map.entry(ApiKey.METADATA, VersionRange.of(0, 12)),
                Map.entry(ApiKey.PRODUCE, VersionRange.of(9, 11)));
    }

    @Test
    void aReconnectMaximumBelowTheInitialBackoffMakesItFixed() {
        ClientConfig config = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "reconnect.backoff.ms", 500, "reconnect.backoff.max.ms", 100));
        NetworkConfig n = NetworkConfigs.from(config, "tool");
        assertThat(n.reconnectBackoffMs()).isEqualTo(500);
        assertThat(n.reconnectBackoffMaxMs()).isEqualTo(500);
    }

    @Test
    void aSetupTimeoutMaximumBelowTheInitialTimeoutMakesItFixed() {
        ClientConfig config = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "socket.connection.setup.timeout.ms", 45_000));
        NetworkConfig n = NetworkConfigs.from(config, "tool");
        assertThat(n.socketConnectionSetupTimeoutMs()).isEqualTo(45_000);
        assertThat(n.socketConnectionSetupTimeoutMaxMs()).isEqualTo(45_000);
    }

    @Test
    void zeroIdleTimeAndBufferSizesAreRejectedWhenParsedSoTheMappingNeverSeesThem() {
        for (String key : List.of("connections.max.idle.ms", "send.buffer.bytes", "receive.buffer.bytes")) {
            assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1", key, 0)))
                    .as(key).isInstanceOf(ConfigException.class).hasMessageContaining(key);
        }
    }

    @Test
    void anUnknownPinnedApiIsAConfigErrorNamingTheKey() {
        ApiVersionPin pin = ApiVersionPin.parse("NoSuchApi=3");
        assertThatThrownBy(() -> NetworkConfigs.apiKey(pin)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NoSuchApi").hasMessageContaining("brook.api.version.pins");
    }

    @Test
    void clientIdsAreTheConfiguredOneOrGeneratedPerPrefix() {
        ClientConfig unnamed = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1"));
        ClientConfig named = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1", "client.id", "ops"));
        assertThat(ClientIds.effective(named, "adminclient")).isEqualTo("ops");
        String first = ClientIds.effective(unnamed, "test-prefix");
        String second = ClientIds.effective(unnamed, "test-prefix");
        assertThat(first).isEqualTo("test-prefix-1");
        assertThat(second).isEqualTo("test-prefix-2");
    }
}
