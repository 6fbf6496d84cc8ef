package io.brook.admin;

import java.util.Objects;

/**
 * A transactional id as its coordinator lists it.
 *
 * @param transactionalId the transactional id
 * @param producerId the producer id it currently has
 * @param state the coordinator's name of its state ({@code "Empty"}, {@code "Ongoing"}, {@code "PrepareCommit"},
 *     {@code "PrepareAbort"}, {@code "CompleteCommit"}, {@code "CompleteAbort"}, {@code "PrepareEpochFence"},
 *     {@code "Dead"})
 */
public record TransactionListing(String transactionalId, long producerId, String state) {
    public TransactionListing {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(state, "state");
    }
}
