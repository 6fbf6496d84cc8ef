package io.brook.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Admin#listConsumerGroups(ListConsumerGroupsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param states only groups in these states ({@code "Stable"}, {@code "Empty"}, ...); empty for all. Brokers older
 *     than ListGroups v4 cannot filter: the call then fails with {@link
 *     io.brook.common.errors.UnsupportedVersionException}
 */
public record ListConsumerGroupsOptions(Duration timeout, Set<String> states) {
    public ListConsumerGroupsOptions {
        AdminOptionChecks.checkTimeout(timeout);
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
    }

    /** The client's default timeout, states empty. */
    public static ListConsumerGroupsOptions defaults() {
        return new ListConsumerGroupsOptions(null, Set.of());
    }

    public ListConsumerGroupsOptions withTimeout(Duration timeout) {
        return new ListConsumerGroupsOptions(timeout, states);
    }

    public ListConsumerGroupsOptions withStates(Set<String> states) {
        return new ListConsumerGroupsOptions(timeout, states);
    }
}
