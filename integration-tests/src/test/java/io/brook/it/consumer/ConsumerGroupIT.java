package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Deserializers;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.PollIntervalExceededException;
import io.brook.consumer.RebalanceListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Brook consumers in groups on a real broker: assignment, hand-over on leave and on silence, commits. */
class ConsumerGroupIT extends ConsumerItBase {
    Map<String, Object> config(String group) {
        return groupConfig(cluster.bootstrapServers(), group);
    }

    @Test
    void threeMembersShareSixPartitionsAndAClosingMembersPartitionsMove() throws Exception {
        String topic = "group-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        kafka.createTopic(topic, 6, 1);
        ConcurrentLinkedQueue<GroupWorker.Consumed> log = new ConcurrentLinkedQueue<>();
        List<GroupWorker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                workers.add(new GroupWorker("member-" + i, config(group), List.of(topic), log));
            }
            awaitTrue(() -> exactlyOnce(workers, 6) && workers.stream().allMatch(w -> w.owned().size() == 2),
                    60, "three members with two partitions each");
            kafka.produce(topic, 6, 500, "none");
            awaitTrue(() -> log.size() >= 3_000, 60, "3000 records consumed");
            Map<TopicPartition, List<Long>> consumed = GroupWorker.byPartition(log);
            for (int p = 0; p < 6; p++) {
                assertThat(consumed.get(new TopicPartition(topic, p))).as("partition %d", p)
                        .containsExactlyElementsOf(range(500));
            }
            awaitTrue(() -> committedEqualsEnd(group, topic, 6), 30, "committed offsets at the end of the log");

