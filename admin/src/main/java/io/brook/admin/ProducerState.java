package io.brook.admin;

/**
 * An active producer of a partition, as the partition's leader describes it.
 *
 * @param producerId the producer id
 * @param producerEpoch the producer epoch
 * @param lastSequence the sequence number of its last batch on the partition, or {@code -1}
 * @param lastTimestamp the timestamp of its last batch on the partition, or {@code -1}
 * @param coordinatorEpoch the epoch of the transaction coordinator that wrote its last marker, or {@code -1}
 * @param currentTransactionStartOffset the first offset of its open transaction on the partition, or {@code -1}
 *     if it has none
 */
public record ProducerState(long producerId, int producerEpoch, int lastSequence, long lastTimestamp,
        int coordinatorEpoch, long currentTransactionStartOffset) {
}
