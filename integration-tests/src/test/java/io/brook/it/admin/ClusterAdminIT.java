package io.brook.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.admin.Admin;
import io.brook.admin.ClusterDescription;
import io.brook.admin.NewTopic;
import io.brook.admin.Node;
import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import io.brook.common.errors.InvalidReplicationFactorException;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.ClusterSize;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Brook's Admin against a real 3-node cluster, cross-checked with kafka-clients' Admin. */
@ExtendWith(KafkaClusterExtension.class)
@ClusterSize(3)
class ClusterAdminIT {
    private static final long TIMEOUT_S = 60;

    @Test
    void replicatedTopicsAndTheClusterAreDescribedAsKafkaClientsDoes(KafkaCluster cluster) throws Exception {
        assertThat(cluster.size()).isEqualTo(3);
        String name = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin brook = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
                Oracle kafka = new Oracle(cluster.bootstrapServers())) {
            ClusterDescription byBrook = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS);
            ClusterDescription byKafka = kafka.describeCluster();
            assertThat(byBrook.clusterId()).isEqualTo(byKafka.clusterId());
            assertThat(byBrook.nodes()).hasSize(3).isEqualTo(byKafka.nodes());
            List<Integer> ids = byBrook.nodes().stream().map(Node::id).toList();
            // On KRaft the named controller is any live broker, picked per request: compare membership only.
            assertThat(ids).contains(byBrook.controllerId(), byKafka.controllerId());

            brook.createTopics(List.of(new NewTopic(name, 6, (short) 3, Map.of("min.insync.replicas", "2"))))
                    .get(TIMEOUT_S, TimeUnit.SECONDS);

            // Usable on every broker once created: whichever broker kafka-clients asks, it sees all of it.
            TopicDescription byKafkaTopic = kafka.describe(name);
            TopicDescription byBrookTopic = brook.describeTopics(List.of(name)).get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(name);
            assertThat(byBrookTopic).isEqualTo(byKafkaTopic);
            assertThat(byBrookTopic.partitions()).hasSize(6).allSatisfy(p -> {
                assertThat(p.replicas()).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(p.isr()).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(p.leader()).isIn(ids);
            });
            // The controller spreads preferred leaders over the brokers.
            assertThat(byBrookTopic.partitions().stream().map(PartitionInfo::leader).distinct()).hasSize(3);
            assertThat(kafka.topicOverrides(name)).containsEntry("min.insync.replicas", "2");

            ExecutionException tooMany = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> brook.createTopics(List.of(new NewTopic(name + "-rf4", 1, (short) 4)))
                            .get(TIMEOUT_S, TimeUnit.SECONDS));
            assertThat(tooMany.getCause()).isInstanceOf(InvalidReplicationFactorException.class);

            brook.deleteTopics(List.of(name)).get(TIMEOUT_S, TimeUnit.SECONDS);
            kafka.assertGone(name);
        }
    }

    @Test
    void keepsWorkingWithABrokerDownAndAgreesWithKafkaClientsOnTheShrunkCluster(KafkaCluster cluster)
            throws Exception {
        assumeTrue(cluster.supportsFaultInjection(), "needs a cluster whose nodes can be killed");
        String name = "degraded-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin brook = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
                Oracle kafka = new Oracle(cluster.bootstrapServers())) {
            brook.createTopics(List.of(new NewTopic(name, 3, (short) 3))).get(TIMEOUT_S, TimeUnit.SECONDS);
            int victim = brook.describeTopics(List.of(name)).get(TIMEOUT_S, TimeUnit.SECONDS).get(name)
                    .partition(0).leader();

            cluster.kill(victim);

            // Once the controller fenced the dead broker, both clients see it gone everywhere.
            TopicDescription shrunk = awaitAgreement(brook, kafka, name, victim);
            assertThat(shrunk.partitions()).allSatisfy(p -> {
                assertThat(p.leader()).isNotEqualTo(victim).isNotEqualTo(-1);
                assertThat(p.isr()).doesNotContain(victim).hasSize(2);
                assertThat(p.replicas()).hasSize(3).contains(victim);
            });
            ClusterDescription survivors = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(survivors.nodes()).extracting(Node::id).hasSize(2).doesNotContain(victim);
            assertThat(survivors.nodes()).isEqualTo(kafka.describeCluster().nodes());

            // KRaft places replicas on a fenced broker when the unfenced ones are too few: creation still
            // succeeds, with the dead broker outside the ISR, and both clients describe it alike.
            String late = name + "-late";
            brook.createTopics(List.of(new NewTopic(late, 2, (short) 3))).get(TIMEOUT_S, TimeUnit.SECONDS);
            TopicDescription lateByBrook = brook.describeTopics(List.of(late)).get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(late);
            assertThat(lateByBrook).isEqualTo(kafka.describe(late));
            assertThat(lateByBrook.partitions()).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.isr()).doesNotContain(victim);
                assertThat(p.leader()).isNotEqualTo(victim).isNotEqualTo(-1);
            });
            brook.deleteTopics(List.of(late)).get(TIMEOUT_S, TimeUnit.SECONDS);
            kafka.assertGone(late);

            brook.deleteTopics(List.of(name)).get(TIMEOUT_S, TimeUnit.SECONDS);
            kafka.assertGone(name);
        }
    }

    /**
     * Polls until no partition of {@code topic} is led by, or in sync on, {@code dead}, the cluster no longer
     * lists it, and Brook and kafka-clients describe the topic identically.
     */
    private static TopicDescription awaitAgreement(Admin brook, Oracle kafka, String topic, int dead)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        TopicDescription byBrook = null;
        TopicDescription byKafka = null;
        while (System.nanoTime() < deadline) {
            byBrook = brook.describeTopics(List.of(topic)).get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
            byKafka = kafka.describe(topic);
            boolean settled = byBrook.partitions().stream()
                    .allMatch(p -> p.leader() != dead && p.leader() != -1 && !p.isr().contains(dead));
            boolean fenced = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS).nodes().stream()
                    .noneMatch(n -> n.id() == dead);
            if (settled && fenced && byBrook.equals(byKafka)) {
                return byBrook;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no agreement within " + TIMEOUT_S + " s: Brook " + byBrook + ", kafka-clients "
                + byKafka);
    }
}
