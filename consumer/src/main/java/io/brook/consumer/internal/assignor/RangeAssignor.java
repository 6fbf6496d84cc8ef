package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code range}: topic by topic, the members subscribed to the topic (in {@link GroupMember#ORDER}) each get a
 * contiguous range of its partitions; the first {@code partitions % members} get one extra. Eager only. Stateless.
 */
public final class RangeAssignor implements Assignor {
    @Override
    public String name() {
        return "range";
    }

    @Override
    public boolean supportsCooperative() {
        return false;
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, List<GroupMember> members) {
        Map<String, List<TopicPartition>> assigned = new LinkedHashMap<>();
        Map<String, List<GroupMember>> byTopic = new TreeMap<>();
        for (GroupMember m : members) {
            assigned.put(m.memberId(), new ArrayList<>());
            for (String topic : m.subscription().topics()) {
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<String, List<GroupMember>> e : byTopic.entrySet()) {
            Integer partitions = partitionsPerTopic.get(e.getKey());
            if (partitions == null) {
                continue;
            }
            List<GroupMember> consumers = new ArrayList<>(e.getValue());
            consumers.sort(GroupMember.ORDER);
            int each = partitions / consumers.size();
            int withExtra = partitions % consumers.size();
            for (int i = 0; i < consumers.size(); i++) {
                int start = each * i + Math.min(i, withExtra);
                int length = each + (i < withExtra ? 1 : 0);
                List<TopicPartition> target = assigned.get(consumers.get(i).memberId());
                for (int p = start; p < start + length; p++) {
                    target.add(new TopicPartition(e.getKey(), p));
                }
            }
        }
        return Assignments.of(assigned);
    }
}
