package io.brook.consumer.internal.assignor;

import io.brook.core.internal.group.ConsumerProtocol.Subscription;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One member as the leader sees it in the JoinGroup response. Immutable.
 *
 * @param memberId the id the coordinator gave it
 * @param groupInstanceId its static id, if it has one
 * @param subscription what it subscribed to, decoded from its metadata for the chosen assignor
 */
public record GroupMember(String memberId, Optional<String> groupInstanceId, Subscription subscription) {
    /**
     * kafka-clients' member order, which decides who gets what in the range and round-robin assignors: static
     * members first, by instance id; then the others by member id.
     */
    public static final Comparator<GroupMember> ORDER = (a, b) -> {
        if (a.groupInstanceId.isPresent() && b.groupInstanceId.isPresent()) {
            return a.groupInstanceId.get().compareTo(b.groupInstanceId.get());
        }
        if (a.groupInstanceId.isPresent()) {
            return -1;
        }
        if (b.groupInstanceId.isPresent()) {
            return 1;
        }
        return a.memberId.compareTo(b.memberId);
    };

    public GroupMember {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupInstanceId, "groupInstanceId");
        Objects.requireNonNull(subscription, "subscription");
    }
}
