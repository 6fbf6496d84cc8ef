package io.brook.it.consumer;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the consumer ITs share: the cluster, kafka-clients as the other side, and a group member's settings. */
@ExtendWith(KafkaClusterExtension.class)
abstract class ConsumerItBase {
    /** The shortest session the shared cluster allows (the broker's group.min.session.timeout.ms default). */
    static final int SESSION_MS = 6_000;

    KafkaCluster cluster;
    KafkaSide kafka;

    @BeforeEach
    void connect(KafkaCluster cluster) {
        this.cluster = cluster;
        this.kafka = new KafkaSide(cluster.bootstrapServers());
    }

    @AfterEach
    void closeKafkaSide() {
        kafka.close();
    }

    /** A Brook group member that starts at the beginning, heartbeats often and commits by hand. */
    static Map<String, Object> groupConfig(String bootstrapServers, String group) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("session.timeout.ms", SESSION_MS);
        c.put("heartbeat.interval.ms", 500);
        c.put("enable.auto.commit", false);
        return c;
    }
}
