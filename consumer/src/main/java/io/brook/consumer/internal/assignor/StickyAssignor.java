package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code sticky}: the sticky assignment with eager rebalancing. Members revoke everything before joining, so each
 * carries its previous assignment and generation in its user data ({@link StickyUserData}), as kafka-clients'
 * StickyAssignor does. Keeps this member's last assignment for its next subscription; background thread only.
 */
public final class StickyAssignor extends AbstractSticky {
    private List<TopicPartition> lastAssignment;
    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return "sticky";
    }

    @Override
    public boolean supportsCooperative() {
        return false;
    }

    @Override
    public byte[] subscriptionUserData(Set<String> topics) {
        return lastAssignment == null ? null : StickyUserData.encode(lastAssignment, generation);
    }

    @Override
    public void onAssignment(List<TopicPartition> partitions, int generation) {
        this.lastAssignment = List.copyOf(partitions);
        this.generation = generation;
    }

    @Override
    StickyPlanner.MemberData memberData(GroupMember member) {
        StickyUserData.Decoded decoded = StickyUserData.decode(member.subscription().userData());
        OptionalInt g = decoded.generation();
        return new StickyPlanner.MemberData(decoded.partitions(), g.isPresent() ? g.getAsInt() : DEFAULT_GENERATION);
    }
}
