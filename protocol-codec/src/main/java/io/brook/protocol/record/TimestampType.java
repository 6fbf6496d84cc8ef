package io.brook.protocol.record;

/** What a batch's timestamps mean: bit 3 of its attributes. */
public enum TimestampType {
    /** Timestamps are the producer's (each record's own). */
    CREATE_TIME,
    /** The broker stamped the batch when appending it; every record's timestamp is the batch's max timestamp. */
    LOG_APPEND_TIME
}
