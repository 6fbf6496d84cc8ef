package io.brook.consumer;

import io.brook.common.errors.BrookException;

/**
 * An offset commit the group rejected because this member is no longer part of the generation it committed in:
 * the group rebalanced (it took longer than {@code max.poll.interval.ms} between polls, or its session expired)
 * and its partitions may belong to another member now. Not retriable: the records since the last commit may be
 * processed again by the new owner. The next poll rejoins the group.
 */
public final class CommitFailedException extends BrookException {
    public CommitFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
