package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.consumer.internal.assignor.Assignor;
import io.brook.core.internal.group.ConsumerProtocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a member sends and does when it (re)joins its group, as pure functions of its state: the step the polling
 * thread must run first (give up partitions), and the JoinGroup protocols, one per assignor, each carrying the
 * member's ConsumerProtocol subscription (topics, user data, owned partitions, generation, rack).
 */
final class JoinPlan {
    private JoinPlan() {}

    /**
     * What the polling thread must do before the member joins, or null: a member without a generation lost what
     * it owned; an eager member revokes everything; a cooperative one only the partitions of topics it no longer
     * subscribes to.
     */
    static RebalanceStep preJoinStep(Set<TopicPartition> owned, int generation, boolean cooperative,
            Set<String> subscribedTopics) {
        if (owned.isEmpty()) {
            return null;
        }
        if (generation < 0) {
            return RebalanceStep.of(RebalanceStep.Kind.LOST, owned, generation);
        }
        if (!cooperative) {
            return RebalanceStep.of(RebalanceStep.Kind.REVOKE, owned, generation);
        }
        Set<TopicPartition> unsubscribed = new LinkedHashSet<>();
        for (TopicPartition tp : owned) {
            if (!subscribedTopics.contains(tp.topic())) {
                unsubscribed.add(tp);
            }
        }
        return unsubscribed.isEmpty() ? null : RebalanceStep.of(RebalanceStep.Kind.REVOKE, unsubscribed, generation);
    }

    /** The JoinGroup protocols, in the order of the member's assignors (its preference). */
    static List<GroupRequests.Protocol> protocols(List<Assignor> assignors, Set<String> subscribedTopics,
            Set<TopicPartition> owned, int generation, String rack) {
        List<String> topics = new ArrayList<>(subscribedTopics);
        List<TopicPartition> ownedList = List.copyOf(owned);
        Optional<String> rackId = rack.isEmpty() ? Optional.empty() : Optional.of(rack);
        List<GroupRequests.Protocol> out = new ArrayList<>(assignors.size());
        for (Assignor a : assignors) {
            ConsumerProtocol.Subscription s = new ConsumerProtocol.Subscription(topics,
                    a.subscriptionUserData(subscribedTopics), ownedList, generation, rackId);
            out.add(new GroupRequests.Protocol(a.name(), s.toBytes(ConsumerProtocol.SUBSCRIPTION_VERSION)));
        }
        return out;
    }
}
