package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** The consumer's keys: kafka-clients' keys and defaults, Brook's spellings, and clear rejections. */
class ConsumerConfigsTest {
    private static final Map<String, Object> BASE = Map.of("bootstrap.servers", "localhost:9092");

    @Test
    void everyKafkaClientsConsumerKeyIsAcceptedWithTheSameDefault() {
        Set<String> missing = new TreeSet<>();
        for (ConfigDef.ConfigKey key : ConsumerConfig.configDef().configKeys().values()) {
            if (key.internalConfig || key.name.startsWith("ssl.") || key.name.startsWith("sasl.")) {
                continue;
            }
            if (ConsumerConfigs.DEFINITION.key(key.name).isEmpty()) {
                missing.add(key.name);
            }
        }
        assertThat(missing).isEmpty();
        ClientConfig config = ConsumerConfigs.DEFINITION.parse(BASE);
        assertThat(config.get(ConsumerConfigs.SESSION_TIMEOUT_MS)).isEqualTo(45_000);
        assertThat(config.get(ConsumerConfigs.HEARTBEAT_INTERVAL_MS)).isEqualTo(3_000);
        assertThat(config.get(ConsumerConfigs.MAX_POLL_RECORDS)).isEqualTo(500);
        assertThat(config.get(ConsumerConfigs.MAX_POLL_INTERVAL_MS)).isEqualTo(300_000);
        assertThat(config.get(ConsumerConfigs.FETCH_MAX_BYTES)).isEqualTo(52_428_800);
        assertThat(config.get(ConsumerConfigs.MAX_PARTITION_FETCH_BYTES)).isEqualTo(1_048_576);
        assertThat(config.get(ConsumerConfigs.FETCH_MAX_WAIT_MS)).isEqualTo(500);
        assertThat(config.get(ConsumerConfigs.AUTO_OFFSET_RESET)).isEqualTo("latest");
        assertThat(config.get(ConsumerConfigs.ENABLE_AUTO_COMMIT)).isTrue();
        assertThat(config.get(ConsumerConfigs.ISOLATION_LEVEL)).isEqualTo(IsolationLevel.READ_UNCOMMITTED);
        assertThat(config.get(ConsumerConfigs.PARTITION_ASSIGNMENT_STRATEGY))
                .containsExactly("range", "cooperative-sticky");
        assertThat(config.get(CommonConfigs.CONNECTIONS_MAX_IDLE_MS)).isEqualTo(540_000L);
    }

    @Test
    void kafkaClientsSpellingsAreUnderstood() {
        ClientConfig config = ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RoundRobinAssignor,"
                        + "class org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                "isolation.level", "read_committed",
                "auto.offset.reset", "by_duration:PT1H",
                "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "interceptor.classes", "com.example.Audit"));
        assertThat(config.get(ConsumerConfigs.PARTITION_ASSIGNMENT_STRATEGY).stream()
                .map(s -> ConsumerConfigs.assignorName(s).orElseThrow()).toList())
                .containsExactly("roundrobin", "cooperative-sticky");
        assertThat(ConsumerConfigs.resetDuration(config.get(ConsumerConfigs.AUTO_OFFSET_RESET)))
                .contains(Duration.ofHours(1));
        assertThat(config.get(ConsumerConfigs.ISOLATION_LEVEL)).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(ConsumerConfigs.NO_EFFECT).contains(ConsumerConfigs.INTERCEPTOR_CLASSES);
        assertThat(ConsumerConfigs.INTERCEPTOR_CLASSES.documentation()).startsWith("No effect in Brook");
    }

    @Test
    void badValuesAndUnknownKeysAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "partition.assignment.strategy", "range,com.example.MyAssignor")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("partition.assignment.strategy")
                .hasMessageContaining("com.example.MyAssignor");
        assertThatThrownBy(() -> ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "auto.offset.reset", "smallest")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.offset.reset");
        assertThatThrownBy(() -> ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "group.protocol", "consumer")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("classic");
        assertThatThrownBy(() -> ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "key.deserializer", "com.example.AvroDeserializer")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Consumer.create");
        assertThatThrownBy(() -> ConsumerConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "localhost:9092",
                "max.poll.record", 10)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'max.poll.records'");
        assertThat(List.of("earliest", "latest", "none")).allSatisfy(v -> ConsumerConfigs.DEFINITION.parse(
                Map.of("bootstrap.servers", "localhost:9092", "auto.offset.reset", v)));
    }
}
