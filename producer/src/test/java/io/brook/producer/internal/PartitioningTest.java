package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.producer.Partitioner;
import io.brook.producer.RecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where records go: explicit partitions, keys as Kafka hashes them, uniform sticky, custom partitioners. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PartitioningTest {

    @Test
    void keyedRecordsGoWhereMurmur2PutsThemAndExplicitPartitionsAreHonoured() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1, 1, 1, 1, 1, 1, 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").build()) {
            Map<String, CompletableFuture<RecordMetadata>> sent = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                sent.put("key-" + i, f.send("t", "key-" + i, "v"));
            }
            CompletableFuture<RecordMetadata> explicit = f.send("t", 5, "key-0", "v");
            f.advance(10);
            sent.forEach((key, future) -> assertThat(future.join().partition()).as(key)
                    .isEqualTo(Murmur2.partition(key.getBytes(StandardCharsets.UTF_8), 7)));
            assertThat(explicit.join().partition()).isEqualTo(5);
        }
    }

    @Test
    void recordsWithoutKeyStayOnOnePartitionForAboutABatchThenMoveAndAvoidLeaderlessPartitions() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1, 1, -1, 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").batchSize(1_000).linger(0).build()) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                sent.add(f.send("t", null, "x".repeat(90)));
                if (i % 10 == 9) {
                    f.settle();
                }
            }
            f.settle();
            List<Integer> partitions = sent.stream().map(s -> s.join().partition()).toList();
            assertThat(partitions).doesNotContain(2).contains(0, 1, 3);
            // Runs: consecutive records share a partition for about batch.size bytes (~9 records of ~100 bytes).
            int runs = 1;
            for (int i = 1; i < partitions.size(); i++) {
                if (!partitions.get(i).equals(partitions.get(i - 1))) {
                    runs++;
                }
            }
            assertThat(400 / runs).as("average run length").isBetween(5, 20);
        }
    }

    @Test
    void aCustomPartitionerChoosesAndAnAnswerOutOfRangeIsAnError() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1, 1, 1);
        Partitioner lastPartition = (topic, key, keyBytes, value, valueBytes, count) -> count - 1;
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").partitioner(lastPartition).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("t", "k", "v");
            f.advance(10);
            assertThat(sent.join().partition()).isEqualTo(2);
        }
        Partitioner broken = (topic, key, keyBytes, value, valueBytes, count) -> count;
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").partitioner(broken).build()) {
            assertThatThrownBy(() -> f.send("t", "k", "v")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chose partition 3").hasMessageContaining("'t'");
        }
    }

    @Test
    void roundRobinTakesEveryPartitionInTurn() {
        Partitioner rr = Partitioner.roundRobin();
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(rr.partition("t", "same-key", new byte[] {1}, null, null, 3));
        }
        assertThat(chosen).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void adaptiveLoadFavoursShortQueues() {
        PartitionLoad load = PartitionLoad.of(new int[] {0, 1, 2}, new int[] {9, 0, 0}, false);
        assertThat(load.totalWeight()).isEqualTo(1 + 10 + 10);
        int[] counts = new int[3];
        for (int point = 0; point < load.totalWeight(); point++) {
            counts[load.pick(point)]++;
        }
        assertThat(counts).containsExactly(1, 10, 10);
        assertThat(PartitionLoad.of(new int[] {0, 1}, new int[] {2, 2}, false)).as("even: no table").isNull();
        assertThat(PartitionLoad.of(new int[] {1}, new int[] {2}, true).pick(0)).as("restricted").isEqualTo(1);
    }
}
