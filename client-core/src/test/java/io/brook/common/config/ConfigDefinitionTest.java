package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefinitionTest {
    private static final Map<String, Object> MINIMAL = Map.of("bootstrap.servers", "localhost:9092");

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> map = new HashMap<>(MINIMAL);
        map.put(key, value);
        return map;
    }

    @Test
    void defaultsMatchKafkas() {
        ClientConfig c = AdminConfigs.DEFINITION.parse(MINIMAL);
        assertThat(c.get(CommonConfigs.CLIENT_ID)).isEmpty();
        assertThat(c.get(CommonConfigs.REQUEST_TIMEOUT_MS)).isEqualTo(30_000);
        assertThat(c.get(CommonConfigs.DEFAULT_API_TIMEOUT_MS)).isEqualTo(60_000);
        assertThat(c.get(CommonConfigs.RETRY_BACKOFF_MS)).isEqualTo(100L);
        assertThat(c.get(CommonConfigs.RETRY_BACKOFF_MAX_MS)).isEqualTo(1_000L);
        assertThat(c.get(CommonConfigs.RECONNECT_BACKOFF_MS)).isEqualTo(50L);
        assertThat(c.get(CommonConfigs.RECONNECT_BACKOFF_MAX_MS)).isEqualTo(1_000L);
        assertThat(c.get(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS)).isEqualTo(10_000L);
        assertThat(c.get(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS)).isEqualTo(30_000L);
        assertThat(c.get(CommonConfigs.METADATA_MAX_AGE_MS)).isEqualTo(300_000L);
        assertThat(c.get(CommonConfigs.SEND_BUFFER_BYTES)).isEqualTo(131_072);
        assertThat(c.get(CommonConfigs.RECEIVE_BUFFER_BYTES)).isEqualTo(65_536);
        assertThat(c.get(CommonConfigs.CLIENT_DNS_LOOKUP)).isEqualTo(ClientDnsLookup.USE_ALL_DNS_IPS);
        assertThat(c.get(CommonConfigs.SECURITY_PROTOCOL)).isEqualTo(SecurityProtocol.PLAINTEXT);
        assertThat(c.get(CommonConfigs.METADATA_RECOVERY_STRATEGY)).isEqualTo(MetadataRecoveryStrategy.REBOOTSTRAP);
        assertThat(c.get(CommonConfigs.API_VERSION_PINS)).isEmpty();
        assertThat(c.get(AdminConfigs.RETRIES)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aClientOverridesACommonDefaultAndTheCommonConstantStillReadsIt() {
        assertThat(CommonConfigs.CONNECTIONS_MAX_IDLE_MS.defaultValue()).isEqualTo(540_000L);
        ClientConfig admin = AdminConfigs.DEFINITION.parse(MINIMAL);
        assertThat(admin.get(CommonConfigs.CONNECTIONS_MAX_IDLE_MS)).isEqualTo(300_000L);
        assertThat(admin.isExplicit(CommonConfigs.CONNECTIONS_MAX_IDLE_MS)).isFalse();
        assertThat(admin.isExplicit(CommonConfigs.BOOTSTRAP_SERVERS)).isTrue();
    }

    @Test
    void acceptsStringsAndNaturalJavaTypesAlike() {
        ClientConfig fromText = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1, b:2",
                "request.timeout.ms", " 1234 ", "retry.backoff.ms", "7", "client.dns.lookup",
                "RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY", "security.protocol", "plaintext"));
        ClientConfig typed = AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", List.of("a:1", "b:2"),
                "request.timeout.ms", 1234, "retry.backoff.ms", 7, "client.dns.lookup",
                ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY, "security.protocol",
                SecurityProtocol.PLAINTEXT));
        assertThat(fromText.values()).isEqualTo(typed.values());
        assertThat(typed.get(CommonConfigs.BOOTSTRAP_SERVERS)).containsExactly("a:1", "b:2");
        assertThat(typed.get(CommonConfigs.RETRY_BACKOFF_MS)).isEqualTo(7L);
    }

    @Test
    void millisecondKeysAcceptWholeMillisecondDurations() {
        ClientConfig c = AdminConfigs.DEFINITION.parse(with("metadata.max.age.ms", Duration.ofSeconds(90)));
        assertThat(c.get(CommonConfigs.METADATA_MAX_AGE_MS)).isEqualTo(90_000L);
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("metadata.max.age.ms", Duration.ofNanos(1500))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("send.buffer.bytes", Duration.ofSeconds(1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("send.buffer.bytes");
    }

    @Test
    void unknownKeyIsRejectedNamingTheClosestKnownKey() {
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("request.timout.ms", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'request.timout.ms'")
                .hasMessageContaining("did you mean 'request.timeout.ms'?")
                .hasMessageContaining("admin")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("request.timout.ms"));
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.server", "a:1")))
                .hasMessageContaining("did you mean 'bootstrap.servers'?");
    }

    @Test
    void securityKeysAreKnownAndAMisspeltOneGetsASuggestion() {
        ClientConfig config = AdminConfigs.DEFINITION.parse(with("security.protocol", "SASL_SSL"));
        assertThat(config.get(CommonConfigs.SECURITY_PROTOCOL)).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("ssl.truststore.locaton", "/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'ssl.truststore.location'?");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("security.protocol", "TLS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("one of PLAINTEXT, SSL");
    }

    @Test
    void badValuesNameKeyValueAndExpectation() {
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("request.timeout.ms", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'soon' for configuration key 'request.timeout.ms': expected an int");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("request.timeout.ms", -5)))
                .hasMessage("Invalid value -5 for configuration key 'request.timeout.ms': expected a value >= 1");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("request.timeout.ms", 3_000_000_000L)))
                .hasMessageContaining("request.timeout.ms").hasMessageContaining("3000000000");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("request.timeout.ms", 1.5)))
                .hasMessageContaining("expected an int");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("client.id", 7)))
                .hasMessageContaining("client.id").hasMessageContaining("expected a string");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("client.dns.lookup", "default")))
                .hasMessageContaining("use_all_dns_ips, resolve_canonical_bootstrap_servers_only");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(with("retries", -1)))
                .hasMessageContaining("retries").hasMessageContaining(">= 0");
    }

    @Test
    void bootstrapServersIsRequiredAndValidated() {
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing required configuration key 'bootstrap.servers'");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "")))
                .hasMessageContaining("bootstrap.servers").hasMessageContaining("at least one host:port");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1,nohost")))
                .hasMessageContaining("'nohost' is not of the form host:port");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:99999")))
                .hasMessageContaining("a:99999");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1,a:1")))
                .hasMessageContaining("duplicates");
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", List.of("a:1", 5))))
                .hasMessageContaining("a list of strings");
    }

    @Test
    void nullValueCountsAsNotGiven() {
        Map<String, Object> map = with("client.id", null);
        assertThat(AdminConfigs.DEFINITION.parse(map).get(CommonConfigs.CLIENT_ID)).isEmpty();
        Map<String, Object> noBootstrap = new HashMap<>();
        noBootstrap.put("bootstrap.servers", null);
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(noBootstrap)).hasMessageContaining("Missing");
    }

    @Test
    void firstProblemIsReportedInKeyOrderSoMessagesAreStable() {
        Map<String, Object> map = new HashMap<>(MINIMAL);
        map.put("zzz.unknown", 1);
        map.put("aaa.unknown", 1);
        assertThatThrownBy(() -> AdminConfigs.DEFINITION.parse(map)).hasMessageContaining("'aaa.unknown'");
    }

    @Test
    void readingAKeyOfAnotherClientFails() {
        ConfigKey<String> foreign = ConfigKey.builder("acks", ConfigType.STRING).defaultValue("all")
                .documentation("producer only").build();
        ClientConfig c = AdminConfigs.DEFINITION.parse(MINIMAL);
        assertThatThrownBy(() -> c.get(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acks").hasMessageContaining("admin");
    }

    @Test
    void definitionsRejectDuplicateKeysAndOverridesOfMissingKeys() {
        assertThatThrownBy(() -> ConfigDefinition.builder("x").add(CommonConfigs.CLIENT_ID)
                .add(CommonConfigs.CLIENT_ID)).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> ConfigDefinition.builder("x").override(CommonConfigs.CLIENT_ID, "a"))
                .hasMessageContaining("not added");
    }

    @Test
    void keysRejectDefaultsTheirValidatorRefusesAndMissingDocumentation() {
        assertThatThrownBy(() -> ConfigKey.builder("k", ConfigType.INT).defaultValue(-1)
                .validator(Validators.atLeast(0)).documentation("d").build())
                .hasMessageContaining("fails its own validator");
        assertThatThrownBy(() -> ConfigKey.builder("k", ConfigType.INT).defaultValue(1).build())
                .hasMessageContaining("documentation");
    }

    @Test
    void toStringListsEveryKeyWithItsValue() {
        String text = AdminConfigs.DEFINITION.parse(with("client.id", "tool")).toString();
        assertThat(text).contains("client.id = tool").contains("bootstrap.servers = localhost:9092")
                .contains("retries = 2147483647");
    }
}
