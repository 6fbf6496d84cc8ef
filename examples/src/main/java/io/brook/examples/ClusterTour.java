package io.brook.examples;

import io.brook.admin.Admin;
import io.brook.admin.ClusterDescription;
import io.brook.admin.NewTopic;
import io.brook.admin.Node;
import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import io.brook.testkit.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tour of the admin client: connects to {@code KAFKA_BOOTSTRAP_SERVERS}, or launches a local single-node Apache
 * Kafka broker when none is given, then prints the cluster through {@link Admin}: its id, controller and nodes,
 * and the topics with their partitions. It creates a demo topic first so there is something to describe. (The
 * README's main job is {@link MainJob}.)
 */
public final class ClusterTour {
    private static final String DEMO_TOPIC = "brook-tour";

    private ClusterTour() {}

    public static void main(String[] args) throws Exception {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        KafkaCluster local = null;
        String bootstrap;
        if (external != null && !external.isBlank()) {
            bootstrap = external;
            System.out.println("Using the cluster at " + bootstrap);
        } else {
            System.out.println("KAFKA_BOOTSTRAP_SERVERS is not set: launching a local Apache Kafka broker...");
            long start = System.nanoTime();
            local = KafkaCluster.builder().nodes(1).build();
            local.start();
            bootstrap = local.bootstrapServers();
            System.out.printf("Broker listening at %s after %d ms%n", bootstrap,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "client.id", "brook-tour"))) {
            tour(admin);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static void tour(Admin admin) throws Exception {
        Duration timeout = Duration.ofSeconds(30);
        if (!admin.listTopics().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(DEMO_TOPIC)) {
            admin.createTopics(List.of(new NewTopic(DEMO_TOPIC, 3, (short) 1)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println("Created topic " + DEMO_TOPIC);
        }

        ClusterDescription cluster = admin.describeCluster().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        System.out.println();
        System.out.println("Cluster " + cluster.clusterId() + " (controller: " + cluster.controllerId() + ")");
        for (Node node : cluster.nodes()) {
            System.out.printf("  node %d  %s:%d%n", node.id(), node.host(), node.port());
        }

        var names = admin.listTopics().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> topics =
                admin.describeTopics(names).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        System.out.println();
        System.out.println(topics.size() + " topic(s):");
        topics.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> {
            System.out.println("  " + t.name());
            for (PartitionInfo p : t.partitions()) {
                System.out.printf("    partition %d  leader %d  replicas %s  isr %s%n",
                        p.partition(), p.leader(), p.replicas(), p.isr());
            }
        });
    }
}
