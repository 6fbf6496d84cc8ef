package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two sticky assignors share: the {@link StickyPlanner}, fed with each member's previous assignment as
 * the assignor reads it from the subscription ({@link #memberData}). Confined to the consumer's background thread.
 */
abstract class AbstractSticky implements Assignor {
    /** The generation of a member whose data does not name one (kafka-clients' DEFAULT_GENERATION). */
    static final int DEFAULT_GENERATION = -1;

    /** The member's previous assignment and its generation, from its subscription. */
    abstract StickyPlanner.MemberData memberData(GroupMember member);

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, List<GroupMember> members) {
        Map<String, StickyPlanner.MemberData> data = new HashMap<>();
        for (GroupMember m : members) {
            data.put(m.memberId(), memberData(m));
        }
        Map<TopicPartition, String> previousOwners = new HashMap<>();
        Map<String, List<TopicPartition>> plan = StickyPlanner.plan(partitionsPerTopic, members, data,
                previousOwners);
        return Assignments.of(adjust(plan, previousOwners));
    }

    /** Changes the plan before it is handed out; the eager assignor hands it out as it is. */
    Map<String, List<TopicPartition>> adjust(Map<String, List<TopicPartition>> plan,
            Map<TopicPartition, String> previousOwners) {
        return plan;
    }
}
