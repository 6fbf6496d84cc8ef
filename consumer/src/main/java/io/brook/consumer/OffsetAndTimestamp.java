package io.brook.consumer;

/**
 * The answer of {@link Consumer#offsetsForTimes} for one partition: the first offset whose timestamp is at or
 * after the asked time, and that record's timestamp. Immutable.
 *
 * @param offset the offset; {@code >= 0}
 * @param timestamp the record's timestamp in ms
 * @param leaderEpoch the leader epoch of the record, or -1 if the broker did not say
 */
public record OffsetAndTimestamp(long offset, long timestamp, int leaderEpoch) {
    public OffsetAndTimestamp {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
    }
}
