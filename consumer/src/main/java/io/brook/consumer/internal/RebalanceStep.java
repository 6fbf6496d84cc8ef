package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One step of a rebalance that must run on the polling thread (the rebalance listener is user code that may use
 * the consumer) before the group state machine goes on: revoke partitions (after committing them, with
 * auto-commit), take new ones, or give up lost ones. The polling thread runs it and hands it back to
 * {@link GroupMembership#stepDone}. Immutable.
 *
 * @param kind what to do
 * @param partitions the partitions concerned; may be empty (onPartitionsAssigned is called even then)
 * @param generation the generation the step belongs to
 * @param pollTimeout for {@link Kind#LOST}: the member left because max.poll.interval.ms passed; the poll that runs
 *     the step throws {@link io.brook.consumer.PollIntervalExceededException}
 * @param id distinguishes steps in logs and tests
 */
record RebalanceStep(Kind kind, Set<TopicPartition> partitions, int generation, boolean pollTimeout, long id) {
    private static final AtomicLong IDS = new AtomicLong();

    /** What a step does. */
    enum Kind { REVOKE, ASSIGN, LOST }

    RebalanceStep {
        Objects.requireNonNull(kind, "kind");
        partitions = Set.copyOf(partitions);
    }

    static RebalanceStep of(Kind kind, Set<TopicPartition> partitions, int generation) {
        return new RebalanceStep(kind, partitions, generation, false, IDS.incrementAndGet());
    }

    static RebalanceStep pollTimeout(Set<TopicPartition> lost, int generation) {
        return new RebalanceStep(Kind.LOST, lost, generation, true, IDS.incrementAndGet());
    }
}
