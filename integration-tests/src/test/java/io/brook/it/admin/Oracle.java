package io.brook.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.ClusterDescription;
import io.brook.admin.Node;
import io.brook.admin.PartitionInfo;
import io.brook.admin.TopicDescription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * kafka-clients' Admin as an independent oracle: what it reports, in Brook's terms, so that tests compare values
 * rather than walk two object models. Test scope only.
 */
final class Oracle implements AutoCloseable {
    private static final long TIMEOUT_S = 30;
    private final Admin admin;

    Oracle(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "oracle"));
    }

    Admin admin() {
        return admin;
    }

    Set<String> listTopics(boolean internal) throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(internal)).names().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** kafka-clients' description of {@code topic}, as a Brook {@link TopicDescription}. */
    TopicDescription describe(String topic) throws Exception {
        org.apache.kafka.clients.admin.TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
        List<PartitionInfo> partitions = d.partitions().stream().map(Oracle::partition).toList();
        return new TopicDescription(d.name(), partitions,
                new java.util.UUID(d.topicId().getMostSignificantBits(), d.topicId().getLeastSignificantBits()),
                d.isInternal());
    }

    ClusterDescription describeCluster() throws Exception {
        DescribeClusterResult r = admin.describeCluster();
        String id = r.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
        org.apache.kafka.common.Node controller = r.controller().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<Node> nodes = r.nodes().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                .map(n -> new Node(n.id(), n.host(), n.port(), n.rack())).toList();
        return new ClusterDescription(id, controller == null ? -1 : controller.id(), nodes);
    }

    /**
     * Creates a topic through kafka-clients and waits until the broker serves its metadata with a leader for every
     * partition: kafka-clients' createTopics returns once the controller accepted the topic, and a broker may learn
     * of it a moment later, which would make the next step of a test race.
     */
    void createTopic(String name, int partitions, short replicationFactor) throws Exception {
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, replicationFactor)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                var description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS).get(name);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            assertThat(System.nanoTime()).as("topic %s visible in time", name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The topic's configuration entries that were set on it, not inherited. */
    Map<String, String> topicOverrides(String topic) throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        var config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);
        Map<String, String> overrides = new java.util.TreeMap<>();
        config.entries().stream()
                .filter(e -> e.source() == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .forEach(e -> overrides.put(e.name(), e.value()));
        return overrides;
    }

    /** Fails if kafka-clients still sees {@code topic}. */
    void assertGone(String topic) throws Exception {
        assertThat(listTopics(true)).doesNotContain(topic);
    }

    private static PartitionInfo partition(TopicPartitionInfo p) {
        return new PartitionInfo(p.partition(), p.leader() == null ? -1 : p.leader().id(),
                p.replicas().stream().map(org.apache.kafka.common.Node::id).toList(),
                p.isr().stream().map(org.apache.kafka.common.Node::id).toList());
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(10));
    }
}
