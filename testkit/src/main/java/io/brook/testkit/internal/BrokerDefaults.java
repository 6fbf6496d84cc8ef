package io.brook.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker properties every testkit cluster starts with, before the user's own. Documented in
 * {@code KafkaCluster}'s class Javadoc; keep the two in step. Stateless.
 */
public final class BrokerDefaults {

    private BrokerDefaults() {
    }

    /** The defaults for a cluster of the given size running the given Kafka major version. */
    public static Map<String, String> forCluster(int nodes, int kafkaMajorVersion) {
        String internalTopicReplicas = Integer.toString(Math.min(3, nodes));
        Map<String, String> defaults = new LinkedHashMap<>();
        // Explicit topic creation makes a test's setup visible and its failures deterministic.
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("num.partitions", "1");
        defaults.put("default.replication.factor", "1");
        defaults.put("offsets.topic.replication.factor", internalTopicReplicas);
        // Fewer partitions than the default 50: the first group coordinator lookup creates them all.
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.replication.factor", internalTopicReplicas);
        defaults.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, nodes)));
        defaults.put("transaction.state.log.num.partitions", "5");
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // A stopped or killed node is fenced, and may register again after a restart, once its session expires:
        // 4 s instead of 9 s keeps fault-injection tests short, with heartbeats frequent enough for a busy machine.
        defaults.put("broker.heartbeat.interval.ms", "500");
        defaults.put("broker.session.timeout.ms", "4000");
        // The log cleaner's 128 MiB default would take a quarter of a test broker's heap.
        defaults.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        if (kafkaMajorVersion >= 4) {
            defaults.put("share.coordinator.state.topic.replication.factor", internalTopicReplicas);
            defaults.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, nodes)));
        }
        return defaults;
    }
}
