package io.brook.consumer;

import io.brook.common.TopicPartition;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker answered OFFSET_OUT_OF_RANGE for some fetch positions (the records were deleted by retention, or the
 * position is past the end) and {@code auto.offset.reset=none}.
 */
public final class OffsetOutOfRangeNoResetException extends InvalidOffsetException {
    private final Map<TopicPartition, Long> positions;

    public OffsetOutOfRangeNoResetException(Map<TopicPartition, Long> positions) {
        super("Positions out of range and auto.offset.reset=none: " + new TreeMap<>(positions), positions.keySet());
        this.positions = Map.copyOf(positions);
    }

    /** Each partition's position that was out of range. */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }
}
