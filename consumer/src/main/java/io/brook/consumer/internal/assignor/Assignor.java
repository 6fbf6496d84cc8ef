package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partition assignor of the classic consumer group protocol, run by the group leader over every member's
 * subscription. Each implementation matches the kafka-clients assignor of the same name (protocol name, user
 * data format and rules), so that Brook and kafka-clients members can share a group whichever one leads.
 *
 * <p>Implementations keep at most what a member learned of its own last assignment (for the user data of its
 * next subscription); they are confined to the consumer's background thread.
 */
public interface Assignor {
    /** The protocol name in JoinGroup: {@code range}, {@code roundrobin}, {@code sticky}, {@code cooperative-sticky}. */
    String name();

    /** Whether members may keep their partitions during a rebalance (incremental cooperative rebalancing). */
    boolean supportsCooperative();

    /**
     * The user data this member sends in its subscription for this assignor, or null.
     *
     * @param topics the member's subscribed topics
     */
    default byte[] subscriptionUserData(Set<String> topics) {
        return null;
    }

    /**
     * Computes every member's assignment (leader only).
     *
     * @param partitionsPerTopic the number of partitions of each subscribed topic that exists
     * @param members every member with its subscription, in the order the coordinator listed them
     * @return an assignment for every member (empty ones included)
     */
    Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, List<GroupMember> members);

    /** This member received {@code partitions} in {@code generation}. */
    default void onAssignment(List<TopicPartition> partitions, int generation) {
    }
}
