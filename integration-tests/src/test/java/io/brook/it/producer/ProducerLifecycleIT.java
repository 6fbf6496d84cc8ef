package io.brook.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Serializers;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** flush, close, callbacks, many sending threads, broker timestamps and acks, against a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class ProducerLifecycleIT {

    @Test
    void flushSendsWithoutLingeringAndReturnsWhenEveryEarlierRecordIsComplete(KafkaCluster cluster) throws Exception {
        String topic = "flush-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, String> producer = Producer.create(Configs.of(cluster, "linger.ms", 600_000,
                        "delivery.timeout.ms", 700_000), Serializers.string(), Serializers.string())) {
            oracle.createTopic(topic, 3);
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)));
            }
            long start = System.nanoTime();
            producer.flush();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
            assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        }
    }

    @Test
    void closeWithoutATimeoutSendsEverythingFirst(KafkaCluster cluster) throws Exception {
        String topic = "close-" + UUID.randomUUID();
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, 2);
            Producer<String, String> producer = Producer.create(Configs.of(cluster, "linger.ms", 600_000,
                    "delivery.timeout.ms", 700_000), Serializers.string(), Serializers.string());
            for (int i = 0; i < 500; i++) {
                sent.add(producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)));
            }
            producer.close();
            assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(oracle.readAll(topic, 2, 500, Duration.ofSeconds(30))).hasSize(500);
        }
    }

    @Test
    void manyThreadsSendAtOnceAndEachKeepsItsOrder(KafkaCluster cluster) throws Exception {
        String topic = "threads-" + UUID.randomUUID();
        int threads = 8;
        int perThread = 5_000;
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, String> producer = Producer.create(Configs.of(cluster), Serializers.string(),
                        Serializers.string())) {
            oracle.createTopic(topic, 6);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<CompletableFuture<RecordMetadata>>>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    List<CompletableFuture<RecordMetadata>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(producer.send(ProducerRecord.of(topic, "t" + thread + "-k" + (i % 20),
                                thread + ":" + i)));
                    }
                    return mine;
                }));
            }
            List<CompletableFuture<RecordMetadata>> all = new ArrayList<>();
            for (Future<List<CompletableFuture<RecordMetadata>>> w : work) {
                all.addAll(w.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<ConsumerRecord<byte[], byte[]>> read = oracle.readAll(topic, 6, threads * perThread,
                    Duration.ofSeconds(60));
            assertThat(read).hasSize(threads * perThread);
            Map<String, Integer> lastOfKey = new HashMap<>();
            read.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            for (ConsumerRecord<byte[], byte[]> r : read) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                int seq = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).split(":")[1]);
                Integer previous = lastOfKey.put(key, seq);
                assertThat(previous == null || previous < seq).as("order of %s", key).isTrue();
            }
        }
    }

    @Test
    void callbacksRunOnTheProducersCallbackThreadAndMayWaitForAnotherSend(KafkaCluster cluster) throws Exception {
        String topic = "callbacks-" + UUID.randomUUID();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, String> producer = Producer.create(Configs.of(cluster, "client.id", "cb"),
                        Serializers.string(), Serializers.string())) {
            oracle.createTopic(topic, 1);
            CompletableFuture<RecordMetadata> nested = producer.send(ProducerRecord.of(topic, "a", "first"))
                    .thenApply(md -> {
                        threads.add(Thread.currentThread().getName());
                        // Blocking inside a callback on another send of the same producer must not deadlock.
                        return producer.send(ProducerRecord.of(topic, "b", "second")).join();
                    });
            RecordMetadata second = nested.get(30, TimeUnit.SECONDS);
            assertThat(second.offset()).isEqualTo(1);
            assertThat(threads).allMatch(n -> n.startsWith("brook-cb-callbacks-"));
        }
    }

    @Test
    void aLogAppendTimeTopicReportsTheBrokersTimestamp(KafkaCluster cluster) throws Exception {
        String topic = "append-time-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers());
                Producer<String, String> producer = Producer.create(Configs.of(cluster), Serializers.string(),
                        Serializers.string())) {
            oracle.createTopic(topic, 1, 1, Map.of("message.timestamp.type", "LogAppendTime"));
            long before = System.currentTimeMillis();
            RecordMetadata md = producer.send(new ProducerRecord<>(topic, null, 1_000L, "k", "v", List.of()))
                    .get(30, TimeUnit.SECONDS);
            assertThat(md.timestamp()).as("the broker's time, not the record's").isBetween(before - 5_000,
                    System.currentTimeMillis() + 5_000);
            ConsumerRecord<byte[], byte[]> read = oracle.readAll(topic, 1, 1, Duration.ofSeconds(30)).get(0);
            assertThat(read.timestamp()).isEqualTo(md.timestamp());
        }
    }

    @Test
    void acksOneAndZeroWork(KafkaCluster cluster) throws Exception {
        String topic = "acks-" + UUID.randomUUID();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, 1);
            try (Producer<String, String> one = Producer.create(Configs.of(cluster, "acks", "1"), Serializers.string(),
                    Serializers.string())) {
                assertThat(one.send(ProducerRecord.of(topic, "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
            }
            try (Producer<String, String> zero = Producer.create(Configs.of(cluster, "acks", "0"),
                    Serializers.string(), Serializers.string())) {
                assertThat(zero.send(ProducerRecord.of(topic, "k", "v")).get(30, TimeUnit.SECONDS).offset())
                        .isEqualTo(RecordMetadata.UNKNOWN_OFFSET);
            }
            assertThat(oracle.readAll(topic, 1, 2, Duration.ofSeconds(30))).hasSize(2);
        }
    }
}
