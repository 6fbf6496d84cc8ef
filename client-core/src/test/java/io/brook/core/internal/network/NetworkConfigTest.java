package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.protocol.ApiKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void defaultsEqualKafkas() {
        NetworkConfig c = NetworkConfig.defaults("app");
        assertThat(c.clientId()).isEqualTo("app");
        assertThat(c.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(c.socketConnectionSetupTimeoutMs()).isEqualTo(10_000);
        assertThat(c.socketConnectionSetupTimeoutMaxMs()).isEqualTo(30_000);
        assertThat(c.reconnectBackoffMs()).isEqualTo(50);
        assertThat(c.reconnectBackoffMaxMs()).isEqualTo(1_000);
        assertThat(c.connectionsMaxIdleMs()).isEqualTo(540_000);
        assertThat(c.sendBufferBytes()).isEqualTo(131_072);
        assertThat(c.receiveBufferBytes()).isEqualTo(65_536);
        assertThat(c.maxResponseSizeBytes()).isEqualTo(104_857_600);
        assertThat(c.versionPins()).isEmpty();
        assertThat(c.ioThreads()).isEqualTo(1);
    }

    @Test
    void pinsAreCopiedAndUnmodifiable() {
        Map<ApiKey, VersionRange> pins = new HashMap<>();
        pins.put(ApiKey.METADATA, VersionRange.of(1, 9));
        NetworkConfig c = new NetworkConfig("app", 1, 1, 1, 0, 0, -1, 4, -1, -1, pins, 1, 1, 1,
                io.brook.core.internal.security.SecuritySettings.PLAINTEXT, io.brook.core.internal.event.EventSink.NONE);
        pins.put(ApiKey.API_VERSIONS, VersionRange.of(3, 3));
        assertThat(c.versionPins()).containsOnlyKeys(ApiKey.METADATA);
        assertThatThrownBy(() -> c.versionPins().put(ApiKey.API_VERSIONS, VersionRange.of(4, 4)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.idleCloseEnabled()).isFalse();
    }

    @Test
    void builderPinsOneVersion() {
        NetworkConfig c = NetworkConfig.builder("app").pin(ApiKey.METADATA, (short) 4).build();
        assertThat(c.versionPins()).containsEntry(ApiKey.METADATA, VersionRange.of(4, 4));
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> NetworkConfig.defaults(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConfig.builder("a").requestTimeoutMs(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeoutMs");
        assertThatThrownBy(() -> NetworkConfig.builder("a").reconnectBackoffMs(100).reconnectBackoffMaxMs(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectBackoffMaxMs");
        assertThatThrownBy(() -> NetworkConfig.builder("a").socketConnectionSetupTimeoutMs(40_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketConnectionSetupTimeoutMaxMs (30000)");
        assertThatThrownBy(() -> NetworkConfig.builder("a").connectionsMaxIdleMs(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConfig.builder("a").sendBufferBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConfig.builder("a").maxResponseSizeBytes(3).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConfig.builder("a").ioThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
