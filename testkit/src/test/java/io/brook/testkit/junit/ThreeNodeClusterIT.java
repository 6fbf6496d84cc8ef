package io.brook.testkit.junit;

import static io.brook.testkit.ClusterClients.admin;
import static io.brook.testkit.ClusterClients.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.internal.LocalKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaClusterExtension.class)
@ClusterSize(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterIT {

    @Test
    @Order(1)
    void killedNodeLeavesMetadataServedAndRejoinsOnRestart(KafkaCluster cluster) throws Exception {
        assertThat(cluster.size()).isEqualTo(3);
        String topic = uniqueTopic("replicated");
        try (Admin admin = admin(cluster)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 3))).all().get();
            awaitIsr(admin, topic, List.of(0, 1, 2));

            cluster.kill(1);

            assertThat(cluster.isRunning(1)).isFalse();
            if (cluster.source() == ClusterSource.LOCAL && isLinux()) {
                // 128 + 9: the JVM reports a process that SIGKILL ended this way.
                assertThat(((LocalKafkaCluster) cluster).exitCode(1)).hasValue(137);
            }
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
            assertThat(admin.listTopics().names().get()).contains(topic);
            // The controller fences the dead broker after its session times out and shrinks the ISR.
            awaitIsr(admin, topic, List.of(0, 2));

            cluster.restart(1);

            assertThat(cluster.isRunning(1)).isTrue();
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
            awaitIsr(admin, topic, List.of(0, 1, 2));
        }
    }

    @Test
    @Order(2)
    void aTestMayLeaveANodeStopped(KafkaCluster cluster) {
        cluster.stop(2);
        assertThat(cluster.isRunning(2)).isFalse();
    }

    @Test
    @Order(3)
    void theExtensionRestartedTheNodeTheLastTestLeftStopped(KafkaCluster cluster) throws Exception {
        assertThat(cluster.isRunning(2)).isTrue();
        try (Admin admin = admin(cluster)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    private static void awaitIsr(Admin admin, String topic, List<Integer> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Integer> isr = List.of();
        while (System.nanoTime() < deadline) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            isr = description.partitions().get(0).isr().stream().map(Node::id).sorted().toList();
            if (isr.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(isr).as("ISR of " + topic).isEqualTo(expected);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
