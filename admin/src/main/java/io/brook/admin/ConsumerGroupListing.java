package io.brook.admin;

import java.util.Objects;

/**
 * A consumer group as {@link Admin#listConsumerGroups()} lists it.
 *
 * @param groupId the group id
 * @param state the group's state as its coordinator names it ({@code "Stable"}, {@code "Empty"},
 *     {@code "PreparingRebalance"}, {@code "CompletingRebalance"}, {@code "Assigning"}, {@code "Reconciling"},
 *     {@code "Dead"}); empty if the broker is too old to say (ListGroups before v4)
 * @param type {@code "classic"} or {@code "consumer"} (the KIP-848 protocol); empty if the broker is too old to
 *     say (ListGroups before v5)
 * @param protocolType {@code "consumer"}, or empty for a group that only stores offsets (a "simple" group)
 */
public record ConsumerGroupListing(String groupId, String state, String type, String protocolType) {
    public ConsumerGroupListing {
        Objects.requireNonNull(groupId, "groupId");
        state = state == null ? "" : state;
        type = type == null ? "" : type;
        protocolType = protocolType == null ? "" : protocolType;
    }

    /** A listing with only an id and a state. */
    public ConsumerGroupListing(String groupId, String state) {
        this(groupId, state, "", "");
    }

    /** Whether the group only stores offsets: no member ever joined it through the consumer protocol. */
    public boolean isSimple() {
        return protocolType.isEmpty() && !"consumer".equals(type);
    }
}
