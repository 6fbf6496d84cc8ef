package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * A transaction aborted: none of its records or offsets will ever be visible to read_committed consumers.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param partitions the partitions the transaction had written to
 * @param cause the error that made the transaction abortable, or null when the application aborted it
 */
public record TransactionAbortedEvent(String clientId, long timestampMs, String transactionalId, int partitions,
        String cause) implements ClientEvent {}
