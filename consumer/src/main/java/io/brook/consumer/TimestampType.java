package io.brook.consumer;

/** What a record's timestamp means. */
public enum TimestampType {
    /** The time the producer gave the record (or the producer's clock when it gave none). */
    CREATE_TIME,
    /** The time the leader broker appended the record ({@code message.timestamp.type=LogAppendTime} topics). */
    LOG_APPEND_TIME
}
