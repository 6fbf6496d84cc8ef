package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * {@link Producer#beginTransaction()} started a transaction.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param producerId the producer id the transaction writes under
 * @param epoch the producer epoch the transaction writes under
 */
public record TransactionBeganEvent(String clientId, long timestampMs, String transactionalId, long producerId,
        short epoch) implements ClientEvent {}
