package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * The transactional producer was fenced: another instance with the same {@code transactional.id} (or a newer epoch)
 * took over. The producer can no longer write; every later call fails with the error.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param error the error's class and message
 */
public record ProducerFencedEvent(String clientId, long timestampMs, String transactionalId, String error)
        implements ClientEvent {}
