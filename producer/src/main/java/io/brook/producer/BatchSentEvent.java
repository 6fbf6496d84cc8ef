package io.brook.producer;

import io.brook.common.event.ClientEvent;

/**
 * A batch of records was written: acknowledged by the partition's leader as {@code acks} asks (with
 * {@code acks=0}: written to the connection). Its records' futures complete right after.
 *
 * @param topic the topic
 * @param partition the partition
 * @param recordCount the records in the batch
 * @param sizeBytes the batch's size on the wire (compressed, if compressed)
 * @param baseOffset the offset of its first record, or -1 when the broker did not report one
 * @param attempts how many times it was sent (1 unless retried)
 * @param latencyMs from the creation of the batch (its first record's send) to now
 */
public record BatchSentEvent(String clientId, long timestampMs, String topic, int partition, int recordCount,
        int sizeBytes, long baseOffset, int attempts, long latencyMs) implements ClientEvent {}
