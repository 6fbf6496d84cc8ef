package io.brook.it.producer;

import io.brook.it.support.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * kafka-clients as the independent oracle of the producer tests: it creates topics, reads back everything a topic
 * holds, and computes the partition its own producer would pick for a key. Test scope only.
 */
final class KafkaOracle implements AutoCloseable {
    private static final long TIMEOUT_S = 60;
    private final String bootstrapServers;
    private final Admin admin;

    KafkaOracle(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "producer-oracle"));
    }

    /** Creates a topic and waits until it has a leader for every partition. */
    void createTopic(String name, int partitions, int replication, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) replication).configs(configs))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Topics.awaitLeaders(admin, name, partitions, TIMEOUT_S);
    }

    void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, 1, Map.of());
    }

    Admin admin() {
        return admin;
    }

    /** The partition kafka-clients' producer picks for a keyed record. */
    static int kafkaPartition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /**
     * Every record of {@code topic} (all {@code partitions}) from the start, read until {@code expected} records
     * came or the timeout passed.
     */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "producer-oracle-reader");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(expected);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // A little longer, to catch records beyond those expected (duplicates).
            long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
