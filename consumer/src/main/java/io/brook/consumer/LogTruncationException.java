package io.brook.consumer;

import io.brook.common.TopicPartition;
import java.util.Map;
import java.util.TreeMap;

/**
 * After a leader change the new leader's log ends before this consumer's position (records it had read were lost
 * in an unclean election) and {@code auto.offset.reset=none}. With any other reset strategy the consumer moves to
 * the divergence offset by itself and logs a warning.
 */
public final class LogTruncationException extends InvalidOffsetException {
    private final Map<TopicPartition, Long> divergentOffsets;

    public LogTruncationException(Map<TopicPartition, Long> divergentOffsets) {
        super("Log truncation detected: the consumed positions are past the leader's log end, which is now at "
                + new TreeMap<>(divergentOffsets), divergentOffsets.keySet());
        this.divergentOffsets = Map.copyOf(divergentOffsets);
    }

    /** Each partition's first offset that is no longer the one the consumer read. */
    public Map<TopicPartition, Long> divergentOffsets() {
        return divergentOffsets;
    }
}
