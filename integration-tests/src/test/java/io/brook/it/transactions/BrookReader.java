package io.brook.it.transactions;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a whole topic with a Brook consumer at a given isolation level. */
final class BrookReader {
    private BrookReader() {}

    /** Brook consumer settings without a group, reading from the beginning at {@code isolation}. */
    static Map<String, Object> config(String bootstrapServers, String isolation) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("isolation.level", isolation);
        c.put("auto.offset.reset", "earliest");
        return c;
    }

    /** Partition 0's end offset for read_committed: its last stable offset. */
    static long lastStableOffset(String bootstrapServers, String topic) {
        try (Consumer<String, String> c = Consumer.create(config(bootstrapServers, "read_committed"),
                Deserializers.string(), Deserializers.string())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    /**
     * Every value of {@code topic} a Brook consumer at {@code isolation} sees, from the beginning up to the end
     * offset it reports (the last stable offset for read_committed), per partition in offset order.
     */
    static Map<Integer, List<String>> readAll(String bootstrapServers, String topic, int partitions,
            String isolation) {
        Map<Integer, List<String>> out = new HashMap<>();
        try (Consumer<String, String> c = Consumer.create(config(bootstrapServers, isolation),
                Deserializers.string(), Deserializers.string())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
                out.put(i, new ArrayList<>());
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TxnSide.TIMEOUT_S);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Brook did not reach the end of " + topic + ": " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).add(r.value());
                }
            }
        }
        return out;
    }
}
