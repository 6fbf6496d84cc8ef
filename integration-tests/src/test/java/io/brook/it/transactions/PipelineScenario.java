package io.brook.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Deserializers;
import io.brook.common.Serializers;
import io.brook.common.errors.ProducerFencedException;
import io.brook.eos.ExactlyOncePipeline;
import io.brook.producer.ProducerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The exactly-once pipeline scenario: input -> "out-" + value -> output, offsets in the transaction. A first
 * instance stops in the middle of a transaction (its transform blocks after some records were sent), a second
 * instance with the same transactional.id and group takes over (fencing the first and aborting its transaction);
 * when the first wakes up it is fenced and writes nothing. A read_committed reader then sees every input record's
 * output exactly once. Optionally a broker is killed while the second instance runs.
 */
final class PipelineScenario {
    private static final long TIMEOUT_S = 180;
    private final String bootstrap;
    private final TxnSide kafka;
    private final int replication;

    PipelineScenario(String bootstrap, TxnSide kafka, int replication) {
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.replication = replication;
    }

    private ExactlyOncePipeline<String, String, String, String> pipeline(String group, String transactionalId,
            String input, String output, Function<String, String> onRecord) {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put("bootstrap.servers", bootstrap);
        consumer.put("group.id", group);
        consumer.put("auto.offset.reset", "earliest");
        consumer.put("session.timeout.ms", 6_000);
        consumer.put("heartbeat.interval.ms", 500);
        consumer.put("max.poll.interval.ms", 8_000);
        consumer.put("max.poll.records", 200);
        Map<String, Object> producer = new HashMap<>();
        producer.put("bootstrap.servers", bootstrap);
        producer.put("transactional.id", transactionalId);
        producer.put("linger.ms", 5);
        producer.put("transaction.timeout.ms", 60_000);
        return ExactlyOncePipeline.builder(consumer, producer)
                .inputTopics(input)
                .deserializers(Deserializers.string(), Deserializers.string())
                .serializers(Serializers.string(), Serializers.string())
                .transform(in -> List.of(ProducerRecord.of(output, in.key(), onRecord.apply(in.value()))))
                .build();
    }

    /**
     * Runs the scenario.
     *
     * @param duringTakeover runs while the second instance processes (a broker kill), or null
     */
    void run(int records, Runnable duringTakeover) throws Exception {
        String input = "eos-in-" + UUID.randomUUID();
        String output = "eos-out-" + UUID.randomUUID();
        Map<String, String> topicConfig = replication > 1 ? Map.of("min.insync.replicas", "2") : Map.of();
        kafka.createTopic(input, 3, replication, topicConfig);
        kafka.createTopic(output, 3, replication, topicConfig);
        kafka.produce(input, 3, "in-", records);
        String group = "eos-group-" + UUID.randomUUID();
        String transactionalId = "eos-" + UUID.randomUUID();

        // The first instance stops (its transform hangs) in the middle of a transaction, after a third of the input.
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        ExactlyOncePipeline<String, String, String, String> first = pipeline(group, transactionalId, input, output,
                v -> {
                    if (seen.incrementAndGet() == records / 3) {
                        sleep(300); // let the records sent so far in this transaction reach the log
                        hung.countDown();
                        await(release);
                    }
                    return "out-" + v;
                });
        CompletableFuture<Void> firstRun = CompletableFuture.runAsync(first::run);
        assertThat(hung.await(TIMEOUT_S, TimeUnit.SECONDS)).as("the first instance reached the middle").isTrue();
        assertThat(first.committedTransactions()).as("the first instance committed before it hung").isPositive();

        // With a fault to inject, the second instance works slowly enough (1 ms per record) that the fault lands
        // in the middle of its run.
        ExactlyOncePipeline<String, String, String, String> second = pipeline(group, transactionalId, input, output,
                v -> {
                    if (duringTakeover != null) {
                        sleep(1);
                    }
                    return "out-" + v;
                });
        CompletableFuture<Void> secondRun = CompletableFuture.runAsync(second::run);
        try {
            // The second instance's initTransactions fenced the first; once it has committed, wake the first up.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (second.committedTransactions() == 0) {
                assertThat(secondRun).as("second instance running").isNotDone();
                assertThat(System.nanoTime()).as("second instance commits").isLessThan(deadline);
                Thread.sleep(50);
            }
            release.countDown();
            assertThat(firstRun).failsWithin(TIMEOUT_S, TimeUnit.SECONDS).withThrowableThat().havingCause()
                    .isInstanceOf(ProducerFencedException.class);
            if (duringTakeover != null) {
                int before = kafka.readAll(output, 3, "read_committed").values().stream().mapToInt(List::size).sum();
                assertThat(before).as("output when the fault is injected").isLessThan(records);
                duringTakeover.run();
            }
            awaitOutput(output, records, secondRun);
        } finally {
            release.countDown();
            second.close();
            first.close();
        }
        secondRun.get(TIMEOUT_S, TimeUnit.SECONDS);

