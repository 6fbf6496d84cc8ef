package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** Runs kafka-clients' assignors on the same input as Brook's, converting both ways. */
final class KafkaOracle {
    private KafkaOracle() {}

    static Map<String, Set<TopicPartition>> assign(ConsumerPartitionAssignor assignor,
            Map<String, Integer> partitionsPerTopic, List<GroupMember> members) {
        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        for (GroupMember m : members) {
            subscriptions.put(m.memberId(), toKafka(m));
        }
        ConsumerPartitionAssignor.GroupAssignment result = assignor.assign(cluster(partitionsPerTopic),
                new ConsumerPartitionAssignor.GroupSubscription(subscriptions));
        Map<String, Set<TopicPartition>> out = new HashMap<>();
        result.groupAssignment().forEach((member, a) -> out.put(member, fromKafka(a.partitions())));
        return out;
    }

    static ConsumerPartitionAssignor.Subscription toKafka(GroupMember m) {
        ConsumerProtocol.Subscription s = m.subscription();
        ConsumerPartitionAssignor.Subscription k = new ConsumerPartitionAssignor.Subscription(s.topics(),
                s.userData() == null ? null : ByteBuffer.wrap(s.userData()),
                s.ownedPartitions().stream().map(tp -> new org.apache.kafka.common.TopicPartition(tp.topic(),
                        tp.partition())).toList(), s.generationId(), s.rackId());
        k.setGroupInstanceId(m.groupInstanceId());
        return k;
    }

    static Set<TopicPartition> fromKafka(List<org.apache.kafka.common.TopicPartition> partitions) {
        Set<TopicPartition> out = new HashSet<>();
        for (org.apache.kafka.common.TopicPartition tp : partitions) {
            out.add(new TopicPartition(tp.topic(), tp.partition()));
        }
        return out;
    }

    static Cluster cluster(Map<String, Integer> partitionsPerTopic) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        partitionsPerTopic.forEach((topic, n) -> {
            for (int p = 0; p < n; p++) {
                partitions.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
            }
        });
        return new Cluster("cluster", List.of(node), partitions, Set.of(), Set.of());
    }

    static GroupMember member(String id, Optional<String> instance, List<String> topics) {
        return new GroupMember(id, instance, new ConsumerProtocol.Subscription(topics));
    }
}
