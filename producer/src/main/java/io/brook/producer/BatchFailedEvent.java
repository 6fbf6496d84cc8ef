package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * A batch of records failed for good: its records' futures fail with {@code error}.
 *
 * @param topic the topic
 * @param partition the partition
 * @param recordCount the records in the batch
 * @param attempts how many times it was sent (0 if never)
 * @param error the error's class and message
 */
public record BatchFailedEvent(String clientId, long timestampMs, String topic, int partition, int recordCount,
        int attempts, String error) implements ClientEvent {}
