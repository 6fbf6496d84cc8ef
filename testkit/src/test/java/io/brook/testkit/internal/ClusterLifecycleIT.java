package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/** Clusters of its own (not the shared ones): start timing, closing, and a start that must fail. */
class ClusterLifecycleIT {

    @Test
    void singleNodeStartsAnswersAdminClientAndCloseRemovesEverything() throws Exception {
        KafkaCluster cluster = KafkaCluster.builder().source(ClusterSource.LOCAL).nodes(1).build();
        long startNanos = System.nanoTime();
        cluster.start();
        long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("brook-testkit: 1-node Kafka " + Settings.kafkaVersion() + " ready in " + startMillis + " ms");
        LocalKafkaCluster local = (LocalKafkaCluster) cluster;
        Path data = local.dataDirectory();
        String bootstrap = cluster.bootstrapServers();
        try {
            try (Admin admin = admin(bootstrap)) {
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactly(0);
                admin.createTopics(Set.of(new NewTopic("lifecycle", 1, (short) 1))).all().get();
                assertThat(admin.listTopics().names().get()).contains("lifecycle");
            }
            assertThat(Files.isDirectory(data)).isTrue();
        } finally {
            cluster.close();
        }

        assertThat(cluster.isRunning(0)).isFalse();
        assertThat(Files.exists(data)).isFalse();
        assertThat(Files.exists(local.logDirectory().resolve("node-0").resolve("server.log"))).isTrue();
        String host = bootstrap.substring(0, bootstrap.indexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        assertThat(BrokerProbe.liveBrokers(host, port, 500)).isEmpty();
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startFailsFastWithTheBrokersOwnComplaint() {
        KafkaCluster cluster = KafkaCluster.builder().source(ClusterSource.LOCAL)
                .brokerProperty("log.retention.ms", "not-a-number")
                .startTimeout(Duration.ofSeconds(60))
                .build();
        long startNanos = System.nanoTime();

        assertThatThrownBy(cluster::start)
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining("node 0 exited during start")
                .hasMessageContaining("not-a-number");
        // Failing on the process exit, not on the timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(30));
        cluster.close();
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }
}
