package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Serializer;
import io.brook.common.config.ConfigException;
import io.brook.common.config.ProducerConfigs;
import io.brook.common.config.ProducerOptions;
import io.brook.producer.Partitioner;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;
import org.junit.jupiter.api.Test;

/** Configuration as a whole: Kafka's combination rules, defaults, serializer and partitioner classes. */
class ProducerSetupTest {

    private static ProducerOptions options(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return ProducerOptions.fromMap(m);
    }

    @Test
    void defaultsAreKafkasProducerDefaults() {
        SenderSettings s = ProducerSetup.settings(options(), "p");
        assertThat(s.acks()).isEqualTo((short) -1);
        assertThat(s.idempotent()).isTrue();
        assertThat(s.batchSize()).isEqualTo(16_384);
        assertThat(s.lingerMs()).isEqualTo(5);
        assertThat(s.deliveryTimeoutMs()).isEqualTo(120_000);
        assertThat(s.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(s.maxInFlight()).isEqualTo(5);
        assertThat(s.maxRequestSize()).isEqualTo(1_048_576);
        assertThat(s.maxBlockMs()).isEqualTo(60_000);
        assertThat(s.retries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(options().bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(options().config().get(io.brook.common.config.CommonConfigs.RECEIVE_BUFFER_BYTES))
                .isEqualTo(32_768);
    }

    @Test
    void idempotenceTurnsOffQuietlyWhenNotAskedForAndConflicting() {
        assertThat(ProducerSetup.settings(options("acks", "1"), "p").idempotent()).isFalse();
        assertThat(ProducerSetup.settings(options("retries", 0), "p").idempotent()).isFalse();
        assertThat(ProducerSetup.settings(options("max.in.flight.requests.per.connection", 6), "p").idempotent())
                .isFalse();
        assertThat(ProducerSetup.settings(options("enable.idempotence", false), "p").idempotent()).isFalse();
    }

    @Test
    void idempotenceAskedForWithAConflictingKeyFailsNamingIt() {
        assertThatThrownBy(() -> ProducerSetup.settings(options("enable.idempotence", true, "acks", "1"), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acks must be all");
        assertThatThrownBy(() -> ProducerSetup.settings(options("enable.idempotence", "true",
                "max.in.flight.requests.per.connection", 10), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 5 (is 10)");
    }

    @Test
    void deliveryTimeoutMustCoverLingerAndARequest() {
        assertThatThrownBy(() -> ProducerSetup.settings(options("delivery.timeout.ms", 1_000), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.timeout.ms (1000)");
        assertThat(ProducerSetup.settings(options("request.timeout.ms", 200_000), "p").deliveryTimeoutMs())
                .as("raised when not given").isEqualTo(200_005);
    }

    @Test
    void aTransactionalProducerMustBeIdempotent() {
        assertThat(ProducerSetup.settings(options("transactional.id", "tx-1"), "p").transactionalId())
                .isEqualTo("tx-1");
        assertThatThrownBy(() -> ProducerSetup.settings(options("transactional.id", "tx-1",
                "enable.idempotence", false), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be idempotent");
        assertThatThrownBy(() -> ProducerSetup.settings(options("transactional.id", "tx-1", "acks", "1"), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be idempotent");
        assertThatThrownBy(() -> ProducerSetup.settings(options("transactional.id", ""), "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("non-blank");
    }

    @Test
    void unknownAndMisspelledKeysAreRejectedWithASuggestion() {
        assertThatThrownBy(() -> options("bach.size", 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'batch.size'");
        assertThatThrownBy(() -> options("acks", "2")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("one of all, -1, 0, 1");
        assertThatThrownBy(() -> options("compression.type", "brotli")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> options("compression.lz4.level", 18)).isInstanceOf(ConfigException.class);
    }

    @Test
    void kafkaKeysWithoutEffectAreAccepted() {
        ProducerOptions o = options("metric.reporters", "com.example.Reporter", "interceptor.classes", "a.B",
                "metrics.recording.level", "DEBUG", "auto.include.jmx.reporter", false, "enable.metrics.push", false);
        assertThat(ProducerSetup.settings(o, "p")).isNotNull();
        assertThat(ProducerConfigs.NO_EFFECT).containsKeys("metric.reporters", "interceptor.classes",
                "metrics.sample.window.ms", "metrics.num.samples", "auto.include.jmx.reporter");
    }

    @Test
    void kafkasSerializerClassNamesProduceKafkasBytes() {
        assertSame("org.apache.kafka.common.serialization.StringSerializer", "héllo",
                "héllo".getBytes(StandardCharsets.UTF_8));
        assertSame("org.apache.kafka.common.serialization.ShortSerializer", (short) -2,
                new ShortSerializer().serialize("t", (short) -2));
        assertSame("org.apache.kafka.common.serialization.FloatSerializer", 1.5f,
                new FloatSerializer().serialize("t", 1.5f));
        assertSame("org.apache.kafka.common.serialization.DoubleSerializer", -0.25,
                new DoubleSerializer().serialize("t", -0.25));
        UUID id = UUID.randomUUID();
        assertSame("org.apache.kafka.common.serialization.UUIDSerializer", id, new UUIDSerializer().serialize("t", id));
        assertSame("org.apache.kafka.common.serialization.LongSerializer", 42L,
                new org.apache.kafka.common.serialization.LongSerializer().serialize("t", 42L));
    }

    @SuppressWarnings("unchecked")
    private static <T> void assertSame(String className, T value, byte[] expected) {
        Serializer<T> s = (Serializer<T>) ProducerSetup.serializer(null, options("key.serializer", className).config(),
                ProducerConfigs.KEY_SERIALIZER);
        assertThat(s.serialize("t", value)).as(className).isEqualTo(expected);
        assertThat(s.serialize("t", null)).isNull();
    }

    @Test
    void aGivenSerializerWinsAndAMissingOneIsAClearError() {
        Serializer<String> mine = (topic, v) -> new byte[] {1};
        assertThat(ProducerSetup.serializer(mine, options("key.serializer",
                "org.apache.kafka.common.serialization.StringSerializer").config(), ProducerConfigs.KEY_SERIALIZER))
                .isSameAs(mine);
        assertThatThrownBy(() -> ProducerSetup.serializer(null, options().config(), ProducerConfigs.VALUE_SERIALIZER))
                .isInstanceOf(ConfigException.class).hasMessageContaining("value.serializer");
        assertThatThrownBy(() -> ProducerSetup.serializer(null, options("key.serializer", "java.lang.String")
                .config(), ProducerConfigs.KEY_SERIALIZER)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not implement io.brook.common.Serializer");
    }

    @Test
    void partitionerClassesResolve() {
        assertThat(ProducerSetup.partitioner(null, options().config())).isNull();
        assertThat(ProducerSetup.partitioner(null, options("partitioner.class",
                "org.apache.kafka.clients.producer.RoundRobinPartitioner").config()))
                .isInstanceOf(RoundRobinPartitioner.class);
        assertThat(ProducerSetup.partitioner(null, options("partitioner.class", LastPartition.class.getName())
                .config())).isInstanceOf(LastPartition.class);
        assertThatThrownBy(() -> ProducerSetup.partitioner(null, options("partitioner.class", "no.Such")
                .config())).isInstanceOf(ConfigException.class).hasMessageContaining("no such class");
    }

    /** A partitioner created by class name. */
    public static final class LastPartition implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                int partitionCount) {
            return partitionCount - 1;
        }
    }
}
