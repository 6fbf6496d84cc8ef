package io.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaClusterBuilderTest {

    @Test
    void rejectsImpossibleSettings() {
        KafkaClusterBuilder builder = KafkaCluster.builder();

        assertThatThrownBy(() -> builder.nodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.nodes(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.kafkaVersion("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.brokerHeap("lots")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.brokerProperty("num.partitions", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.standardAuthorizer("admin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User:name");
        assertThatThrownBy(() -> builder.standardAuthorizer("User:a;User:b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localClusterIsNotUsableBeforeStart() {
        try (KafkaCluster cluster = KafkaCluster.builder().source(ClusterSource.LOCAL).nodes(3).build()) {
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(cluster.source()).isEqualTo(ClusterSource.LOCAL);
            assertThat(cluster.supportsFaultInjection()).isTrue();
            assertThatThrownBy(cluster::bootstrapServers)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");
            assertThatThrownBy(() -> cluster.kill(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void externalSourceNeedsBootstrapServers() {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "an external cluster is configured");

        assertThatThrownBy(() -> KafkaCluster.builder().source(ClusterSource.EXTERNAL).build())
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }
}
