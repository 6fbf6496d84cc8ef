package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code roundrobin}: every partition of every subscribed topic (topics sorted by name, partitions by number) goes
 * to the next member, in {@link GroupMember#ORDER} and cyclically, that subscribes to its topic. Eager only.
 * Stateless.
 */
public final class RoundRobinAssignor implements Assignor {
    @Override
    public String name() {
        return "roundrobin";
    }

    @Override
    public boolean supportsCooperative() {
        return false;
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, List<GroupMember> members) {
        Map<String, List<TopicPartition>> assigned = new LinkedHashMap<>();
        TreeSet<String> topics = new TreeSet<>();
        for (GroupMember m : members) {
            assigned.put(m.memberId(), new ArrayList<>());
            topics.addAll(m.subscription().topics());
        }
        List<GroupMember> ring = new ArrayList<>(members);
        ring.sort(GroupMember.ORDER);
        int next = 0;
        for (String topic : topics) {
            Integer partitions = partitionsPerTopic.get(topic);
            if (partitions == null) {
                continue;
            }
            for (int p = 0; p < partitions; p++) {
                // Someone subscribes to every topic listed here, so this finds a member within one lap.
                while (!ring.get(next % ring.size()).subscription().topics().contains(topic)) {
                    next++;
                }
                assigned.get(ring.get(next % ring.size()).memberId()).add(new TopicPartition(topic, p));
                next++;
            }
        }
        return Assignments.of(assigned);
    }
}
