package io.brook.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A consumer group as its coordinator describes it.
 *
 * @param groupId the group id
 * @param state the group's state ({@code "Stable"}, {@code "Empty"}, {@code "PreparingRebalance"},
 *     {@code "CompletingRebalance"}, {@code "Assigning"}, {@code "Reconciling"}, {@code "Dead"}, ...)
 * @param members the members, sorted by member id
 * @param partitionAssignor the assignor the group uses ({@code "range"}, {@code "cooperative-sticky"},
 *     {@code "uniform"}, ...), or empty when none is chosen (an empty classic group)
 * @param type {@code "classic"} or {@code "consumer"} (the KIP-848 protocol)
 * @param simple whether the group only stores offsets (its protocol type is empty)
 * @param coordinatorId the node id of the group's coordinator, or {@code -1} when unknown
 */
public record ConsumerGroupDescription(String groupId, String state, List<MemberDescription> members,
        String partitionAssignor, String type, boolean simple, int coordinatorId) {
    public ConsumerGroupDescription {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(state, "state");
        members = Objects.requireNonNull(members, "members").stream()
                .map(m -> Objects.requireNonNull(m, "member"))
                .sorted(Comparator.comparing(MemberDescription::memberId))
                .toList();
        partitionAssignor = partitionAssignor == null ? "" : partitionAssignor;
        type = type == null ? "" : type;
    }

    /** A classic, non-simple group with only a state and members. */
    public ConsumerGroupDescription(String groupId, String state, List<MemberDescription> members) {
        this(groupId, state, members, "", "classic", false, -1);
    }
}
