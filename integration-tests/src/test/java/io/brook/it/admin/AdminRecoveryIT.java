package io.brook.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.admin.Admin;
import io.brook.admin.ClusterDescription;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How Brook's Admin finds brokers through its metadata cache, against real brokers: when every broker it learned
 * of is gone it goes back to {@code bootstrap.servers}, and bootstrap names can be expanded to canonical names.
 * kafka-clients' Admin tells which cluster is which.
 */
@ExtendWith(KafkaClusterExtension.class)
class AdminRecoveryIT {
    private static final long TIMEOUT_S = 60;

    /**
     * The bootstrap list names a cluster of its own (asked first, so the admin learns its one broker) and then the
     * shared cluster. Once the first cluster's broker is killed no broker the admin knows answers; only going back
     * to the bootstrap list (resolved again) can lead it to the shared cluster, whose calls then succeed.
     */
    @Test
    void whenEveryKnownBrokerIsGoneTheAdminGoesBackToItsBootstrapServers(KafkaCluster shared) throws Exception {
        try (KafkaCluster doomed = KafkaCluster.builder().build()) {
            assumeTrue(doomed.supportsFaultInjection(), "needs a cluster of its own whose node can be killed");
            doomed.start();
            String doomedId;
            String sharedId;
            try (Oracle kafka = new Oracle(doomed.bootstrapServers());
                    Oracle sharedKafka = new Oracle(shared.bootstrapServers())) {
                doomedId = kafka.describeCluster().clusterId();
                sharedId = sharedKafka.describeCluster().clusterId();
            }
            assertThat(doomedId).isNotEqualTo(sharedId);
            try (Admin brook = Admin.create(Map.of(
                    "bootstrap.servers", doomed.bootstrapServers() + "," + shared.bootstrapServers(),
                    "client.id", "brook-admin-recovery-it"))) {
                ClusterDescription before = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(before.clusterId()).as("the first bootstrap address is asked first").isEqualTo(doomedId);
                assertThat(before.nodes()).hasSize(1);

                doomed.kill(0);

                ClusterDescription after = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS);
                String topic = "recovered-" + UUID.randomUUID().toString().substring(0, 8);
                try (Oracle sharedKafka = new Oracle(shared.bootstrapServers())) {
                    assertThat(after).isEqualTo(sharedKafka.describeCluster());
                    sharedKafka.createTopic(topic, 1, (short) 1);
                    assertThat(brook.listTopics().get(TIMEOUT_S, TimeUnit.SECONDS)).contains(topic);
                    brook.deleteTopics(List.of(topic)).get(TIMEOUT_S, TimeUnit.SECONDS);
                    sharedKafka.assertGone(topic);
                }
            }
        }
    }

    @Test
    void bootstrapNamesCanBeExpandedToTheirCanonicalNames(KafkaCluster cluster) throws Exception {
        try (Admin brook = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "client.dns.lookup", "resolve_canonical_bootstrap_servers_only",
                "client.id", "brook-admin-canonical-it"));
                Oracle kafka = new Oracle(cluster.bootstrapServers())) {
            ClusterDescription byBrook = brook.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(byBrook).isEqualTo(kafka.describeCluster());
        }
    }
}
