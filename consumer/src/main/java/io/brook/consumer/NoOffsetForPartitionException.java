package io.brook.consumer;

import io.brook.common.TopicPartition;
import java.util.Set;

/** The group has no committed offset for some partitions and {@code auto.offset.reset=none}. */
public final class NoOffsetForPartitionException extends InvalidOffsetException {
    public NoOffsetForPartitionException(Set<TopicPartition> partitions) {
        super("No committed offset and auto.offset.reset=none for partitions " + names(partitions), partitions);
    }
}
