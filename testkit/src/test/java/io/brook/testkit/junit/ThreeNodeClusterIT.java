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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaClusterExtension.class)
@ClusterSize(3)
class ThreeNodeClusterIT {

    @Test
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

    /**
     * Repetitions run one after the other by JUnit's definition (unlike methods, whose order is unspecified): the
     * first leaves node 2 stopped, the extension's after-each restarts it, the second finds it running.
     */
    @RepeatedTest(2)
    void aNodeATestLeftStoppedIsRestartedBeforeTheNextTest(RepetitionInfo repetition, KafkaCluster cluster)
            throws Exception {
        assertThat(cluster.isRunning(2)).as("running at the start of repetition %d", repetition.getCurrentRepetition())
                .isTrue();
        try (Admin admin = admin(cluster)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
        }
        if (repetition.getCurrentRepetition() == 1) {
            cluster.stop(2);
            assertThat(cluster.isRunning(2)).isFalse();
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
