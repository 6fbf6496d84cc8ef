package io.brook.consumer;

import io.brook.common.TopicPartition;
import java.util.Collection;

/**
 * Told when the group moves partitions to or from this consumer. Every method runs on the thread that calls
 * {@link Consumer#poll} (or {@link Consumer#close} and {@link Consumer#unsubscribe}), inside that call, so it may
 * use the consumer (commit, seek, position). An exception it throws is rethrown by that call, after the
 * rebalance step it was part of completed.
 *
 * <p>Order: {@link #onPartitionsRevoked} runs before a partition moves to another member, while this member
 * still owns it, so that it can commit what it processed; with {@code enable.auto.commit} the consumer has
 * committed the positions just before. With eager rebalancing (range, roundrobin, sticky) every owned partition
 * is revoked before each rebalance; with cooperative-sticky only those that move. {@link #onPartitionsLost} runs
 * instead when the member learns it was already removed from the group (session expired, fenced, poll interval
 * exceeded): the partitions may already be owned by another member, so committing is pointless.
 */
public interface RebalanceListener {
    /** The consumer is about to stop owning {@code partitions}; may be empty. */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** The consumer now owns {@code partitions} (in addition to those it kept); may be empty. */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /** The consumer lost {@code partitions} without a chance to revoke them; by default the same as revoked. */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    /** A listener that does nothing. */
    RebalanceListener NONE = new RebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    };
}
