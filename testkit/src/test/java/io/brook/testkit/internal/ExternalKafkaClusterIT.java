package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An external cluster, played by the shared launched one, named through the system property. */
@ExtendWith(KafkaClusterExtension.class)
class ExternalKafkaClusterIT {

    @Test
    void connectsLearnsItsSizeAndRefusesFaultInjection(KafkaCluster launched) {
        System.setProperty(Settings.BOOTSTRAP_SERVERS, launched.bootstrapServers());
        try (KafkaCluster external = KafkaCluster.builder().source(ClusterSource.EXTERNAL).build()) {
            external.start();

            assertThat(external.source()).isEqualTo(ClusterSource.EXTERNAL);
            assertThat(external.bootstrapServers()).isEqualTo(launched.bootstrapServers());
            assertThat(external.size()).isEqualTo(1);
            assertThat(external.supportsFaultInjection()).isFalse();
            assertThatThrownBy(() -> external.kill(0))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("external cluster at " + launched.bootstrapServers())
                    .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
            assertThatThrownBy(() -> external.stop(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> external.restart(0)).isInstanceOf(UnsupportedOperationException.class);
        } finally {
            System.clearProperty(Settings.BOOTSTRAP_SERVERS);
        }
        // Closing the external cluster left the real one alone.
        assertThat(launched.isRunning(0)).isTrue();
    }
}
