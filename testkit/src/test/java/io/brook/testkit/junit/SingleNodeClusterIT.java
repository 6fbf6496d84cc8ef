package io.brook.testkit.junit;

import static io.brook.testkit.ClusterClients.admin;
import static io.brook.testkit.ClusterClients.produce;
import static io.brook.testkit.ClusterClients.readAll;
import static io.brook.testkit.ClusterClients.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.testkit.KafkaCluster;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaClusterExtension.class)
class SingleNodeClusterIT {

    @ClusterSize(1)
    KafkaCluster injected;

    static KafkaCluster fromBeforeAll;

    @BeforeAll
    static void resolveInBeforeAll(KafkaCluster cluster) {
        fromBeforeAll = cluster;
    }

    @Test
    void answersAdminClientAsOneNode(KafkaCluster cluster) throws Exception {
        assertThat(cluster.size()).isEqualTo(1);
        try (Admin admin = admin(cluster)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactly(0);
        }
    }

    @Test
    void sharesOneClusterAcrossParametersFieldsAndLifecycleMethods(KafkaCluster cluster) {
        assertThat(injected).isSameAs(cluster);
        assertThat(fromBeforeAll).isSameAs(cluster);
    }

    @Test
    void appliesTheDocumentedDefaults(KafkaCluster cluster) throws Exception {
        try (Admin admin = admin(cluster)) {
            var config = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.BROKER, "0")))
                    .all().get().values().iterator().next();
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("num.partitions").value()).isEqualTo("1");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("group.initial.rebalance.delay.ms").value()).isEqualTo("0");
        }
    }

    @Test
    void stopAndRestartKeepTopicsAndRecords(KafkaCluster cluster) throws Exception {
        String topic = uniqueTopic("survives-restart");
        try (Admin admin = admin(cluster)) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        produce(cluster, topic, "k", "written before the stop");
        String addressBefore = cluster.bootstrapServers();

        cluster.stop(0);
        assertThat(cluster.isRunning(0)).isFalse();
        cluster.restart(0);

        assertThat(cluster.isRunning(0)).isTrue();
        assertThat(cluster.bootstrapServers()).isEqualTo(addressBefore);
        try (Admin admin = admin(cluster)) {
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
        assertThat(readAll(cluster, topic)).extracting(ConsumerRecord::value)
                .containsExactly("written before the stop");
    }
}
