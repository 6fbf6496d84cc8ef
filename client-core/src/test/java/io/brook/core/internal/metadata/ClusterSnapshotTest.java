package io.brook.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
    private static final UUID ID = new UUID(7, 7);
    private static final BrokerNode B1 = new BrokerNode(1, "h1", 9092, Optional.of("r1"));
    private static final BrokerNode B2 = new BrokerNode(2, "h2", 9092, Optional.empty());

    private static PartitionMetadata partition(String topic, int index, int leader) {
        return new PartitionMetadata(new TopicPartition(topic, index), Errors.NONE, leader, 3, List.of(1, 2),
                List.of(1), List.of());
    }

    private static ClusterSnapshot snapshot() {
        TopicMetadata orders = new TopicMetadata("orders", ID, false, Errors.NONE,
                List.of(partition("orders", 2, 9), partition("orders", 0, 1), partition("orders", 1, -1)));
        TopicMetadata missing = new TopicMetadata("missing", TopicMetadata.NO_TOPIC_ID, false,
                Errors.UNKNOWN_TOPIC_OR_PARTITION, List.of());
        return new ClusterSnapshot("c1", 2, List.of(B2, B1), List.of(orders, missing), 1_000, 4);
    }

    @Test
    void looksUpLeadersPartitionsTopicsAndBrokers() {
        ClusterSnapshot s = snapshot();
        assertThat(s.leaderFor(new TopicPartition("orders", 0))).contains(B1);
        assertThat(s.leaderFor(new TopicPartition("orders", 1))).as("no leader").isEmpty();
        assertThat(s.leaderFor(new TopicPartition("orders", 2))).as("leader not among the brokers").isEmpty();
        assertThat(s.leaderFor(new TopicPartition("orders", 3))).isEmpty();
        assertThat(s.leaderFor(new TopicPartition("other", 0))).isEmpty();
        assertThat(s.partitionsFor("orders")).extracting(p -> p.partition().partition()).containsExactly(0, 1, 2);
        assertThat(s.partitionsFor("missing")).isEmpty();
        assertThat(s.partitionsFor("unknown")).isEmpty();
        assertThat(s.topic(ID)).map(TopicMetadata::name).contains("orders");
        assertThat(s.topic("missing")).map(TopicMetadata::error).contains(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(s.topic(TopicMetadata.NO_TOPIC_ID)).as("topics without id are not indexed by id").isEmpty();
        assertThat(s.topicNames()).containsExactly("missing", "orders");
        assertThat(s.brokers()).containsExactly(B1, B2);
        assertThat(s.controller()).contains(B2);
        assertThat(s.clusterId()).contains("c1");
        assertThat(s.isEmpty()).isFalse();
        assertThat(B1.endpoint().nodeId()).isEqualTo(1);
    }

    @Test
    void theEmptySnapshotKnowsNothing() {
        ClusterSnapshot empty = ClusterSnapshot.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.brokers()).isEmpty();
        assertThat(empty.clusterId()).isEmpty();
        assertThat(empty.controller()).isEmpty();
        assertThat(empty.leaderFor(new TopicPartition("t", 0))).isEmpty();
    }

    @Test
    void rejectsDuplicatesAndMisfiledPartitions() {
        assertThatThrownBy(() -> new ClusterSnapshot(null, -1, List.of(B1, B1), List.of(), 0, 1))
                .hasMessageContaining("broker id 1");
        TopicMetadata t = new TopicMetadata("t", ID, false, Errors.NONE, List.of());
        assertThatThrownBy(() -> new ClusterSnapshot(null, -1, List.of(), List.of(t, t), 0, 1))
                .hasMessageContaining("topic t");
        assertThatThrownBy(() -> new TopicMetadata("t", ID, false, Errors.NONE, List.of(partition("u", 0, 1))))
                .hasMessageContaining("u-0");
        assertThatThrownBy(() -> new BrokerNode(-1, "h", 1, Optional.empty())).hasMessageContaining("-1");
    }
}
