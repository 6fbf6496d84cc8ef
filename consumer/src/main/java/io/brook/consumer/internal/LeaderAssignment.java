package io.brook.consumer.internal;

import io.brook.consumer.internal.assignor.Assignor;
import io.brook.consumer.internal.assignor.GroupMember;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.protocol.message.JoinGroupResponse;
import io.brook.protocol.wire.MalformedMessageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's part of a rebalance: every member's subscription from the JoinGroup answer, the partition counts
 * of their topics, and the assignor's result encoded for SyncGroup. Used once per rebalance on the background
 * thread.
 */
final class LeaderAssignment {
    private static final Logger log = LoggerFactory.getLogger(LeaderAssignment.class);

    private final List<GroupMember> members = new ArrayList<>();
    private final Set<String> topics = new TreeSet<>();

    LeaderAssignment(String clientId, List<JoinGroupResponse.JoinGroupResponseMember> joined) {
        for (JoinGroupResponse.JoinGroupResponseMember m : joined) {
            ConsumerProtocol.Subscription subscription;
            try {
                subscription = ConsumerProtocol.Subscription.read(m.metadata());
            } catch (MalformedMessageException e) {
                // A member whose subscription cannot be read gets nothing rather than failing the whole group.
                log.warn("[{}] Group member {} sent a subscription that does not decode: {}", clientId, m.memberId(),
                        e.getMessage());
                subscription = new ConsumerProtocol.Subscription(List.of());
            }
            members.add(new GroupMember(m.memberId(), Optional.ofNullable(m.groupInstanceId()), subscription));
            topics.addAll(subscription.topics());
        }
    }

    /** Every topic some member subscribes to. */
    Set<String> topics() {
        return topics;
    }

    /**
     * The partition count of every topic, or null while some are unknown.
     *
     * @param giveUp count unknown topics as missing instead of waiting for them
     */
    Map<String, Integer> counts(GroupMembership.TopicCounts source, boolean giveUp) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String topic : topics) {
            int n = source.partitionCount(topic);
            if (n < 0 && !giveUp) {
                return null;
            }
            out.put(topic, Math.max(0, n));
        }
        return out;
    }

    /** Runs {@code assignor} and encodes each member's assignment. */
    Map<String, byte[]> assign(Assignor assignor, Map<String, Integer> counts) {
        Map<String, Integer> existing = new LinkedHashMap<>();
        counts.forEach((topic, n) -> {
            if (n > 0) {
                existing.put(topic, n);
            }
        });
        Map<String, ConsumerProtocol.Assignment> result = assignor.assign(existing, members);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (GroupMember m : members) {
            ConsumerProtocol.Assignment a = result.getOrDefault(m.memberId(),
                    new ConsumerProtocol.Assignment(List.of()));
            out.put(m.memberId(), a.toBytes(ConsumerProtocol.ASSIGNMENT_VERSION));
        }
        return out;
    }
}
