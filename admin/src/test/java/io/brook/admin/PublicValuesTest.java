package io.brook.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.InvalidTopicException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublicValuesTest {

    @Test
    void newTopicWithoutConfigsHasNone() {
        NewTopic topic = new NewTopic("t", 3, (short) 2);
        assertThat(topic.configs()).isEmpty();
        assertThat(topic).isEqualTo(new NewTopic("t", 3, (short) 2, Map.of()));
    }

    @Test
    void newTopicCopiesItsConfigs() {
        Map<String, String> configs = new HashMap<>(Map.of("cleanup.policy", "compact"));
        NewTopic topic = new NewTopic("t", 1, (short) 1, configs);
        configs.put("retention.ms", "1");
        assertThat(topic.configs()).containsOnlyKeys("cleanup.policy");
        assertThatThrownBy(() -> topic.configs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void newTopicAcceptsBrokerDefaults() {
        NewTopic topic = NewTopic.withBrokerDefaults("t");
        assertThat(topic.numPartitions()).isEqualTo(-1);
        assertThat(topic.replicationFactor()).isEqualTo((short) -1);
        assertThat(topic.withConfigs(Map.of("a", "b")).configs()).containsEntry("a", "b");
    }

    @Test
    void newTopicRejectsBadValuesNamingTheTopic() {
        assertThatThrownBy(() -> new NewTopic("t", 0, (short) 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numPartitions of topic 't' must be at least 1 or -1 (broker default): 0");
        assertThatThrownBy(() -> new NewTopic("t", 1, (short) -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicationFactor of topic 't'");
        assertThatThrownBy(() -> new NewTopic("bad name", 1, (short) 1)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> new NewTopic(null, 1, (short) 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new NewTopic("t", 1, (short) 1, null)).isInstanceOf(NullPointerException.class);
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("retention.ms", null);
        assertThatThrownBy(() -> new NewTopic("t", 1, (short) 1, nullValue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'retention.ms'");
        assertThatThrownBy(() -> new NewTopic("t", 1, (short) 1, Map.of(" ", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicDescriptionSortsAndCopiesPartitions() {
        List<PartitionInfo> partitions = new ArrayList<>(List.of(
                new PartitionInfo(1, 2, List.of(2), List.of(2)), new PartitionInfo(0, 1, List.of(1), List.of(1))));
        TopicDescription t = new TopicDescription("t", partitions);
        partitions.clear();
        assertThat(t.partitions()).extracting(PartitionInfo::partition).containsExactly(0, 1);
        assertThat(t.topicId()).isNull();
        assertThat(t.internal()).isFalse();
        assertThat(t.partition(1).leader()).isEqualTo(2);
        assertThat(t.partition(7)).isNull();
        UUID id = UUID.randomUUID();
        assertThat(new TopicDescription("t", List.of(), id, true).topicId()).isEqualTo(id);
    }

    @Test
    void partitionInfoValidates() {
        assertThatThrownBy(() -> new PartitionInfo(-1, 1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionInfo(0, -2, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PartitionInfo(0, PartitionInfo.NO_LEADER, List.of(1), List.of()).hasLeader()).isFalse();
    }

    @Test
    void clusterDescriptionSortsNodesAndFindsTheController() {
        ClusterDescription c = new ClusterDescription("id", 3,
                List.of(new Node(3, "c", 3), new Node(1, "a", 1, "r1")));
        assertThat(c.nodes()).extracting(Node::id).containsExactly(1, 3);
        assertThat(c.controller()).contains(new Node(3, "c", 3));
        assertThat(new ClusterDescription("id", -1, List.of(new Node(1, "a", 1))).controller()).isEmpty();
    }

    @Test
    void nodeValidatesAndPrints() {
        assertThat(new Node(1, "h", 9092).rack()).isNull();
        assertThat(new Node(1, "h", 9092, "r").toString()).isEqualTo("h:9092 (id: 1, rack: r)");
        assertThatThrownBy(() -> new Node(-1, "h", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Node(1, " ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Node(1, "h", 70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsDefaultsAndWithers() {
        assertThat(CreateTopicsOptions.defaults()).isEqualTo(new CreateTopicsOptions(null, false, true));
        assertThat(CreateTopicsOptions.defaults().withValidateOnly(true).withTimeout(Duration.ofSeconds(5))
                .withAwaitPropagation(false)).isEqualTo(new CreateTopicsOptions(Duration.ofSeconds(5), true, false));
        assertThat(DeleteTopicsOptions.defaults().awaitPropagation()).isTrue();
        assertThat(ListTopicsOptions.defaults().withIncludeInternal(true).includeInternal()).isTrue();
        assertThat(DescribeTopicsOptions.defaults().withTimeout(Duration.ofMillis(1)).timeout())
                .isEqualTo(Duration.ofMillis(1));
        assertThat(DescribeClusterOptions.defaults().timeout()).isNull();
        assertThatThrownBy(() -> DescribeClusterOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListTopicsOptions.defaults().withTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
