package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestcontainersKafkaClusterTest {

    @Test
    void brokerPropertiesBecomeTheImagesEnvironmentVariables() {
        assertThat(TestcontainersKafkaCluster.environmentName("node.id")).isEqualTo("KAFKA_NODE_ID");
        assertThat(TestcontainersKafkaCluster.environmentName("group.initial.rebalance.delay.ms"))
                .isEqualTo("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS");
        assertThat(TestcontainersKafkaCluster.environmentName("some_prop.with-dash"))
                .isEqualTo("KAFKA_SOME__PROP_WITH___DASH");
    }
}
