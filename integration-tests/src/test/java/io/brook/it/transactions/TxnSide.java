package io.brook.it.transactions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
        createTopic(name, partitions, replicationFactor, true);
    }

    private void createTopic(String name, int partitions, int replicationFactor, boolean create) throws Exception {
        if (create) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor))).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                var d = admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                        .get(name);
                if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + name + " never got leaders for all partitions");
            }
            Thread.sleep(50);
        }
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

    /** Creates a topic with a topic-level configuration. */
    void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs)
            throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor).configs(configs))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        createTopic(name, partitions, replicationFactor, false);
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