            // One member closes: it leaves, and the others take its partitions long before a session timeout.
            GroupWorker leaving = workers.remove(0);
            Set<TopicPartition> itsPartitions = leaving.owned();
            long closedAt = System.nanoTime();
            leaving.close();
            awaitTrue(() -> exactlyOnce(workers, 6), 30, "the two remaining members own all six partitions");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt)).isLessThan(SESSION_MS);
            assertThat(workers.stream().flatMap(w -> w.owned().stream()).toList()).containsAll(itsPartitions);
            kafka.produce(topic, 6, 200, "none");
            awaitTrue(() -> GroupWorker.byPartition(log).values().stream().allMatch(l -> new HashSet<>(l).size()
                    == 700), 60, "every record of the second batch consumed");
            awaitTrue(() -> committedEqualsEnd(group, topic, 6), 30, "committed offsets at the end again");
            workers.forEach(w -> assertThat(w.failure()).isNull());
        } finally {
            for (GroupWorker w : workers) {
                w.close();
            }
        }
    }

    @Test
    void aMemberThatStopsHeartbeatingLosesItsPartitionsAfterTheSessionTimeout() throws Exception {
        String topic = "silent-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        kafka.createTopic(topic, 6, 1);
        ConcurrentLinkedQueue<GroupWorker.Consumed> log = new ConcurrentLinkedQueue<>();
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                ChildMember.class.getName(), cluster.bootstrapServers(), group, topic, String.valueOf(SESSION_MS))
                .redirectErrorStream(true).start();
        List<GroupWorker> workers = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            workers.add(new GroupWorker("survivor-0", config(group), List.of(topic), log));
            workers.add(new GroupWorker("survivor-1", config(group), List.of(topic), log));
            awaitTrue(() -> workers.stream().allMatch(w -> w.owned().size() == 2), 60,
                    "the survivors own two partitions each, the child the other two");
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();

            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();
            awaitTrue(() -> exactlyOnce(workers, 6), 4L * SESSION_MS / 1000, "the survivors own all six partitions");
            long movedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            // Nobody told the coordinator: it waited for the session to expire.
            assertThat(movedAfterMs).isGreaterThan(SESSION_MS / 2);
            kafka.produce(topic, 6, 100, "none");
            awaitTrue(() -> GroupWorker.byPartition(log).values().stream().mapToInt(l -> new HashSet<>(l).size())
                    .sum() == 600, 60, "every record consumed by the survivors");
        } finally {
            child.destroyForcibly();
            for (GroupWorker w : workers) {
                w.close();
            }
        }
    }

    @Test
    void aRestartedMemberResumesAtTheCommittedOffsetWhichKafkaAdminSees() throws Exception {
        String topic = "resume-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        kafka.createTopic(topic, 2, 1);
        kafka.produce(topic, 2, 100, "snappy");
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Consumer<byte[], byte[]> first = Consumer.create(config(group), Deserializers.bytes(),
                Deserializers.bytes())) {
            first.subscribe(List.of(topic));
            int read = 0;
            while (read < 200) {
                read += first.poll(Duration.ofMillis(200)).count();
            }
            // An asynchronous commit completes on a Brook callback thread; the synchronous one after it wins.
            // (A callback added after completion runs on the caller's thread: try until one was added before.)
            String thread = Thread.currentThread().getName();
            for (int i = 0; i < 10 && thread.equals(Thread.currentThread().getName()); i++) {
                thread = first.commitAsync(Map.of(p0, new OffsetAndMetadata(5), p1, new OffsetAndMetadata(6)))
                        .thenApply(v -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
            }
            assertThat(thread).contains("-callbacks-");
            first.commitSync(Map.of(p0, new OffsetAndMetadata(37, "resume-here"), p1, new OffsetAndMetadata(61)));
            assertThat(first.committed(Set.of(p0, p1))).containsEntry(p0, new OffsetAndMetadata(37, "resume-here"))
                    .containsEntry(p1, new OffsetAndMetadata(61));
        }
        assertThat(kafka.committed(group)).isEqualTo(Map.of(p0, 37L, p1, 61L));
        try (Consumer<byte[], byte[]> second = Consumer.create(config(group), Deserializers.bytes(),
                Deserializers.bytes())) {
            second.subscribe(List.of(topic));
            Map<TopicPartition, Long> firstOffsets = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (firstOffsets.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : second.poll(Duration.ofMillis(200))) {
                    firstOffsets.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
                }
            }
            assertThat(firstOffsets).isEqualTo(Map.of(p0, 37L, p1, 61L));
        }
    }

    @Test
    void aPatternSubscriptionPicksUpATopicCreatedLater() throws Exception {
        String prefix = "pattern-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(prefix + "-a", 1, 1);
        Map<String, Object> config = config("g-" + UUID.randomUUID());
        config.put("metadata.max.age.ms", 1_000);
        Set<TopicPartition> assigned = new HashSet<>();
        try (Consumer<byte[], byte[]> consumer = Consumer.create(config, Deserializers.bytes(),
                Deserializers.bytes())) {
            consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + "-.*"), new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.addAll(partitions);
                }
            });
            pollUntil(consumer, () -> assigned.contains(new TopicPartition(prefix + "-a", 0)), 60);
            kafka.createTopic(prefix + "-b", 1, 1);
            kafka.produce(prefix + "-b", 1, 10, "none");
            Set<String> topicsRead = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!topicsRead.contains(prefix + "-b") && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> topicsRead.add(r.topic()));
            }
            assertThat(topicsRead).contains(prefix + "-b");
            assertThat(consumer.subscription()).containsExactlyInAnyOrder(prefix + "-a", prefix + "-b");
        }
    }

    @Test
    void exceedingMaxPollIntervalLeavesTheGroupWithAClearError() throws Exception {
        String topic = "slow-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        kafka.createTopic(topic, 2, 1);
        Map<String, Object> slowConfig = config(group);
        slowConfig.put("max.poll.interval.ms", 2_000);
        ConcurrentLinkedQueue<GroupWorker.Consumed> log = new ConcurrentLinkedQueue<>();
        try (Consumer<byte[], byte[]> slow = Consumer.create(slowConfig, Deserializers.bytes(),
                Deserializers.bytes())) {
            Set<TopicPartition> lost = new HashSet<>();
            slow.subscribe(List.of(topic), new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    lost.addAll(partitions);
                }
            });
            pollUntil(slow, () -> slow.assignment().size() == 2, 60);
            try (GroupWorker other = new GroupWorker("patient", config(group), List.of(topic), log)) {
                // The slow member stops polling; the other one takes over both partitions.
                awaitTrue(() -> other.owned().size() == 2, 30, "the patient member owns both partitions");
                assertThatThrownBy(() -> slow.poll(Duration.ofMillis(100)))
                        .isInstanceOf(PollIntervalExceededException.class)
                        .hasMessageContaining("max.poll.interval.ms");
                assertThat(lost).hasSize(2);
                assertThat(slow.assignment()).isEmpty();
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    static void awaitTrue(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    static void pollUntil(Consumer<byte[], byte[]> consumer, BooleanSupplier condition, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s of polling");
            }
            consumer.poll(Duration.ofMillis(100));
        }
    }

    /** Every one of the topic's {@code partitions} is owned by exactly one worker. */
    static boolean exactlyOnce(List<GroupWorker> workers, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        workers.forEach(w -> all.addAll(w.owned()));
        return all.size() == partitions && new HashSet<>(all).size() == partitions;
    }

    private boolean committedEqualsEnd(String group, String topic, int partitions) {
        try {
            return kafka.committed(group).equals(kafka.endOffsets(topic, partitions));
        } catch (Exception e) {
            return false;
        }
    }

    static List<Long> range(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
