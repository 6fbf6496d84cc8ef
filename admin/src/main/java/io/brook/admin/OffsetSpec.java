package io.brook.admin;

/**
 * Which offset of a partition {@link Admin#listOffsets} looks up.
 *
 * <p>Immutable values; compare with {@code equals}.
 */
public sealed interface OffsetSpec {

    /** The log start offset: the first offset still in the log. */
    record Earliest() implements OffsetSpec {}

    /** The log end offset (the high watermark; the last stable offset for {@code read_committed} look-ups). */
    record Latest() implements OffsetSpec {}

    /**
     * The first offset whose record's timestamp is at or after {@code timestamp}; {@code -1} if there is none.
     *
     * @param timestamp milliseconds since the epoch; {@code >= 0}
     */
    record ForTimestamp(long timestamp) implements OffsetSpec {
        public ForTimestamp {
            if (timestamp < 0) {
                throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
            }
        }
    }

    /** The offset of the record with the largest timestamp (ListOffsets v7+); {@code -1} for an empty log. */
    record MaxTimestamp() implements OffsetSpec {}

    static OffsetSpec earliest() {
        return new Earliest();
    }

    static OffsetSpec latest() {
        return new Latest();
    }

    static OffsetSpec forTimestamp(long timestamp) {
        return new ForTimestamp(timestamp);
    }

    static OffsetSpec maxTimestamp() {
        return new MaxTimestamp();
    }
}
