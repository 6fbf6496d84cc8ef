package io.brook.producer;

/**
 * Where a record was written, as its {@code send} future reports it. Immutable.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in the partition, or -1 when unknown: with {@code acks=0}, and for a retried
 *     batch the broker recognised as written long ago (DUPLICATE_SEQUENCE_NUMBER, no offset returned)
 * @param timestamp the record's timestamp: its own or the time of send (CreateTime), or the broker's append time
 *     when the topic uses LogAppendTime
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
    /** The offset of a record whose offset the broker did not report. */
    public static final long UNKNOWN_OFFSET = -1L;

    /** Whether the offset is known. */
    public boolean hasOffset() {
        return offset >= 0;
    }
}
