package io.brook.it.consumer;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.RebalanceListener;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Brook group member in a JVM of its own, for a test that kills it (SIGKILL): it stops heartbeating without
 * leaving the group. Prints {@code ASSIGNED <partitions>} after each assignment. Arguments: bootstrap servers,
 * group id, topic, session timeout in ms.
 */
public final class ChildMember {
    private ChildMember() {}

    public static void main(String[] args) {
        Map<String, Object> config = Map.of("bootstrap.servers", args[0], "group.id", args[1],
                "session.timeout.ms", args[3], "heartbeat.interval.ms", "500", "auto.offset.reset", "earliest",
                "client.id", "child-member");
        try (Consumer<byte[], byte[]> consumer = Consumer.create(config, Deserializers.bytes(),
                Deserializers.bytes())) {
            consumer.subscribe(List.of(args[2]), new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    System.out.println("ASSIGNED " + new TreeSet<>(consumer.assignment()));
                    System.out.flush();
                }
            });
            while (true) {
                consumer.poll(Duration.ofMillis(100));
                consumer.commitSync();
            }
        }
    }
}
