package io.brook.it.admin;

import static io.brook.it.admin.KafkaClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.Admin;
import io.brook.admin.AdminClosedException;
import io.brook.admin.ClusterDescription;
import io.brook.admin.CreateTopicsOptions;
import io.brook.admin.ListTopicsOptions;
import io.brook.admin.NewTopic;
import io.brook.admin.PartialFailureException;
import io.brook.admin.TopicDescription;
import io.brook.common.config.ConfigException;
import io.brook.common.errors.InvalidConfigurationException;
import io.brook.common.errors.InvalidReplicationFactorException;
import io.brook.common.errors.InvalidTopicException;
import io.brook.common.errors.TopicExistsException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Brook's Admin against a real single-node broker, every result cross-checked with kafka-clients' Admin.
 * Topic names are unique per test, so the tests also run against a shared or external cluster.
 */
class AdminIT extends AdminItBase {
    @Override
    String clientId() {
        return "brook-admin-it";
    }

    @Test
    void topicsBrookCreatesAreDescribedIdenticallyByKafkaClients() throws Exception {
        String name = unique("brook-created");
        get(brook.createTopics(List.of(new NewTopic(name, 3, (short) 1,
                Map.of("cleanup.policy", "compact", "retention.ms", "3600000")))));

        // No waiting: createTopics completes once the topic is usable.
        TopicDescription byKafka = kafka.describe(name);
        TopicDescription byBrook = get(brook.describeTopics(List.of(name))).get(name);

        assertThat(byBrook).isEqualTo(byKafka);
        assertThat(byBrook.partitions()).hasSize(3).allSatisfy(p -> {
            assertThat(p.hasLeader()).isTrue();
            assertThat(p.replicas()).hasSize(1);
            assertThat(p.isr()).isEqualTo(p.replicas());
        });
        assertThat(byBrook.topicId()).isNotNull();
        assertThat(byBrook.internal()).isFalse();
        assertThat(kafka.topicOverrides(name))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "compact", "retention.ms", "3600000"));
    }

    @Test
    void topicsKafkaClientsCreatesAreDescribedIdenticallyByBrook() throws Exception {
        String a = unique("kafka-created-a");
        String b = unique("kafka-created-b");
        kafka.createTopic(a, 2, (short) 1);
        kafka.createTopic(b, 5, (short) 1);

        Map<String, TopicDescription> byBrook = get(brook.describeTopics(List.of(b, a, b)));

        assertThat(byBrook.keySet()).containsExactly(b, a);
        assertThat(byBrook.get(a)).isEqualTo(kafka.describe(a));
        assertThat(byBrook.get(b)).isEqualTo(kafka.describe(b));
    }

    @Test
    void brokerDefaultsApplyWhenPartitionsAndReplicationAreLeftToTheBroker() throws Exception {
        String name = unique("defaults");
        get(brook.createTopics(List.of(NewTopic.withBrokerDefaults(name))));
        TopicDescription byBrook = get(brook.describeTopics(List.of(name))).get(name);
        assertThat(byBrook).isEqualTo(kafka.describe(name));
        assertThat(byBrook.partitions()).isNotEmpty();
    }

    @Test
    void listTopicsAgreesWithKafkaClientsAndLeavesOutInternalTopics() throws Exception {
        String mine = unique("listed");
        get(brook.createTopics(List.of(new NewTopic(mine, 1, (short) 1))));
        ensureConsumerOffsetsTopic(mine);

        Set<String> brookTopics = get(brook.listTopics());
        Set<String> brookAll = get(brook.listTopics(ListTopicsOptions.defaults().withIncludeInternal(true)));

        assertThat(brookTopics).contains(mine).doesNotContain("__consumer_offsets")
                .isEqualTo(kafka.listTopics(false));
        assertThat(brookAll).contains(mine, "__consumer_offsets").isEqualTo(kafka.listTopics(true));
        TopicDescription offsets = get(brook.describeTopics(List.of("__consumer_offsets"))).get("__consumer_offsets");
        assertThat(offsets.internal()).isTrue();
        assertThat(offsets).isEqualTo(kafka.describe("__consumer_offsets"));
    }

    /** Commits a group offset through kafka-clients, which makes the broker create {@code __consumer_offsets}. */
    private void ensureConsumerOffsetsTopic(String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        kafka.admin().alterConsumerGroupOffsets(unique("group"), Map.of(tp, new OffsetAndMetadata(0)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void deleteTopicsRemovesThemAsKafkaClientsSees() throws Exception {
        String byBrook = unique("delete-brook");
        String byKafka = unique("delete-kafka");
        get(brook.createTopics(List.of(new NewTopic(byBrook, 2, (short) 1))));
        kafka.createTopic(byKafka, 1, (short) 1);

        get(brook.deleteTopics(List.of(byBrook, byKafka)));

        // No waiting: deleteTopics completes once no broker reports the topics.
        kafka.assertGone(byBrook);
        kafka.assertGone(byKafka);
        assertThat(get(brook.listTopics())).doesNotContain(byBrook, byKafka);
        assertThat(failure(brook.describeTopics(List.of(byBrook))))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void aDeletedTopicCanBeCreatedAgainAtOnce() throws Exception {
        String name = unique("recreated");
        get(brook.createTopics(List.of(new NewTopic(name, 1, (short) 1))));
        UUID first = get(brook.describeTopics(List.of(name))).get(name).topicId();
        get(brook.deleteTopics(List.of(name)));

        get(brook.createTopics(List.of(new NewTopic(name, 4, (short) 1))));

        TopicDescription again = kafka.describe(name);
        assertThat(again.partitions()).hasSize(4);
        assertThat(again.topicId()).isNotEqualTo(first);
        assertThat(get(brook.describeTopics(List.of(name))).get(name)).isEqualTo(again);
    }

    @Test
    void describeClusterMatchesKafkaClients() throws Exception {
        ClusterDescription byBrook = get(brook.describeCluster());
        ClusterDescription byKafka = kafka.describeCluster();

        assertThat(byBrook.clusterId()).isNotBlank().isEqualTo(byKafka.clusterId());
        assertThat(byBrook.nodes()).hasSize(cluster.size()).isEqualTo(byKafka.nodes());
        assertThat(byBrook.controller()).as("controller among the nodes").isPresent();
        if (cluster.size() == 1) {
            assertThat(byBrook.controllerId()).isEqualTo(byKafka.controllerId());
        }
    }

    @Test
    void creatingAnExistingTopicFailsWithTopicExistsNamingIt() throws Exception {
        String fromBrook = unique("exists-brook");
        String fromKafka = unique("exists-kafka");
        get(brook.createTopics(List.of(new NewTopic(fromBrook, 1, (short) 1))));
        kafka.createTopic(fromKafka, 1, (short) 1);

        Throwable error = failure(brook.createTopics(List.of(new NewTopic(fromBrook, 1, (short) 1))));
        assertThat(error).isInstanceOf(TopicExistsException.class)
                .hasMessageContaining("'" + fromBrook + "'").hasMessageContaining("TOPIC_ALREADY_EXISTS");
        assertThat(failure(brook.createTopics(List.of(new NewTopic(fromKafka, 1, (short) 1)))))
                .isInstanceOf(TopicExistsException.class);
    }

    @Test
    void aFailedTopicDoesNotStopTheOthersInTheSameCall() throws Exception {
        String existing = unique("batch-existing");
        String fresh = unique("batch-fresh");
        String tooReplicated = unique("batch-rf");
        kafka.createTopic(existing, 1, (short) 1);

        Throwable error = failure(brook.createTopics(List.of(new NewTopic(existing, 1, (short) 1),
                new NewTopic(fresh, 2, (short) 1), new NewTopic(tooReplicated, 1, (short) (cluster.size() + 1)))));

        PartialFailureException partial = (PartialFailureException) error;
        assertThat(partial.failures().keySet()).containsExactly(existing, tooReplicated);
        assertThat(partial.failures().get(existing)).isInstanceOf(TopicExistsException.class)
                .hasMessageContaining(existing);
        assertThat(partial.failures().get(tooReplicated)).isInstanceOf(InvalidReplicationFactorException.class);
        assertThat(partial).hasMessageContaining(existing + ": TOPIC_ALREADY_EXISTS (error code 36)");
        assertThat(partial.succeeded()).containsExactly(fresh);
        assertThat(kafka.describe(fresh).partitions()).hasSize(2);
        assertThat(kafka.listTopics(false)).doesNotContain(tooReplicated);
    }

    @Test
    void unknownTopicsFailDescribeAndDeleteWithUnknownTopicOrPartition() throws Exception {
        String missing = unique("missing");
        String present = unique("present");
        kafka.createTopic(present, 1, (short) 1);

        PartialFailureException described = (PartialFailureException) failure(
                brook.describeTopics(List.of(present, missing)));
        assertThat(described.failures(String.class)).containsOnlyKeys(missing);
        assertThat(described.failures().get(missing)).isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageContaining("'" + missing + "'").hasMessageContaining("UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(described.results(String.class, TopicDescription.class))
                .containsExactly(Map.entry(present, kafka.describe(present)));
        assertThat(failure(brook.describeTopics(List.of(missing)))).as("one topic: its own typed error")
                .isInstanceOf(UnknownTopicOrPartitionException.class);

        PartialFailureException deleted = (PartialFailureException) failure(
                brook.deleteTopics(List.of(missing, present)));
        assertThat(deleted.failures().get(missing)).isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageContaining(missing);
        assertThat(deleted.succeeded()).containsExactly(present);
        kafka.assertGone(present);
        assertThat(kafka.listTopics(false)).doesNotContain(missing);
    }

    @Test
    void replicaAssignmentsPlaceThePartitions() throws Exception {
        String name = unique("assigned");
        int broker = kafka.describeCluster().nodes().get(0).id();

        get(brook.createTopics(List.of(NewTopic.withReplicaAssignments(name,
                Map.of(0, List.of(broker), 1, List.of(broker), 2, List.of(broker))))));

        TopicDescription byKafka = kafka.describe(name);
        assertThat(byKafka.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.replicas()).containsExactly(broker));
        assertThat(get(brook.describeTopics(List.of(name))).get(name)).isEqualTo(byKafka);
        assertThatThrownBy(() -> NewTopic.withReplicaAssignments(name, Map.of(0, List.of(broker), 2,
                List.of(broker)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition 1");
    }

    @Test
    void aReplicationFactorLargerThanTheClusterFailsTyped() throws Exception {
        String name = unique("too-many-replicas");
        Throwable error = failure(brook.createTopics(
                List.of(new NewTopic(name, 1, (short) (cluster.size() + 1)))));
        assertThat(error).isInstanceOf(InvalidReplicationFactorException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("INVALID_REPLICATION_FACTOR");
        assertThat(kafka.listTopics(false)).doesNotContain(name);
    }

    @Test
    void anUnknownConfigKeyIsRejectedAtCreate() throws Exception {
        String name = unique("bad-config");
        Throwable error = failure(brook.createTopics(
                List.of(new NewTopic(name, 1, (short) 1, Map.of("no.such.topic.config", "1")))));
        assertThat(error).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("no.such.topic.config");
        assertThat(kafka.listTopics(false)).doesNotContain(name);
    }

    @Test
    void validateOnlyChecksWithoutCreating() throws Exception {
        String name = unique("validated");
        CreateTopicsOptions validate = CreateTopicsOptions.defaults().withValidateOnly(true);

        get(brook.createTopics(List.of(new NewTopic(name, 3, (short) 1)), validate));
        assertThat(kafka.listTopics(false)).doesNotContain(name);
        assertThat(failure(brook.createTopics(List.of(new NewTopic(name, 1, (short) (cluster.size() + 1))), validate)))
                .isInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void invalidArgumentsAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> brook.describeTopics(List.of("no spaces allowed")))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> brook.createTopics(
                List.of(new NewTopic("twice", 1, (short) 1), new NewTopic("twice", 2, (short) 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void unknownClientConfigKeysAreRejected() {
        assertThatThrownBy(() -> Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "retry.backof.ms", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry.backof.ms");
    }

    @Test
    void anUnreachableClusterTimesOutNamingTheCallAndTheLastError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Admin unreachable = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort))) {
            long start = System.nanoTime();
            Throwable error = failure(unreachable.describeCluster(
                    io.brook.admin.DescribeClusterOptions.defaults().withTimeout(Duration.ofSeconds(2))));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(error).isInstanceOf(io.brook.common.errors.TimeoutException.class)
                    .hasMessageStartingWith("describeCluster timed out after 2000 ms; last error: ")
                    .hasMessageContaining(String.valueOf(closedPort));
            assertThat(error.getCause()).isInstanceOf(io.brook.common.errors.NetworkException.class);
            assertThat(tookMs).isBetween(1_900L, 10_000L);
        }
    }

    @Test
    void closeStopsTheClientsThreadsAndLaterCallsFailTyped() throws Exception {
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "client.id", "closing-admin"));
        get(admin.describeCluster());
        assertThat(liveThreads("brook-closing-admin-"))
                .anyMatch(n -> n.startsWith("brook-closing-admin-io-"))
                .contains("brook-closing-admin-admin");

        admin.close(Duration.ofSeconds(10));

        assertThat(awaitNoThreads("brook-closing-admin-")).isEmpty();
        assertThat(failure(admin.listTopics())).isInstanceOf(AdminClosedException.class)
                .hasMessageContaining("listTopics");
        admin.close(); // idempotent
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    /**
     * The threads named {@code prefix...} still alive after up to a second: a pool reports termination while its
     * threads are still unwinding, so "gone" is observed with a short grace.
     */
    private static List<String> awaitNoThreads(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        List<String> names = liveThreads(prefix);
        while (!names.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            names = liveThreads(prefix);
        }
        return names;
    }
}
