package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cooperative-sticky}: the sticky assignment with incremental cooperative rebalancing. Members keep their
 * partitions while the group rebalances and report them as owned partitions of their subscription; a partition
 * that moves to another member is left out of this round's assignment, so that its owner first revokes it and the
 * follow-up rebalance hands it to its new owner. The user data is the member's generation (an int32), which
 * kafka-clients reads when the subscription itself does not carry one. Background thread only.
 */
public final class CooperativeStickyAssignor extends AbstractSticky {
    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return "cooperative-sticky";
    }

    @Override
    public boolean supportsCooperative() {
        return true;
    }

    @Override
    public byte[] subscriptionUserData(Set<String> topics) {
        return ByteBuffer.allocate(4).putInt(generation).array();
    }

    @Override
    public void onAssignment(List<TopicPartition> partitions, int generation) {
        this.generation = generation;
    }

    @Override
    StickyPlanner.MemberData memberData(GroupMember member) {
        ConsumerProtocol.Subscription s = member.subscription();
        int g = s.generationId();
        if (g == ConsumerProtocol.NO_GENERATION && s.userData() != null && s.userData().length >= 4) {
            g = ByteBuffer.wrap(s.userData()).getInt();
        }
        return new StickyPlanner.MemberData(s.ownedPartitions(), g);
    }

    @Override
    Map<String, List<TopicPartition>> adjust(Map<String, List<TopicPartition>> plan,
            Map<TopicPartition, String> previousOwners) {
        Map<String, List<TopicPartition>> out = new LinkedHashMap<>();
        plan.forEach((member, partitions) -> {
            List<TopicPartition> kept = new ArrayList<>(partitions.size());
            for (TopicPartition tp : partitions) {
                String owner = previousOwners.get(tp);
                // Moving from a current owner: withheld until that owner revoked it.
                if (owner == null || owner.equals(member)) {
                    kept.add(tp);
                }
            }
            out.put(member, kept);
        });
        return out;
    }
}
