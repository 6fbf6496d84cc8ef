package io.brook.testkit.internal;

import static io.brook.testkit.ClusterClients.admin;
import static io.brook.testkit.ClusterClients.produce;
import static io.brook.testkit.ClusterClients.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import java.nio.file.Files;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The 3.9 line (log4j 1 logging, an older storage format) launches too. Skipped with
 * {@code -Dbrook.testkit.skipKafka39=true}, e.g. on a machine that cannot download it.
 */
@DisabledIfSystemProperty(named = "brook.testkit.skipKafka39", matches = "true")
class Kafka39IT {

    private static final String VERSION = "3.9.1";

    @Test
    void launchesServesClientsAndLogsToItsFile() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.builder().source(ClusterSource.LOCAL).kafkaVersion(VERSION).build()) {
            long startNanos = System.nanoTime();
            cluster.start();
            System.out.println("brook-testkit: 1-node Kafka " + VERSION + " ready in "
                    + (System.nanoTime() - startNanos) / 1_000_000 + " ms");

            try (Admin admin = admin(cluster)) {
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactly(0);
                assertThat(admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("metadata.version")
                        .maxVersionLevel()).isLessThan((short) 22); // below 4.0-IV0: really a 3.x broker
                admin.createTopics(Set.of(new NewTopic("on-3-9", 1, (short) 1))).all().get();
            }
            produce(cluster, "on-3-9", "k", "v");
            assertThat(readAll(cluster, "on-3-9")).extracting(ConsumerRecord::value).containsExactly("v");
            String serverLog = Files.readString(((LocalKafkaCluster) cluster).logDirectory()
                    .resolve("node-0").resolve("server.log"));
            assertThat(serverLog).contains("Kafka version: " + VERSION);
        }
    }
}
