package io.brook.examples;

import io.brook.admin.Admin;
import io.brook.admin.NewTopic;
import io.brook.common.Serializers;
import io.brook.common.TopicPartition;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The README's main job: a producer and a consumer group of two against a real broker.
 *
 * <p>With {@code --bootstrap-server host:port} (or {@code KAFKA_BOOTSTRAP_SERVERS}) it uses that cluster; with
 * neither it launches a local single-node Apache Kafka broker through the test kit. It creates a topic of six
 * partitions, starts two consumers in one group, sends 100,000 keyed records as fast as the producer takes them
 * (acks=all, idempotent) while the group reads them, printing progress, then 5,000 more at a steady 5,000 records/s
 * to measure end-to-end latency without a backlog in front of them. The summary: records/s each way, the partitions
 * each member got, end-to-end latency p50/p99 (send to poll, of the paced records), and whether every record arrived
 * exactly once. The topic is deleted at the end. Options: {@code --records N}, {@code --value-bytes N}.
 */
public final class MainJob {
    private static final int PARTITIONS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PACED_RECORDS = 5_000;
    private static final int PACED_PER_SECOND = 5_000;

    private MainJob() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Runs the demo and returns the process exit code: 0 when every record arrived exactly once, 1 otherwise.
     */
    static int run(String[] args) throws Exception {
        Options options = Options.parse(args);
        KafkaCluster local = null;
        String bootstrap = options.bootstrap();
        if (bootstrap == null) {
            System.out.println("No --bootstrap-server and no KAFKA_BOOTSTRAP_SERVERS: launching a local Apache Kafka "
                    + "broker (KRaft, one node)...");
            long start = System.nanoTime();
            local = KafkaCluster.builder().nodes(1).build();
            local.start();
            bootstrap = local.bootstrapServers();
            System.out.printf("Broker up at %s after %.1f s%n", bootstrap, seconds(System.nanoTime() - start));
        } else {
            System.out.println("Using the cluster at " + bootstrap);
        }
        try {
            return runOn(bootstrap, options);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static int runOn(String bootstrap, Options options) throws Exception {
        String topic = "brook-demo-" + Long.toString(System.currentTimeMillis(), 36);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "client.id", "brook-demo-admin"))) {
            int nodes = admin.describeCluster().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).nodes().size();
            short replication = (short) Math.min(3, nodes);
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, replication)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            System.out.printf("Created topic %s: %d partitions, replication factor %d%n", topic, PARTITIONS, replication);
            try {
                return demo(bootstrap, topic, options);
            } finally {
                admin.deleteTopics(List.of(topic)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                System.out.println("Deleted topic " + topic);
            }
        }
    }

    private static int demo(String bootstrap, String topic, Options options) throws Exception {
        ReceivedLedger ledger = new ReceivedLedger(options.records() + PACED_RECORDS);
        List<GroupMember> members = List.of(
                new GroupMember("brook-demo-consumer-1", bootstrap, topic, topic + "-group", ledger, options.records()),
                new GroupMember("brook-demo-consumer-2", bootstrap, topic, topic + "-group", ledger, options.records()));
        members.forEach(GroupMember::start);
        try {
            awaitGroup(members);
            return produceAndConsume(bootstrap, topic, options, members, ledger);
        } finally {
            for (GroupMember member : members) {
                member.stop();
            }
        }
    }

    private static void awaitGroup(List<GroupMember> members) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TIMEOUT.toNanos();
        while (members.stream().mapToInt(m -> m.assignment().size()).sum() < PARTITIONS
                || members.stream().anyMatch(m -> m.assignment().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the consumer group did not form within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        System.out.printf("Consumer group formed after %.1f s: %s%n", seconds(System.nanoTime() - start),
                describeAssignments(members));
    }

    private static int produceAndConsume(String bootstrap, String topic, Options options, List<GroupMember> members,
            ReceivedLedger ledger) throws Exception {
        int records = options.records();
        String value = "x".repeat(options.valueBytes());
        AtomicLong acked = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        BiConsumer<RecordMetadata, Throwable> onAck = (metadata, error) -> {
            if (error != null) {
                firstError.compareAndSet(null, error);
            } else {
                acked.incrementAndGet();
            }
        };
        long produceStart;
        long produceEnd;
        long consumeEnd;
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "client.id", "brook-demo-producer");
        try (Producer<String, String> producer = Producer.create(config, Serializers.string(), Serializers.string())) {
            System.out.printf("Producing %,d records of %d bytes (acks=all, idempotent)...%n", records, value.length());
            produceStart = System.nanoTime();
            long lastPrint = produceStart;
            for (int i = 0; i < records; i++) {
                producer.send(ProducerRecord.of(topic, Integer.toString(i), value)).whenComplete(onAck);
                if ((i & 1023) == 0 && System.nanoTime() - lastPrint > TimeUnit.MILLISECONDS.toNanos(250)) {
                    System.out.printf("  sent %,7d  acknowledged %,7d  consumed %,7d%n", i, acked.get(),
                            consumed(members));
                    lastPrint = System.nanoTime();
                }
            }
            producer.flush();
            produceEnd = System.nanoTime();
            System.out.printf("Produced %,d records in %.2f s; %,d consumed so far%n", acked.get(),
                    seconds(produceEnd - produceStart), consumed(members));
            consumeEnd = awaitConsumed(members, records);
            System.out.printf("Sending %,d more at %,d records/s to measure end-to-end latency...%n", PACED_RECORDS,
                    PACED_PER_SECOND);
            sendPaced(producer, topic, value, records, onAck);
        }
        if (firstError.get() != null) {
            System.out.println("Producing failed: " + firstError.get());
            return 1;
        }
        awaitConsumed(members, records + PACED_RECORDS);
        return summarize(records, produceStart, produceEnd, consumeEnd, members, ledger);
    }

    private static void sendPaced(Producer<String, String> producer, String topic, String value, int firstSequence,
            BiConsumer<RecordMetadata, Throwable> onAck) throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / PACED_PER_SECOND;
        long start = System.nanoTime();
        for (int i = 0; i < PACED_RECORDS; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            producer.send(ProducerRecord.of(topic, Integer.toString(firstSequence + i), value)).whenComplete(onAck);
        }
        producer.flush();
    }

    /** Waits until the group received {@code records} in all (or the timeout) and says when that was. */
    private static long awaitConsumed(List<GroupMember> members, int records) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long lastPrint = 0;
        while (consumed(members) < records && System.nanoTime() < deadline) {
            if (System.nanoTime() - lastPrint > TimeUnit.MILLISECONDS.toNanos(500)) {
                System.out.printf("  consumed %,7d / %,d%n", consumed(members), records);
                lastPrint = System.nanoTime();
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    private static long consumed(List<GroupMember> members) {
        return members.stream().mapToLong(GroupMember::received).sum();
    }

    private static int summarize(int records, long produceStart, long produceEnd, long consumeEnd,
            List<GroupMember> members,
            ReceivedLedger ledger) throws InterruptedException {
        String assignments = describeAssignments(members);
        List<Long> perMember = new ArrayList<>();
        for (GroupMember member : members) {
            perMember.add(member.received());
        }
        long firstReceived = members.stream().mapToLong(GroupMember::firstReceivedNanos).filter(t -> t > 0).min()
                .orElse(produceStart);
        for (GroupMember member : members) {
            member.stop();
        }
        long[] latencies = members.stream().map(GroupMember::latenciesMs).flatMapToLong(Arrays::stream).sorted()
                .toArray();
        int missing = ledger.missing();
        int duplicates = ledger.duplicates();
        System.out.println();
        System.out.println("Summary");
        System.out.printf("  produce:  %,d records in %.2f s = %,.0f records/s%n", records,
                seconds(produceEnd - produceStart), records / seconds(produceEnd - produceStart));
        System.out.printf("  consume:  %,d records in %.2f s = %,.0f records/s (first to last record received)%n",
                records, seconds(consumeEnd - firstReceived),
                records / Math.max(seconds(consumeEnd - firstReceived), 1e-3));
        System.out.printf("  group:    %s; records per member %s%n", assignments, perMember);
        System.out.printf("  end to end at %,d records/s (CreateTime to poll): p50 %d ms, p99 %d ms, max %d ms%n",
                PACED_PER_SECOND,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0));
        System.out.printf("  delivery: %,d missing, %,d duplicates%n", missing, duplicates);
        return missing == 0 && duplicates == 0 ? 0 : 1;
    }

    private static String describeAssignments(List<GroupMember> members) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            TreeSet<Integer> partitions = new TreeSet<>();
            for (TopicPartition tp : members.get(i).assignment()) {
                partitions.add(tp.partition());
            }
            parts.add("member " + (i + 1) + " has partitions " + partitions);
        }
        return String.join(", ", parts);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The command line: {@code --bootstrap-server host:port}, {@code --records N}, {@code --value-bytes N}. */
    record Options(String bootstrap, int records, int valueBytes) {
        static Options parse(String[] args) {
            String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            int records = 100_000;
            int valueBytes = 100;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String next = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--bootstrap-server", "--bootstrap-servers" -> bootstrap = required(arg, next);
                    case "--records" -> records = Integer.parseInt(required(arg, next));
                    case "--value-bytes" -> valueBytes = Integer.parseInt(required(arg, next));
                    default -> throw new IllegalArgumentException("unknown option " + arg
                            + " (known: --bootstrap-server host:port, --records N, --value-bytes N)");
                }
                i++;
            }
            if (bootstrap != null && bootstrap.isBlank()) {
                bootstrap = null;
            }
            return new Options(bootstrap, records, valueBytes);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
