package io.brook.it.golden;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives {@code kafka-clients} through the work an application does, so that {@link RequestCapture} sees the
 * requests it sends naturally: an Admin (topics, configs, partitions, offsets, records, groups, producers,
 * transactions, ACLs), an idempotent and a transactional producer, a classic group consumer (twice, so that the
 * second validates the committed position), a consumer of the KIP-848 protocol, and an Admin that authenticates
 * with SASL/PLAIN. Every client's id starts
 * with {@link #CLIENT_ID_PREFIX}.
 *
 * <p>A step that fails is logged and skipped (ACL calls fail with SECURITY_DISABLED on a broker without an
 * authorizer, the KIP-848 consumer on a broker without that protocol): what matters is what was sent.
 *
 * <p>Not thread-safe; {@link #run()} once.
 */
final class KafkaClientsTour {
    static final String CLIENT_ID_PREFIX = "golden-";
    static final String SASL_USER = "golden";
    private static final String TOPIC = "golden-requests";
    private static final String CLASSIC_GROUP = "golden-classic-group";
    private static final String CONSUMER_GROUP = "golden-consumer-group";
    private static final String TRANSACTIONAL_ID = "golden-transaction";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 6;

    private final String bootstrapServers;
    private final Map<String, String> saslClient;
    private final String saslPassword;
    private final List<String> failedSteps = new ArrayList<>();

    /**
     * @param saslClient the properties that reach the broker's SASL_PLAINTEXT listener (bootstrap servers and
     *     security protocol), for an Admin that authenticates as {@link #SASL_USER} with SASL/PLAIN
     */
    KafkaClientsTour(String bootstrapServers, Map<String, String> saslClient, String saslPassword) {
        this.bootstrapServers = bootstrapServers;
        this.saslClient = saslClient;
        this.saslPassword = saslPassword;
    }

    /** Runs every step; returns the steps that failed, with their error. */
    List<String> run() {
        try (Admin admin = Admin.create(common("admin"))) {
            step("create topic", () -> admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all());
            step("describe cluster", () -> admin.describeCluster().nodes());
            step("describe topic", () -> admin.describeTopics(List.of(TOPIC)).allTopicNames());
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            step("describe configs", () -> admin.describeConfigs(List.of(topic)).all());
            step("alter configs", () -> admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all());
            step("create partitions", () -> admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(3))).all());
            produceIdempotently();
            produceInTransaction();
            consume("classic", CLASSIC_GROUP, "classic-consumer");
            consume("classic", CLASSIC_GROUP, "classic-consumer-again");
            consume("consumer", CONSUMER_GROUP, "kip848-consumer");
            offsetsAndRecords(admin);
            groups(admin);
            step("describe producers", () -> admin.describeProducers(List.of(TP0)).all());
            step("list transactions", () -> admin.listTransactions().all());
            step("describe transactions", () -> admin.describeTransactions(List.of(TRANSACTIONAL_ID)).all());
            acls(admin);
            step("delete groups", () -> admin.deleteConsumerGroups(List.of(CLASSIC_GROUP, CONSUMER_GROUP)).all());
            step("delete topic", () -> admin.deleteTopics(List.of(TOPIC)).all());
        }
        authenticate();
        return failedSteps;
    }

    /** SaslHandshake and SaslAuthenticate: an Admin that logs in with SASL/PLAIN before asking anything. */
    private void authenticate() {
        Properties props = common("sasl-admin");
        props.putAll(saslClient);
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + SASL_USER + "\" password=\"" + saslPassword + "\";");
        try (Admin admin = Admin.create(props)) {
            step("describe cluster over SASL/PLAIN", () -> admin.describeCluster().nodes());
        }
    }

    private void produceIdempotently() {
        Properties props = common("idempotent-producer");
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer = producer(props)) {
            for (int i = 0; i < RECORDS; i++) {
                int n = i;
                run("idempotent send " + i, () -> producer.send(
                        new ProducerRecord<>(TOPIC, n % 3, "key-" + n, "value-" + n)).get(30, TimeUnit.SECONDS));
            }
        }
    }

    private void produceInTransaction() {
        Properties props = common("transactional-producer");
        props.put("transactional.id", TRANSACTIONAL_ID);
        try (KafkaProducer<String, String> producer = producer(props)) {
            run("transaction", () -> {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 0, "txn-key", "txn-value")).get(30, TimeUnit.SECONDS);
                producer.sendOffsetsToTransaction(Map.of(TP0, new OffsetAndMetadata(0)),
                        new ConsumerGroupMetadata(CLASSIC_GROUP));
                producer.commitTransaction();
            });
        }
    }

    /**
     * Joins {@code group}, reads what is there for at least two seconds (several heartbeats), commits and leaves.
     * A second consumer of the same classic group starts from the committed offsets, whose leader epoch it
     * validates with OffsetForLeaderEpoch.
     */
    private void consume(String protocol, String group, String clientId) {
        Properties props = common(clientId);
        props.put("group.id", group);
        props.put("group.protocol", protocol);
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        if (protocol.equals("classic")) {
            // Several heartbeats within the two seconds; the KIP-848 protocol takes its interval from the broker.
            props.put("heartbeat.interval.ms", "300");
        }
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        run(protocol + " consumer " + clientId, () -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(TOPIC));
                long start = System.nanoTime();
                int seen = 0;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)
                        && (seen == 0 || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2))) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    seen += records.count();
                }
                consumer.commitSync(Duration.ofSeconds(30));
                System.out.println("  " + clientId + " read " + seen + " records");
            }
        });
    }

    private void offsetsAndRecords(Admin admin) {
        step("list offsets", () -> admin.listOffsets(Map.of(TP0, OffsetSpec.latest())).all());
        step("delete records", () -> admin.deleteRecords(Map.of(TP0, RecordsToDelete.beforeOffset(1))).all());
    }

    private void groups(Admin admin) {
        step("list groups", () -> admin.listGroups().all());
        step("describe consumer groups", () -> admin.describeConsumerGroups(List.of(CONSUMER_GROUP)).all());
        step("describe classic groups", () -> admin.describeClassicGroups(List.of(CLASSIC_GROUP)).all());
        step("list group offsets", () -> admin.listConsumerGroupOffsets(CLASSIC_GROUP).all());
        step("alter group offsets", () -> admin.alterConsumerGroupOffsets(CLASSIC_GROUP,
                Map.of(TP0, new OffsetAndMetadata(1))).all());
        step("delete group offsets", () -> admin.deleteConsumerGroupOffsets(CLASSIC_GROUP, Set.of(TP0)).all());
    }

    /** ACL requests are sent even to a broker without an authorizer, which answers SECURITY_DISABLED. */
    private void acls(Admin admin) {
        AclBinding binding = new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                new AccessControlEntry("User:golden", "*", AclOperation.READ, AclPermissionType.ALLOW));
        step("create ACL", () -> admin.createAcls(List.of(binding)).all());
        step("describe ACLs", () -> admin.describeAcls(AclBindingFilter.ANY).values());
        step("delete ACLs", () -> admin.deleteAcls(List.of(binding.toFilter())).all());
    }

    private Properties common(String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("client.id", CLIENT_ID_PREFIX + clientId);
        props.put("request.timeout.ms", "15000");
        props.put("default.api.timeout.ms", "30000");
        return props;
    }

    private static KafkaProducer<String, String> producer(Properties props) {
        props.put("max.block.ms", "30000");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private interface Step {
        KafkaFuture<?> call() throws Exception;
    }

    private interface Action {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        run(name, () -> step.call().get(30, TimeUnit.SECONDS));
    }

    private void run(String name, Action action) {
        try {
            action.run();
            System.out.println("  ok: " + name);
        } catch (Exception e) {
            String failure = name + ": " + e;
            System.out.println("  failed (kept going): " + failure);
            failedSteps.add(failure);
        }
    }
}
