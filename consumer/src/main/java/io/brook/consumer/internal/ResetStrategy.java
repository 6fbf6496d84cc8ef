package io.brook.consumer.internal;

import io.brook.common.config.ConsumerConfigs;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a partition without a valid position starts: {@code auto.offset.reset}, or an explicit
 * {@code seekToBeginning}/{@code seekToEnd}. Immutable.
 *
 * @param kind earliest, latest, a point in time before now, or none (an error for the application)
 * @param age for {@link Kind#BY_DURATION}: how far back from now; else zero
 */
record ResetStrategy(Kind kind, Duration age) {
    /** The kinds of reset. */
    enum Kind { EARLIEST, LATEST, BY_DURATION, NONE }

    /** ListOffsets' special timestamp for the log start offset. */
    static final long EARLIEST_TIMESTAMP = -2L;
    /** ListOffsets' special timestamp for the log end offset (the high watermark, or LSO for read_committed). */
    static final long LATEST_TIMESTAMP = -1L;

    static final ResetStrategy EARLIEST = new ResetStrategy(Kind.EARLIEST, Duration.ZERO);
    static final ResetStrategy LATEST = new ResetStrategy(Kind.LATEST, Duration.ZERO);
    static final ResetStrategy NONE = new ResetStrategy(Kind.NONE, Duration.ZERO);

    ResetStrategy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(age, "age");
    }

    /** The strategy an {@code auto.offset.reset} value (already validated) names. */
    static ResetStrategy parse(String autoOffsetReset) {
        String v = autoOffsetReset.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "earliest" -> EARLIEST;
            case "latest" -> LATEST;
            case "none" -> NONE;
            default -> new ResetStrategy(Kind.BY_DURATION, ConsumerConfigs.resetDuration(autoOffsetReset)
                    .orElseThrow(() -> new IllegalArgumentException("not an auto.offset.reset value: "
                            + autoOffsetReset)));
        };
    }

    /** The ListOffsets timestamp to ask for at wall-clock time {@code nowWallMs}; not for {@link Kind#NONE}. */
    long listOffsetsTimestamp(long nowWallMs) {
        return switch (kind) {
            case EARLIEST -> EARLIEST_TIMESTAMP;
            case LATEST -> LATEST_TIMESTAMP;
            case BY_DURATION -> Math.max(0L, nowWallMs - age.toMillis());
            case NONE -> throw new IllegalStateException("auto.offset.reset=none has no offset to look up");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.BY_DURATION ? "by_duration:" + age : kind.name().toLowerCase(Locale.ROOT);
    }
}
