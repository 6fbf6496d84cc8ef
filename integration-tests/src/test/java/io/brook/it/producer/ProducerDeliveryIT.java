package io.brook.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Header;
import io.brook.common.Serializers;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.compress.CompressionType;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The producer's main contract against a real broker, checked by kafka-clients reading the topic back: 100,000
 * keyed records with acks=all, once per compression codec, each present exactly once, in send order per key, on
 * the partition kafka-clients would pick for its key, with its headers and timestamp, at the offset its future
 * reported.
 */
@ExtendWith(KafkaClusterExtension.class)
class ProducerDeliveryIT {
    private static final int RECORDS = 100_000;
    private static final int KEYS = 1_000;
    private static final int PARTITIONS = 6;
    private static final long BASE_TIMESTAMP = 1_760_000_000_000L;

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyRecordArrivesOnceInOrderWhereKafkaWouldPutIt(CompressionType compression, KafkaCluster cluster)
            throws Exception {
        String topic = "delivery-" + compression + "-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, PARTITIONS);
            Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all",
                    "compression.type", compression.configName(), "client.id", "delivery-" + compression);
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(RECORDS);
            try (Producer<String, byte[]> producer = Producer.create(config, Serializers.string(),
                    Serializers.bytes())) {
                for (int i = 0; i < RECORDS; i++) {
                    futures.add(producer.send(record(topic, i)));
                }
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            }
            List<ConsumerRecord<byte[], byte[]>> read = oracle.readAll(topic, PARTITIONS, RECORDS,
                    Duration.ofSeconds(120));
            assertThat(read).as("records read back").hasSize(RECORDS);
            Map<Integer, ConsumerRecord<byte[], byte[]>> byIndex = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                int i = index(r.value());
                assertThat(byIndex.put(i, r)).as("record %d read twice", i).isNull();
            }
            Map<String, Long> lastOffsetOfKey = new HashMap<>();
            for (int i = 0; i < RECORDS; i++) {
                ConsumerRecord<byte[], byte[]> r = byIndex.get(i);
                assertThat(r).as("record %d", i).isNotNull();
                String key = new String(r.key(), StandardCharsets.UTF_8);
                assertThat(key).isEqualTo(key(i));
                assertThat(r.partition()).as("partition of %s", key)
                        .isEqualTo(KafkaOracle.kafkaPartition(r.key(), PARTITIONS));
                assertThat(r.timestamp()).isEqualTo(BASE_TIMESTAMP + i);
                assertThat(r.headers().toArray()).hasSize(2);
                assertThat(r.headers().lastHeader("index").value()).isEqualTo(intBytes(i));
                assertThat(new String(r.headers().lastHeader("source").value(), StandardCharsets.UTF_8))
                        .isEqualTo("brook");
                RecordMetadata md = futures.get(i).join();
                assertThat(md.topic()).isEqualTo(topic);
                assertThat(md.partition()).isEqualTo(r.partition());
                assertThat(md.offset()).as("offset of record %d", i).isEqualTo(r.offset());
                assertThat(md.timestamp()).isEqualTo(BASE_TIMESTAMP + i);
                Long previous = lastOffsetOfKey.put(key, r.offset());
                assertThat(previous == null || previous < r.offset()).as("order of key %s", key).isTrue();
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, int i) {
        return new ProducerRecord<>(topic, null, BASE_TIMESTAMP + i, key(i), value(i),
                List.of(new Header("index", intBytes(i)), Header.of("source", "brook")));
    }

    private static String key(int i) {
        return "key-" + (i % KEYS);
    }

    private static byte[] value(int i) {
        byte[] v = new byte[64];
        ByteBuffer.wrap(v).putInt(i);
        for (int k = 4; k < v.length; k++) {
            v[k] = (byte) ('a' + (i + k) % 26);
        }
        return v;
    }

    private static int index(byte[] value) {
        return ByteBuffer.wrap(value).getInt();
    }

    private static byte[] intBytes(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }
}
