package io.brook.consumer;

import io.brook.common.errors.BrookException;

/**
 * Thrown by the first {@link Consumer#poll} after the application went longer than {@code max.poll.interval.ms}
 * without polling: the consumer left the group so that its partitions could move to live members, and told its
 * rebalance listener they were lost. The next poll rejoins the group.
 */
public final class PollIntervalExceededException extends BrookException {
    public PollIntervalExceededException(String message) {
        super(message);
    }
}
