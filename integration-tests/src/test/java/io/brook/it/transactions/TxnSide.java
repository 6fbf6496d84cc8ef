package io.brook.it.transactions;

import io.brook.it.support.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * kafka-clients as the transaction ITs' independent side: topics, a transactional producer, and a reader that
 * returns everything a topic holds at a given isolation level. Test scope only.
 */
final class TxnSide implements AutoCloseable {
    static final long TIMEOUT_S = 60;
    private final String bootstrapServers;
    private final Admin admin;

    TxnSide(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "txn-it-oracle"));
    }

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions, int replicationFactor) throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) replicationFactor), TIMEOUT_S);
    }

    /** Creates a topic with topic-level configuration and waits until every partition has a leader. */
    void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs)
            throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) replicationFactor).configs(configs), TIMEOUT_S);
    }

    /** A kafka-clients transactional producer of strings, transactions initialised. */
    KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    /**
     * Every record of {@code topic} visible at {@code isolation} ("read_committed" or "read_uncommitted"), read
     * from the beginning to the end offset the consumer sees (the LSO for read_committed): the values per
     * partition, in offset order.
     */
    Map<Integer, List<String>> readAll(String topic, int partitions, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Integer, List<String>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
                out.put(i, new ArrayList<>());
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("kafka-clients did not reach the end of " + topic + ": " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).add(r.value());
                }
            }
        }
        return out;
    }

    /** Writes {@code count} records with values {@code prefix<i>} round-robin over the topic's partitions. */
    void produce(String topic, int partitions, String prefix, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, i % partitions,
                        "k" + i, prefix + i)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(TIMEOUT_S, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code prefix-<partition>-<i>} for i in [from, to): the values the transaction tests write and expect. */
    static List<String> values(String prefix, int partition, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + "-" + partition + "-" + i);
        }
        return out;
    }

    /** Starts a dedicated cluster and checks it offers only the classic transaction protocol. */
    static io.brook.testkit.KafkaCluster startClassic(io.brook.testkit.KafkaClusterBuilder builder) throws Exception {
        io.brook.testkit.KafkaCluster cluster = builder.build();
        cluster.start();
        try (TxnSide side = new TxnSide(cluster.bootstrapServers())) {
            if (side.finalizedTransactionVersion() >= 2) {
                cluster.close();
                throw new AssertionError("the cluster offers transaction.version >= 2");
            }
        }
        return cluster;
    }

    /** The cluster's finalized {@code transaction.version} (0 when the broker has no such feature). */
    int finalizedTransactionVersion() throws Exception {
        var finalized = admin.describeFeatures().featureMetadata().get(TIMEOUT_S, TimeUnit.SECONDS)
                .finalizedFeatures().get("transaction.version");
        return finalized == null ? 0 : finalized.maxVersionLevel();
    }

    /** Sets one configuration key of a topic. */
    void setTopicConfig(String topic, String key, String value) throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                new org.apache.kafka.clients.admin.ConfigEntry(key, value),
                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The group's committed offsets, as kafka-clients' Admin reads them (partition -> offset). */
    Map<Integer, Long> committed(String groupId) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null) {
                        out.put(tp.partition(), om.offset());
                    }
                });
        return out;
    }

    @Override
    public void close() {
        admin.close();
    }
}
