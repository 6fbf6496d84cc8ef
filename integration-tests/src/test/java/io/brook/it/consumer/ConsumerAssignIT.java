package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.ConsumerRecords;
import io.brook.consumer.NoOffsetForPartitionException;
import io.brook.consumer.OffsetAndTimestamp;
import io.brook.consumer.WakeupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Brook's consumer with partitions assigned by hand, against a real broker; data produced by kafka-clients. */
class ConsumerAssignIT extends ConsumerItBase {
    private Consumer<byte[], byte[]> consumer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("auto.offset.reset", "earliest");
        config.putAll(extra);
        return Consumer.create(config, Deserializers.bytes(), Deserializers.bytes());
    }

    private static String topic() {
        return "assign-" + UUID.randomUUID();
    }

    @Test
    void readsEveryRecordOfEveryPartitionInOrder() throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 3, 1);
        Map<TopicPartition, List<Long>> produced = kafka.produce(topic, 3, 2_000, "none");
        try (Consumer<byte[], byte[]> consumer = consumer(Map.of())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            consumer.assign(partitions);
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = readAll(consumer, 6_000);
            for (TopicPartition tp : partitions) {
                List<ConsumerRecord<byte[], byte[]>> records = read.get(tp);
                assertThat(records).hasSize(2_000);
                for (int i = 0; i < records.size(); i++) {
                    assertThat(records.get(i).offset()).isEqualTo(produced.get(tp).get(i));
                    assertThat(records.get(i).key()).isEqualTo(KafkaSide.key(tp.partition(), i));
                    assertThat(records.get(i).value()).isEqualTo(KafkaSide.value(tp.partition(), i));
                }
                assertThat(consumer.position(tp)).isEqualTo(2_000);
                assertThat(consumer.currentLag(tp)).hasValue(0);
            }
        }
    }

    @Test
    void seekPauseResumeAndOffsetLookups() throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 2, 1);
        long before = System.currentTimeMillis();
        kafka.produce(topic, 2, 100, "lz4");
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Consumer<byte[], byte[]> consumer = consumer(Map.of("max.poll.records", 10))) {
            consumer.assign(List.of(p0, p1));
            assertThat(consumer.beginningOffsets(List.of(p0, p1))).isEqualTo(Map.of(p0, 0L, p1, 0L));
            assertThat(consumer.endOffsets(List.of(p0, p1))).isEqualTo(Map.of(p0, 100L, p1, 100L));
            Map<TopicPartition, OffsetAndTimestamp> times = consumer.offsetsForTimes(Map.of(p0, before,
                    p1, System.currentTimeMillis() + 60_000));
            assertThat(times.get(p0).offset()).isZero();
            assertThat(times.get(p1)).isNull();

            consumer.seek(p0, 42);
            consumer.pause(List.of(p1));
            ConsumerRecords<byte[], byte[]> first = poll(consumer);
            assertThat(first.records(p1)).isEmpty();
            assertThat(first.records(p0).get(0).offset()).isEqualTo(42);
            assertThat(first.count()).isLessThanOrEqualTo(10);
            assertThat(consumer.paused()).containsExactly(p1);

            consumer.resume(List.of(p1));
            consumer.seekToEnd(List.of(p0));
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> rest = readAll(consumer, 100);
            assertThat(rest.get(p1)).hasSize(100);
            assertThat(rest.getOrDefault(p0, List.of())).isEmpty();
            assertThat(consumer.position(p0)).isEqualTo(100);
        }
    }

    @Test
    void noResetStrategyFailsNamingThePartitions() throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 1, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<byte[], byte[]> consumer = consumer(Map.of("auto.offset.reset", "none",
                "group.id", "none-" + UUID.randomUUID()))) {
            consumer.assign(List.of(tp));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(NoOffsetForPartitionException.class).hasMessageContaining(tp.toString())
                    .satisfies(e -> assertThat(((NoOffsetForPartitionException) e).partitions()).containsExactly(tp));
            consumer.seek(tp, 0);
            assertThat(consumer.poll(Duration.ofMillis(100)).count()).isZero();
        }
    }

    @Test
    void wakeupInterruptsABlockedPollFromAnotherThread() throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 1, 1);
        ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();
        try (Consumer<byte[], byte[]> consumer = consumer(Map.of())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            CountDownLatch polling = new CountDownLatch(1);
            other.schedule(() -> {
                polling.countDown();
                consumer.wakeup();
            }, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30))).isInstanceOf(WakeupException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            assertThat(polling.await(1, TimeUnit.SECONDS)).isTrue();
            // Usable again afterwards; a wakeup before a call makes that call throw.
            consumer.poll(Duration.ofMillis(10));
            consumer.wakeup();
            assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(10))).isInstanceOf(WakeupException.class);
        } finally {
            other.shutdownNow();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static ConsumerRecords<byte[], byte[]> poll(Consumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("no records within 30 s");
    }

    /** Polls until {@code expected} records arrived (or 60 s passed), grouped by partition in order. */
    static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> readAll(Consumer<byte[], byte[]> consumer,
            int expected) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
        int total = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (total < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                out.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r);
                total++;
            }
        }
        assertThat(total).as("records read").isEqualTo(expected);
        return out;
    }

    static Set<TopicPartition> partitions(String topic, int count) {
        Set<TopicPartition> out = new java.util.LinkedHashSet<>();
        for (int p = 0; p < count; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }
}
