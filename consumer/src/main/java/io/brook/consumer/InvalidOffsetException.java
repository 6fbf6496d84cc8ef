package io.brook.consumer;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Some partitions have no valid position and {@code auto.offset.reset} does not allow choosing one. The consumer
 * stays usable: {@link Consumer#seek} (or {@link Consumer#seekToBeginning}/{@link Consumer#seekToEnd}) the named
 * partitions, or stop consuming them, and poll again.
 */
public abstract class InvalidOffsetException extends BrookException {
    private final Set<TopicPartition> partitions;

    protected InvalidOffsetException(String message, Set<TopicPartition> partitions) {
        super(message);
        this.partitions = Set.copyOf(partitions);
    }

    /** The partitions without a valid position. */
    public Set<TopicPartition> partitions() {
        return partitions;
    }

    static String names(Set<TopicPartition> partitions) {
        return new TreeSet<>(partitions).toString();
    }
}
