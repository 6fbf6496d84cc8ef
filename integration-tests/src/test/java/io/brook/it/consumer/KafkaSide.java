package io.brook.it.consumer;

import io.brook.it.support.Topics;
import io.brook.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * kafka-clients as the consumer ITs' independent side: it creates topics, produces the records Brook must read and
 * reads the offsets Brook committed. Test scope only.
 */
final class KafkaSide implements AutoCloseable {
    private static final long TIMEOUT_S = 60;
    private final String bootstrapServers;
    private final Admin admin;

    KafkaSide(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "consumer-it-oracle"));
    }

    Admin admin() {
        return admin;
    }

    /** Creates a topic and waits until every partition has a leader the broker serves. */
    void createTopic(String name, int partitions, int replicationFactor) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Topics.awaitLeaders(admin, name, partitions, TIMEOUT_S);
    }

    /** A kafka-clients producer of byte arrays; {@code compression} as Kafka names it. */
    KafkaProducer<byte[], byte[]> producer(String compression) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Produces {@code count} records to each partition of {@code topic}: key {@code k<p>-<i>}, value
     * {@code v<p>-<i>}, and returns their offsets per partition.
     */
    Map<TopicPartition, List<Long>> produce(String topic, int partitions, int count, String compression)
            throws Exception {
        Map<TopicPartition, List<Future<RecordMetadata>>> futures = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(compression)) {
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < partitions; p++) {
                    futures.computeIfAbsent(new TopicPartition(topic, p), tp -> new ArrayList<>()).add(producer.send(
                            new ProducerRecord<>(topic, p, key(p, i), value(p, i))));
                }
            }
            producer.flush();
        }
        Map<TopicPartition, List<Long>> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, List<Future<RecordMetadata>>> e : futures.entrySet()) {
            List<Long> list = new ArrayList<>();
            for (Future<RecordMetadata> f : e.getValue()) {
                list.add(f.get(TIMEOUT_S, TimeUnit.SECONDS).offset());
            }
            offsets.put(e.getKey(), list);
        }
        return offsets;
    }

    static byte[] key(int partition, int i) {
        return ("k" + partition + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int partition, int i) {
        return ("v" + partition + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** The group's committed offsets, as kafka-clients' Admin reads them. */
    Map<TopicPartition, Long> committed(String groupId) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> raw = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        raw.forEach((tp, om) -> {
            if (om != null) {
                out.put(new TopicPartition(tp.topic(), tp.partition()), om.offset());
            }
        });
        return out;
    }

    /** Each partition's end offset, as kafka-clients' Admin reads it. */
    Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ask.put(new org.apache.kafka.common.TopicPartition(topic, p),
                    org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(ask).all().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, info) ->
                out.put(new TopicPartition(tp.topic(), tp.partition()), info.offset()));
        return out;
    }

    @Override
    public void close() {
        admin.close();
    }
}
