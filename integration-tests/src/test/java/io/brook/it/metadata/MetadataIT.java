package io.brook.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.common.config.AdminConfigs;
import io.brook.common.config.BootstrapAddress;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.core.Time;
import io.brook.core.internal.config.NetworkConfigs;
import io.brook.core.internal.metadata.BrokerNode;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.DnsBootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.PartitionMetadata;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.Errors;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metadata cache against a real broker, with kafka-clients' Admin as the oracle: a topic it creates shows up
 * in Brook's snapshot with the same id, partitions, leaders, replicas and ISR, and the brokers and cluster id
 * match what Admin describes.
 */
@ExtendWith(KafkaClusterExtension.class)
class MetadataIT {
    private static final long TIMEOUT_S = 30;

    private ScheduledExecutorService timers;
    private Admin oracle;

    @BeforeEach
    void setUp(KafkaCluster cluster) {
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metadata-it-timers");
            t.setDaemon(true);
            return t;
        });
        oracle = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        oracle.close();
        timers.shutdownNow();
        assertThat(timers.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void seesATopicCreatedByKafkaAdminAsKafkaAdminDescribesIt(KafkaCluster cluster) throws Exception {
        String topic = "metadata-it-" + UUID.randomUUID();
        oracle.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        try (NetworkClient network = network(cluster);
                MetadataManager metadata = manager(cluster, network, WantedTopics.of(List.of(topic)))) {
            ClusterSnapshot snapshot = awaitLeaders(metadata, topic, 3);
            TopicDescription expected = oracle.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);

            TopicMetadata actual = snapshot.topic(topic).orElseThrow();
            assertThat(actual.error()).isEqualTo(Errors.NONE);
            assertThat(actual.internal()).isFalse();
            assertThat(actual.topicId()).isEqualTo(uuid(expected.topicId()));
            assertThat(actual.partitions()).hasSize(expected.partitions().size());
            for (TopicPartitionInfo p : expected.partitions()) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                PartitionMetadata mine = snapshot.partition(tp).orElseThrow();
                assertThat(mine.leaderId()).as("leader of %s", tp).isEqualTo(p.leader().id());
                assertThat(mine.replicas()).as("replicas of %s", tp).isEqualTo(ids(p.replicas()));
                assertThat(mine.isr()).as("isr of %s", tp).isEqualTo(ids(p.isr()));
                assertThat(mine.hasLeaderEpoch()).isTrue();
                BrokerNode leader = snapshot.leaderFor(tp).orElseThrow();
                assertThat(leader.host()).isEqualTo(p.leader().host());
                assertThat(leader.port()).isEqualTo(p.leader().port());
            }
            assertThat(snapshot.partitionsFor(topic)).extracting(pm -> pm.partition().partition())
                    .containsExactly(0, 1, 2);

            String clusterId = oracle.describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<Node> nodes = List.copyOf(oracle.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertThat(snapshot.clusterId()).contains(clusterId);
            assertThat(snapshot.brokers()).extracting(BrokerNode::id)
                    .containsExactlyInAnyOrderElementsOf(nodes.stream().map(Node::id).toList());
        } finally {
            oracle.deleteTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    @Test
    void allTopicsIncludeTheNewTopicAndAMissingWantedTopicIsReportedAsUnknown(KafkaCluster cluster)
            throws Exception {
        String topic = "metadata-it-all-" + UUID.randomUUID();
        String missing = "metadata-it-missing-" + UUID.randomUUID();
        oracle.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        try (NetworkClient network = network(cluster);
                MetadataManager metadata = manager(cluster, network, WantedTopics.allTopics())) {
            // kafka-clients' createTopics returns once the controller accepted the topic; the broker that answers
            // metadata may learn of it a moment later.
            ClusterSnapshot all = awaitLeaders(metadata, topic, 1);
            assertThat(all.topicNames()).contains(topic).doesNotContain(missing);
            assertThat(all.topicNames()).containsAll(oracle.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS));

            metadata.setWantedTopics(WantedTopics.of(List.of(missing)));
            ClusterSnapshot some = metadata.requestFreshUpdate().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(some.topic(missing)).map(TopicMetadata::error).contains(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(some.topicNames()).containsExactly(missing);
        } finally {
            oracle.deleteTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    private static NetworkClient network(KafkaCluster cluster) {
        ClientConfig config = config(cluster);
        return new NetworkClient(NetworkConfigs.from(config, "metadata-it"));
    }

    private MetadataManager manager(KafkaCluster cluster, NetworkClient network, WantedTopics wanted) {
        ClientConfig config = config(cluster);
        List<BootstrapAddress> bootstrap = config.get(CommonConfigs.BOOTSTRAP_SERVERS).stream()
                .map(BootstrapAddress::parse).toList();
        MetadataManager manager = new MetadataManager(MetadataConfig.from(config, "metadata-it", false),
                network.sender(timers),
                DnsBootstrapResolver.system(bootstrap, config.get(CommonConfigs.CLIENT_DNS_LOOKUP), timers),
                Time.SYSTEM, Scheduler.of(timers), wanted);
        manager.start();
        return manager;
    }

    private static ClientConfig config(KafkaCluster cluster) {
        return AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "client.id", "metadata-it"));
    }

    /** Leaders of a new topic may take a moment to be elected: refresh until every partition has one. */
    private static ClusterSnapshot awaitLeaders(MetadataManager metadata, String topic, int partitions)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        ClusterSnapshot snapshot = metadata.requestUpdate().get(TIMEOUT_S, TimeUnit.SECONDS);
        while (!allLed(snapshot, topic, partitions)) {
            assertThat(System.nanoTime()).as("leaders of %s elected in time", topic).isLessThan(deadline);
            snapshot = metadata.requestFreshUpdate().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return snapshot;
    }

    private static boolean allLed(ClusterSnapshot snapshot, String topic, int partitions) {
        List<PartitionMetadata> list = snapshot.partitionsFor(topic);
        return list.size() == partitions && list.stream().allMatch(PartitionMetadata::hasLeader);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static UUID uuid(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