        assertExactlyOnce(output, records);
    }

    /**
     * Two instances (their own transactional ids) in one group: the second joins while the first works, so
     * partitions move between them in a rebalance; then the first's transform throws once, which aborts its batch
     * and ends its run, and the second takes all partitions. Every input record's output appears exactly once.
     */
    void runRebalancing(int records) throws Exception {
        String input = "eos-rb-in-" + UUID.randomUUID();
        String output = "eos-rb-out-" + UUID.randomUUID();
        kafka.createTopic(input, 3, replication);
        kafka.createTopic(output, 3, replication);
        kafka.produce(input, 3, "in-", records);
        String group = "eos-rb-group-" + UUID.randomUUID();
        AtomicInteger firstSeen = new AtomicInteger();
        ExactlyOncePipeline<String, String, String, String> first = pipeline(group, "eos-a-" + UUID.randomUUID(),
                input, output, v -> {
                    sleep(1);
                    if (firstSeen.incrementAndGet() == records / 2) {
                        throw new IllegalStateException("transform failed on " + v);
                    }
                    return "out-" + v;
                });
        ExactlyOncePipeline<String, String, String, String> second = pipeline(group, "eos-b-" + UUID.randomUUID(),
                input, output, v -> {
                    sleep(1);
                    return "out-" + v;
                });
        CompletableFuture<Void> firstRun = CompletableFuture.runAsync(first::run);
        CompletableFuture<Void> secondRun;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (first.committedTransactions() < 2) {
                assertThat(System.nanoTime()).as("first instance commits").isLessThan(deadline);
                Thread.sleep(20);
            }
            secondRun = CompletableFuture.runAsync(second::run);
            assertThat(firstRun).failsWithin(TIMEOUT_S, TimeUnit.SECONDS).withThrowableThat().havingCause()
                    .isInstanceOf(IllegalStateException.class).withMessageContaining("transform failed");
            awaitOutput(output, records, secondRun);
        } finally {
            first.close();
            second.close();
        }
        secondRun.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertExactlyOnce(output, records);
    }

    private void assertExactlyOnce(String output, int records) {
        Map<Integer, List<String>> committed = kafka.readAll(output, 3, "read_committed");
        List<String> all = committed.values().stream().flatMap(List::stream).toList();
        Map<String, Long> counts = all.stream().collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            expected.add("out-in-" + i);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts).allSatisfy((v, n) -> assertThat(n).as("copies of %s", v).isEqualTo(1L));
        assertThat(all).hasSize(records);
        // The Brook reader agrees with kafka-clients.
        assertThat(BrookReader.readAll(bootstrap, output, 3, "read_committed").values().stream()
                .mapToInt(List::size).sum()).isEqualTo(records);
    }

    private void awaitOutput(String output, int records, CompletableFuture<Void> secondRun) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            int n = kafka.readAll(output, 3, "read_committed").values().stream().mapToInt(List::size).sum();
            if (n >= records) {
                return;
            }
            assertThat(secondRun).as("second instance running").isNotDone();
            assertThat(System.nanoTime()).as("output complete (%d of %d)", n, records).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
