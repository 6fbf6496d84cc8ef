package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminOptionsTest {

    @Test
    void builderAndMapProduceTheSameConfiguration() {
        AdminOptions built = AdminOptions.builder()
                .bootstrapServers("a:1", "b:2")
                .clientId("tool")
                .requestTimeout(Duration.ofSeconds(5))
                .defaultApiTimeout(Duration.ofSeconds(20))
                .retryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(500))
                .connectionsMaxIdle(Optional.empty())
                .socketConnectionSetupTimeout(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .metadataMaxAge(Duration.ofMinutes(1))
                .sendBufferBytes(-1)
                .receiveBufferBytes(1024)
                .clientDnsLookup(ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY)
                .metadataRecoveryStrategy(MetadataRecoveryStrategy.NONE)
                .apiVersionPins("Metadata=12")
                .retries(3)
                .build();
        AdminOptions mapped = AdminOptions.fromMap(Map.ofEntries(
                Map.entry("bootstrap.servers", "a:1,b:2"),
                Map.entry("client.id", "tool"),
                Map.entry("request.timeout.ms", "5000"),
                Map.entry("default.api.timeout.ms", 20000),
                Map.entry("retry.backoff.ms", 200),
                Map.entry("retry.backoff.max.ms", "2000"),
                Map.entry("reconnect.backoff.ms", 10L),
                Map.entry("reconnect.backoff.max.ms", 500),
                Map.entry("connections.max.idle.ms", -1),
                Map.entry("socket.connection.setup.timeout.ms", 1000),
                Map.entry("socket.connection.setup.timeout.max.ms", 3000),
                Map.entry("metadata.max.age.ms", 60000),
                Map.entry("send.buffer.bytes", -1),
                Map.entry("receive.buffer.bytes", 1024),
                Map.entry("client.dns.lookup", "resolve_canonical_bootstrap_servers_only"),
                Map.entry("metadata.recovery.strategy", "none"),
                Map.entry("brook.api.version.pins", "Metadata=12"),
                Map.entry("retries", "3")));
        assertThat(built.config().values()).isEqualTo(mapped.config().values());
        assertThat(built.bootstrapServers()).containsExactly(new BootstrapAddress("a", 1),
                new BootstrapAddress("b", 2));
        assertThat(built.clientId()).isEqualTo("tool");
        assertThat(built.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(built.defaultApiTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(built.metadataMaxAge()).isEqualTo(Duration.ofMinutes(1));
        assertThat(built.clientDnsLookup()).isEqualTo(ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY);
        assertThat(built.apiVersionPins()).containsExactly(new ApiVersionPin("Metadata", (short) 0, (short) 12));
        assertThat(built.retries()).isEqualTo(3);
    }

    @Test
    void builderSettersByNameAreCheckedAtBuild() {
        AdminOptions.Builder builder = AdminOptions.builder().bootstrapServers(List.of("a:1")).set("acks", "all");
        assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key 'acks' for the admin client");
    }

    @Test
    void setAllMergesAMapIntoTheBuilder() {
        AdminOptions options = AdminOptions.builder().setAll(Map.of("bootstrap.servers", "a:1")).clientId("x")
                .build();
        assertThat(options.clientId()).isEqualTo("x");
        assertThat(options.toString()).contains("client.id = x");
    }
}
