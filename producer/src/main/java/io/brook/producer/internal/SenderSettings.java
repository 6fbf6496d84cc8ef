package io.brook.producer.internal;

import io.brook.core.internal.util.ExponentialBackoff;

/**
 * The configuration the sender thread works with, resolved once from the producer's options. Immutable.
 *
 * @param acks 0, 1 or -1 (all)
 * @param idempotent whether batches carry a producer id and sequences
 * @param transactionalId the transactional.id, or null for a producer without transactions
 * @param maxInFlight Produce requests per broker without a response, at most
 */
record SenderSettings(String clientId, short acks, boolean idempotent, String transactionalId,
        int transactionTimeoutMs, int requestTimeoutMs, long deliveryTimeoutMs, long lingerMs, int retries,
        int maxInFlight, int maxRequestSize, int batchSize, ExponentialBackoff retryBackoff, boolean adaptive,
        long availabilityTimeoutMs, long maxBlockMs, long metadataMaxIdleMs, String bootstrapServers) {}
