package io.brook.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Admin#listTransactions(ListTransactionsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param states only transactions in these states ({@code "Ongoing"}, {@code "CompleteCommit"}, ...); empty for all
 * @param producerIds only transactions of these producer ids; empty for all
 */
public record ListTransactionsOptions(Duration timeout, Set<String> states, Set<Long> producerIds) {
    public ListTransactionsOptions {
        AdminOptionChecks.checkTimeout(timeout);
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
        producerIds = Set.copyOf(Objects.requireNonNull(producerIds, "producerIds"));
    }

    /** The client's default timeout, states empty, producerIds empty. */
    public static ListTransactionsOptions defaults() {
        return new ListTransactionsOptions(null, Set.of(), Set.of());
    }

    public ListTransactionsOptions withTimeout(Duration timeout) {
        return new ListTransactionsOptions(timeout, states, producerIds);
    }

    public ListTransactionsOptions withStates(Set<String> states) {
        return new ListTransactionsOptions(timeout, states, producerIds);
    }

    public ListTransactionsOptions withProducerIds(Set<Long> producerIds) {
        return new ListTransactionsOptions(timeout, states, producerIds);
    }
}
