package io.brook.admin;

import io.brook.common.TopicPartition;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One member of a consumer group.
 *
 * @param memberId the id the coordinator gave the member
 * @param clientId the member's {@code client.id}
 * @param host the address the member connects from, as the coordinator reports it (e.g. {@code /127.0.0.1})
 * @param assignment the partitions assigned to the member, sorted; empty while the group rebalances
 * @param groupInstanceId the member's {@code group.instance.id} (static membership), or {@code null}
 */
public record MemberDescription(String memberId, String clientId, String host, Set<TopicPartition> assignment,
        String groupInstanceId) {
    public MemberDescription {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        assignment = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(assignment, "assignment")));
    }

    /** A member without a group instance id. */
    public MemberDescription(String memberId, String clientId, String host, Set<TopicPartition> assignment) {
        this(memberId, clientId, host, assignment, null);
    }
}
