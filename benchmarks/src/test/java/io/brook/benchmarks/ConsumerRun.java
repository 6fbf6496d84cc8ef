package io.brook.benchmarks;

import io.brook.common.Deserializers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One measured run, in a JVM of its own: one consumer (Brook's or kafka-clients') reads a whole topic, by
 * assignment or as the only member of a new group, and the JVM reports what it took on one line:
 * {@code RESULT records=.. bytes=.. wallNs=.. cpuNs=.. allocBytes=..}. The window runs from just before the
 * consumer is created to the last record; CPU is the whole process's (every thread, GC and JIT included) and the
 * allocation is every thread's heap allocation (pooled direct buffers are off-heap and not counted).
 *
 * <p>Arguments: {@code brook|kafka bootstrap topic partitions records assign|group}.
 */
public final class ConsumerRun {
    /** Wall time, CPU time and allocation when the last record arrived (before the consumer closes). */
    private static final long[] end = new long[3];

    private ConsumerRun() {}

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        int partitions = Integer.parseInt(args[3]);
        long expected = Long.parseLong(args[4]);
        boolean group = args[5].equals("group");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long alloc0 = threads.getTotalThreadAllocatedBytes();
        long wall0 = System.nanoTime();
        Runnable mark = () -> {
            end[0] = System.nanoTime();
            end[1] = os.getProcessCpuTime();
            end[2] = threads.getTotalThreadAllocatedBytes();
            if (Boolean.getBoolean("bench.threads")) {
                printThreadCpu(threads);
            }
        };
        long[] counts = client.equals("brook") ? brook(bootstrap, topic, partitions, expected, group, mark)
                : kafka(bootstrap, topic, partitions, expected, group, mark);
        long wall = end[0] - wall0;
        long cpu = end[1] - cpu0;
        long alloc = end[2] - alloc0;
        System.out.println("RESULT records=" + counts[0] + " bytes=" + counts[1] + " wallNs=" + wall + " cpuNs=" + cpu
                + " allocBytes=" + alloc);
        System.out.flush();
        System.exit(0);
    }

    /** With -Dbench.threads=true: CPU ms per live thread, busiest first (for profiling, not for the table). */
    private static void printThreadCpu(com.sun.management.ThreadMXBean threads) {
        Map<String, Long> cpu = new HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadName().replaceAll("\\d+$", "#"),
                        threads.getThreadCpuTime(info.getThreadId()) / 1_000_000, Long::sum);
            }
        }
        cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.println("THREAD " + e.getKey() + " " + e.getValue() + " ms"));
    }

    private static Map<String, Object> common(String bootstrap, boolean group) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.putAll(BenchListener.clientProperties());
        config.put("auto.offset.reset", "earliest");
        config.put("client.id", "bench");
        if (group) {
            config.put("group.id", "bench-" + UUID.randomUUID());
        } else {
            config.put("enable.auto.commit", "false");
        }
        return config;
    }

    /** Returns records and value bytes read. */
    private static long[] brook(String bootstrap, String topic, int partitions, long expected, boolean group,
            Runnable mark) {
        try (io.brook.consumer.Consumer<byte[], byte[]> consumer = io.brook.consumer.Consumer.create(
                common(bootstrap, group), Deserializers.bytes(), Deserializers.bytes())) {
            if (group) {
                consumer.subscribe(List.of(topic));
            } else {
                List<io.brook.common.TopicPartition> tps = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    tps.add(new io.brook.common.TopicPartition(topic, p));
                }
                consumer.assign(tps);
            }
            long records = 0;
            long bytes = 0;
            while (records < expected) {
                for (io.brook.consumer.ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    bytes += r.value().length;
                }
            }
            mark.run();
            return new long[] {records, bytes};
        }
    }

    private static long[] kafka(String bootstrap, String topic, int partitions, long expected, boolean group,
            Runnable mark) {
        Map<String, Object> config = common(bootstrap, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            if (group) {
                consumer.subscribe(List.of(topic));
            } else {
                List<TopicPartition> tps = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    tps.add(new TopicPartition(topic, p));
                }
                consumer.assign(tps);
            }
            long records = 0;
            long bytes = 0;
            while (records < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    bytes += r.value().length;
                }
            }
            mark.run();
            return new long[] {records, bytes};
        }
    }
}
