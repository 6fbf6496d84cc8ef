package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * A transaction committed: its records and offsets are visible to read_committed consumers.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param partitions the partitions the transaction wrote to
 * @param offsetsSent whether consumer offsets were committed with it
 */
public record TransactionCommittedEvent(String clientId, long timestampMs, String transactionalId, int partitions,
        boolean offsetsSent) implements ClientEvent {}
