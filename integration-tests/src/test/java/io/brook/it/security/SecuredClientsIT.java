package io.brook.it.security;

import static io.brook.it.security.SecuredCluster.PASSWORD;
import static io.brook.it.security.SecuredCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.Admin;
import io.brook.admin.NewTopic;
import io.brook.common.Deserializers;
import io.brook.common.Serializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.Listener;
import io.netty.handler.ssl.OpenSsl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brook's Producer and Consumer over every kind of secured listener of one real broker (the one
 * {@link SecuredCluster} all security ITs share): SSL on both TLS engines, mutual TLS on both engines,
 * SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256 (whose broker sessions last 3 s, so the clients re-authenticate
 * mid-test), SASL_SSL with SCRAM-SHA-512 and OAUTHBEARER (3 s sessions too). Each case configures the clients
 * with the standard Kafka keys a user pastes ({@code security.protocol}, {@code ssl.truststore.*},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}); an idempotent acks=all producer sends keyed records, a
 * consumer in a group reads them all back and commits, and a kafka-clients consumer over the same listener, with
 * the same keys, reads the same records.
 */
class SecuredClientsIT {
    private static final int RECORDS = 300;
    private static final int PARTITIONS = 3;
    private static final long TIMEOUT_S = 60;

    static Stream<Arguments> connections() {
        String scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + PASSWORD + "\";";
        return Stream.of(
                Arguments.of("SSL", Listener.SSL, Map.of(), "jdk"),
                Arguments.of("SSL", Listener.SSL, Map.of(), "openssl"),
                Arguments.of("mutual TLS", Listener.MTLS, Map.of(), "jdk"),
                Arguments.of("mutual TLS", Listener.MTLS, Map.of(), "openssl"),
                Arguments.of("SASL_PLAINTEXT, PLAIN", Listener.SASL_PLAINTEXT, Map.of("sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "username=\"" + USER + "\" password=\"" + PASSWORD + "\";"), "auto"),
                Arguments.of("SASL_PLAINTEXT, SCRAM-SHA-256", Listener.SASL_PLAINTEXT, Map.of(
                        "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config", scramJaas), "auto"),
                Arguments.of("SASL_SSL, SCRAM-SHA-512", Listener.SASL_SSL, Map.of(
                        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", scramJaas), "jdk"),
                Arguments.of("SASL_SSL, OAUTHBEARER", Listener.SASL_SSL, Map.of(
                        "sasl.mechanism", "OAUTHBEARER", "sasl.jaas.config",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                                + "unsecuredLoginStringClaim_sub=\"" + USER + "\";"), "openssl"));
    }

    /** The standard keys of the listener plus {@code sasl}: what a user of either client would paste. */
    private static Map<String, Object> standardKeys(Listener listener, Map<String, String> sasl) {
        Map<String, Object> config = new HashMap<>(SecuredCluster.get().clientProperties(listener));
        config.putAll(sasl);
        return config;
    }

    private static Map<String, Object> brookConfig(Listener listener, Map<String, String> sasl, String engine,
            String clientId) {
        Map<String, Object> config = standardKeys(listener, sasl);
        config.put("brook.ssl.provider", engine);
        config.put("client.id", clientId);
        return config;
    }

    @ParameterizedTest(name = "{0} ({3})")
    @MethodSource("connections")
    void producerAndConsumerWorkOver(String name, Listener listener, Map<String, String> sasl, String engine)
            throws Exception {
        if (engine.equals("openssl")) {
            Assumptions.assumeTrue(OpenSsl.isAvailable(), () -> "OpenSSL (netty-tcnative) does not load here: "
                    + OpenSsl.unavailabilityCause());
        }
        String topic = "secured-clients-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(brookConfig(listener, sasl, engine, "secured-clients-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        String run = UUID.randomUUID().toString();
        Map<String, String> sent = new HashMap<>();
        IntStream.range(0, RECORDS).forEach(i -> sent.put("key-" + i, "value-" + i + "-" + run));

        Map<String, Object> producerConfig = brookConfig(listener, sasl, engine, "secured-producer");
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", true);
        producerConfig.put("linger.ms", 5);
        try (Producer<String, String> producer = Producer.create(producerConfig, Serializers.string(),
                Serializers.string())) {
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            sent.forEach((k, v) -> futures.add(producer.send(ProducerRecord.of(topic, k, v))));
            producer.flush();
            for (CompletableFuture<RecordMetadata> f : futures) {
                assertThat(f.get(TIMEOUT_S, TimeUnit.SECONDS).topic()).isEqualTo(topic);
            }
        }

        Map<String, String> readByBrook = readWithBrookGroup(brookConfig(listener, sasl, engine, "secured-consumer"),
                topic);
        assertThat(readByBrook).isEqualTo(sent);
        Map<String, String> readByKafka = readWithKafkaClients(standardKeys(listener, sasl), topic);
        assertThat(readByKafka).as("kafka-clients over the same listener agrees").isEqualTo(sent);
    }

    /** Reads the topic in a new group until every record came, commits, and checks the committed offsets. */
    private static Map<String, String> readWithBrookGroup(Map<String, Object> config, String topic) {
        config.put("group.id", "secured-group-" + topic);
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", false);
        Map<String, String> read = new HashMap<>();
        try (Consumer<String, String> consumer = Consumer.create(config, Deserializers.string(),
                Deserializers.string())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            int records = 0;
            while (records < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    read.put(r.key(), r.value());
                    records++;
                }
            }
            assertThat(records).as("records read, none twice").isEqualTo(RECORDS);
            consumer.commitSync();
            var tps = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p))
                    .collect(java.util.stream.Collectors.toSet());
            long committed = consumer.committed(tps).values().stream().mapToLong(o -> o.offset()).sum();
            assertThat(committed).as("committed through the group coordinator").isEqualTo(RECORDS);
        }
        return read;
    }

    private static Map<String, String> readWithKafkaClients(Map<String, Object> config, String topic) {
        Properties props = new Properties();
        props.putAll(config);
        props.put("client.id", "secured-oracle");
        if ("OAUTHBEARER".equals(config.get("sasl.mechanism"))) {
            // The one key added for kafka-clients: its own unsecured token maker needs Jackson (not here).
            props.put("sasl.login.callback.handler.class", KafkaUnsecuredTokens.class.getName());
        }
        Map<String, String> read = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            var tps = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new org.apache.kafka.common.TopicPartition(topic, p)).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (read.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.put(r.key(), r.value()));
            }
        }
        return read;
    }
}
