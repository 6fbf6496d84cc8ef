package io.brook.it.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * kafka-clients producers and consumers that set up what the admin ITs look at: records with chosen timestamps,
 * consumer groups with commits and members, open transactions. Test scope only.
 */
final class KafkaClients {
    private KafkaClients() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    /**
     * Writes records to one partition with the given timestamps, acknowledged by the broker.
     *
     * @return the offset of each record
     */
    static List<Long> produce(String bootstrapServers, String topic, int partition, long... timestamps)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers, Map.of())) {
            List<Long> offsets = new ArrayList<>();
            for (long ts : timestamps) {
                offsets.add(producer.send(new ProducerRecord<>(topic, partition, ts, null, ("v" + ts).getBytes()))
                        .get(30, TimeUnit.SECONDS).offset());
            }
            return offsets;
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String groupId, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "it-" + groupId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putAll(extra);
        return new KafkaConsumer<>(p);
    }

    /** Polls until the consumer has an assignment (it joined its group), within 60 s. */
    static void awaitAssignment(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer got no assignment within 60 s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
    }
}
