package io.brook.it.support;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic set-up through kafka-clients' Admin, shared by the ITs' oracles. Test scope only. */
public final class Topics {
    private Topics() {}

    /** Creates {@code topic} and waits until every partition has a leader, up to {@code timeoutS} seconds. */
    public static void create(Admin admin, NewTopic topic, long timeoutS) throws Exception {
        admin.createTopics(List.of(topic)).all().get(timeoutS, TimeUnit.SECONDS);
        awaitLeaders(admin, topic.name(), topic.numPartitions(), timeoutS);
    }

    /** Waits until {@code name} has {@code partitions} partitions, each with a leader. */
    public static void awaitLeaders(Admin admin, String name, int partitions, long timeoutS) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (true) {
            try {
                var d = admin.describeTopics(List.of(name)).allTopicNames().get(timeoutS, TimeUnit.SECONDS)
                        .get(name);
                if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + name + " never got a leader for every partition");
            }
            Thread.sleep(50);
        }
    }
}
