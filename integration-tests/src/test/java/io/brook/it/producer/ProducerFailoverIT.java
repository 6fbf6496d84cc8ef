package io.brook.it.producer;

import io.brook.common.Serializers;
import io.brook.producer.Producer;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.ClusterSize;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The producer under broker failure: records sent while the only broker stops and comes back, and while the leader
 * of a partition of a replicated topic is killed, all arrive exactly once (idempotence, retries, re-routing to the
 * new leader), and every future completes with the offset the record really has.
 */
@ExtendWith(KafkaClusterExtension.class)
class ProducerFailoverIT {
    private static final int PARTITIONS = 6;

    @Test
    void singleBrokerStoppedAndRestartedWhileSending(KafkaCluster cluster) throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        int records = 20_000;
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, PARTITIONS);
            List<RecordMetadata> written;
            try (Producer<byte[], byte[]> producer = Producer.create(config(cluster, "restart"), Serializers.bytes(),
                    Serializers.bytes())) {
                StreamingSend stream = new StreamingSend(producer, topic, records, Duration.ofMillis(40)).start();
                stream.awaitSent(records / 3);
                cluster.stop(0);
                Thread.sleep(2_000);
                cluster.restart(0);
                written = stream.awaitAllWritten(Duration.ofMinutes(3));
                new StreamingSend(producer, topic, records, Duration.ZERO)
                        .assertExactlyOnce(written, oracle.readAll(topic, PARTITIONS, records, Duration.ofSeconds(60)));
            }
        }
    }

    @Test
    @ClusterSize(3)
    void leaderKilledMidStreamOnAReplicatedTopic(@ClusterSize(3) KafkaCluster cluster) throws Exception {
        String topic = "failover-" + UUID.randomUUID();
        int records = 20_000;
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, PARTITIONS, 3, Map.of("min.insync.replicas", "2"));
            TopicDescription d = oracle.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            int leader = d.partitions().get(0).leader().id();
            List<RecordMetadata> written;
            try (Producer<byte[], byte[]> producer = Producer.create(config(cluster, "failover"),
                    Serializers.bytes(), Serializers.bytes())) {
                StreamingSend stream = new StreamingSend(producer, topic, records, Duration.ofMillis(40)).start();
                stream.awaitSent(records / 3);
                cluster.kill(leader);
                written = stream.awaitAllWritten(Duration.ofMinutes(3));
                new StreamingSend(producer, topic, records, Duration.ZERO)
                        .assertExactlyOnce(written, oracle.readAll(topic, PARTITIONS, records, Duration.ofSeconds(60)));
            }
        }
    }

    private static Map<String, Object> config(KafkaCluster cluster, String clientId) {
        return Map.of("bootstrap.servers", cluster.bootstrapServers(), "client.id", clientId, "acks", "all",
                "request.timeout.ms", 10_000);
    }
}
