package io.brook.core.internal.metadata;

import static io.brook.core.internal.metadata.MetadataResponses.partition;
import static io.brook.core.internal.metadata.MetadataResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetadataResponseMapperTest {
    private static final UUID ID = new UUID(3, 3);
    private static final TopicPartition T0 = new TopicPartition("t", 0);

    @Test
    void mapsEveryFieldOfTheAnswer() {
        MetadataResponse r = response().brokers(1, 2).controller(2).clusterId("c9")
                .topic("t", ID, Errors.NONE, List.of(partition(0, 1, 4, Errors.NONE),
                        partition(1, -1, 4, Errors.LEADER_NOT_AVAILABLE)))
                .topic("__consumer_offsets", new UUID(4, 4), 0, 2)
                .build();
        MetadataResponseMapper.Result result = MetadataResponseMapper.map(r, ClusterSnapshot.empty(), Map.of(), 77);
        ClusterSnapshot s = result.snapshot();
        assertThat(result.incomplete()).as("partition 1 has no leader").isTrue();
        assertThat(s.updateVersion()).isEqualTo(1);
        assertThat(s.updatedAtMs()).isEqualTo(77);
        assertThat(s.clusterId()).contains("c9");
        assertThat(s.controllerId()).isEqualTo(2);
        assertThat(s.broker(1)).map(BrokerNode::rack).contains(java.util.Optional.of("rack-1"));
        PartitionMetadata p1 = s.partition(new TopicPartition("t", 1)).orElseThrow();
        assertThat(p1.error()).isEqualTo(Errors.LEADER_NOT_AVAILABLE);
        assertThat(p1.hasLeader()).isFalse();
        PartitionMetadata p0 = s.partition(T0).orElseThrow();
        assertThat(p0.leaderEpoch()).isEqualTo(4);
        assertThat(p0.replicas()).containsExactly(1);
        assertThat(p0.isr()).containsExactly(1);
        assertThat(s.topic("__consumer_offsets")).map(TopicMetadata::internal).contains(true);
    }

    @Test
    void namelessTopicsAreSkipped() {
        MetadataResponse r = response().brokers(1).build().toBuilder()
                .topics(List.of(MetadataResponse.MetadataResponseTopic.builder().name(null).topicId(ID)
                        .errorCode(Errors.UNKNOWN_TOPIC_ID.code()).build()))
                .build();
        assertThat(MetadataResponseMapper.map(r, ClusterSnapshot.empty(), Map.of(), 0).snapshot().topics())
                .isEmpty();
    }

    @Test
    void aStaleEpochWithoutCachedPartitionKeepsTheAnswerButAsksAgain() {
        ClusterSnapshot previous = MetadataResponseMapper.map(response().brokers(1).topic("t", ID, 5, 1).build(),
                ClusterSnapshot.empty(), Map.of(), 0).snapshot();
        // Partition 1 is new (not cached) but its epoch is older than one seen in a fetch response.
        MetadataResponse r = response().brokers(1).topic("t", ID, 3, 1, 1).build();
        MetadataResponseMapper.Result result = MetadataResponseMapper.map(r, previous,
                Map.of(new TopicPartition("t", 1), 6), 10);
        assertThat(result.incomplete()).isTrue();
        assertThat(result.snapshot().partition(T0)).map(PartitionMetadata::leaderEpoch).contains(5);
        assertThat(result.snapshot().partition(new TopicPartition("t", 1))).map(PartitionMetadata::leaderEpoch)
                .contains(3);
    }

    @Test
    void anUnknownEpochIsNeverStale() {
        ClusterSnapshot previous = MetadataResponseMapper.map(response().brokers(1).topic("t", ID, 5, 1).build(),
                ClusterSnapshot.empty(), Map.of(), 0).snapshot();
        MetadataResponseMapper.Result result = MetadataResponseMapper.map(
                response().brokers(1, 2).topic("t", ID, -1, 2).build(), previous, Map.of(), 10);
        assertThat(result.incomplete()).isFalse();
        assertThat(result.snapshot().leaderFor(T0)).map(BrokerNode::id).contains(2);
    }
}
