package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Deserializers;
import io.brook.common.Header;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.TimestampType;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records written by kafka-clients with every compression type, with headers, null keys and null values, are read
 * by Brook byte for byte, with their offsets and timestamps.
 */
@ExtendWith(KafkaClusterExtension.class)
class ByteExactIT {

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void readsWhatKafkaClientsWroteByteForByte(String compression, KafkaCluster cluster) throws Exception {
        String topic = "exact-" + compression + "-" + UUID.randomUUID();
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Random random = new Random(compression.hashCode());
        try (KafkaSide kafka = new KafkaSide(cluster.bootstrapServers());
                KafkaProducer<byte[], byte[]> producer = kafka.producer(compression)) {
            kafka.createTopic(topic, 1, 1);
            for (int i = 0; i < 1_000; i++) {
                byte[] key = i % 7 == 0 ? null : bytes(random, random.nextInt(40));
                byte[] value = i % 11 == 0 ? null : bytes(random, random.nextInt(i % 50 == 0 ? 20_000 : 300));
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, 1_700_000_000_000L + i, key, value);
                if (i % 3 == 0) {
                    r.headers().add(new RecordHeader("trace-" + i, ("id-" + i).getBytes(StandardCharsets.UTF_8)));
                    r.headers().add(new RecordHeader("empty", new byte[0]));
                    r.headers().add(new RecordHeader("null-valued", null));
                    r.headers().add(new RecordHeader("ünïcödé", new byte[] {0, -1, 127}));
                }
                sent.add(r);
                acks.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
        try (Consumer<byte[], byte[]> consumer = Consumer.create(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "auto.offset.reset", "earliest", "max.poll.records", 137),
                Deserializers.bytes(), Deserializers.bytes())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> read = ConsumerAssignIT.readAll(consumer, sent.size())
                    .get(new TopicPartition(topic, 0));
            for (int i = 0; i < sent.size(); i++) {
                ProducerRecord<byte[], byte[]> expected = sent.get(i);
                ConsumerRecord<byte[], byte[]> actual = read.get(i);
                assertThat(actual.offset()).isEqualTo(i);
                assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
                assertThat(actual.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
                assertThat(actual.key()).isEqualTo(expected.key());
                assertThat(actual.value()).isEqualTo(expected.value());
                assertThat(actual.serializedKeySize()).isEqualTo(expected.key() == null ? -1 : expected.key().length);
                assertThat(actual.serializedValueSize())
                        .isEqualTo(expected.value() == null ? -1 : expected.value().length);
                List<Header> headers = new ArrayList<>();
                expected.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
                assertThat(actual.headers()).as("headers of record %d", i).containsExactlyElementsOf(headers);
            }
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
