package io.brook.it.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Serializers;
import io.brook.common.config.ConfigException;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The producer's typed errors against a real broker (automatic topic creation is off in the test kit). */
@ExtendWith(KafkaClusterExtension.class)
class ProducerErrorsIT {

    @Test
    void unknownTopicFailsWithTheTypedErrorWithinMaxBlock(KafkaCluster cluster) throws Exception {
        String topic = "missing-" + UUID.randomUUID();
        try (Producer<String, String> producer = Producer.create(Configs.of(cluster, "max.block.ms", 2_000),
                Serializers.string(), Serializers.string())) {
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> f = producer.send(ProducerRecord.of(topic, "k", "v"));
            long sendMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(sendMs).as("send returns without waiting for metadata").isLessThan(500);
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessageContaining(topic).hasMessageContaining("max.block.ms");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMs).isBetween(1_900L, 10_000L);
        }
    }

    @Test
    void oversizedRecordFailsAtOnceAndTheProducerGoesOn(KafkaCluster cluster) throws Exception {
        String topic = "oversized-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, byte[]> producer = Producer.create(Configs.of(cluster), Serializers.string(),
                        Serializers.bytes())) {
            oracle.createTopic(topic, 1);
            CompletableFuture<RecordMetadata> big = producer.send(ProducerRecord.of(topic, "k", new byte[2_000_000]));
            assertThat(big).as("failed before anything was sent").isCompletedExceptionally();
            assertThatThrownBy(big::join).cause().isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.request.size");
            RecordMetadata md = producer.send(ProducerRecord.of(topic, "k", new byte[100])).get(30, TimeUnit.SECONDS);
            assertThat(md.offset()).isZero();
        }
    }

    @Test
    void aRecordTheBrokerFindsTooLargeFailsAndABatchItFindsTooLargeIsSplit(KafkaCluster cluster) throws Exception {
        String topic = "small-messages-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, byte[]> producer = Producer.create(Configs.of(cluster, "linger.ms", 500,
                        "batch.size", 100_000), Serializers.string(), Serializers.bytes())) {
            oracle.createTopic(topic, 1, 1, Map.of("max.message.bytes", "4000"));
            // One record above the topic's limit: the broker refuses it, and only it.
            CompletableFuture<RecordMetadata> alone = producer.send(ProducerRecord.of(topic, "big", new byte[6_000]));
            assertThatThrownBy(() -> alone.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(RecordTooLargeException.class).hasMessageContaining(topic + "-0");
            // Twenty records of 1 KB linger into one batch of ~20 KB, which the broker refuses; split, they all go.
            List<CompletableFuture<RecordMetadata>> small = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                small.add(producer.send(ProducerRecord.of(topic, "k" + i, new byte[1_000])));
            }
            CompletableFuture.allOf(small.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 1; i < small.size(); i++) {
                assertThat(small.get(i).join().offset()).isEqualTo(small.get(i - 1).join().offset() + 1);
            }
            assertThat(oracle.readAll(topic, 1, 20, Duration.ofSeconds(30))).hasSize(20);
        }
    }

    @Test
    void anUnreachableBootstrapServerFailsWithATimeoutNamingTheAddress() throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:1", "max.block.ms", 1_500,
                "client.id", "unreachable");
        try (Producer<String, String> producer = Producer.create(config, Serializers.string(),
                Serializers.string())) {
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> f = producer.send(ProducerRecord.of("any-topic", "k", "v"));
            assertThat((System.nanoTime() - start) / 1_000_000).as("send does not wait").isLessThan(500);
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining("any-topic");
        }
    }

    @Test
    void anUnknownConfigurationKeyFailsCreate(KafkaCluster cluster) {
        Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "linger.msec", 5);
        assertThatThrownBy(() -> Producer.create(config, Serializers.string(), Serializers.string()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'linger.msec'")
                .hasMessageContaining("did you mean 'linger.ms'");
    }
}
