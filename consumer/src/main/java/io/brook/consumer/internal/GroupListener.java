package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import java.util.Set;

/**
 * What {@link GroupMembership} reports as it goes, for metrics, events and logs. Called on the background thread;
 * implementations must not block. Every method does nothing by default.
 */
interface GroupListener {
    /** The member joined generation {@code generation} as {@code memberId}. */
    default void joined(int generation, String memberId, boolean leader, String protocol) {
    }

    /** A heartbeat was answered. */
    default void heartbeat(Errors error, long latencyMs) {
    }

    /** A rebalance started; the member owns {@code owned}. */
    default void rebalanceStarted(String reason, Set<TopicPartition> owned) {
    }

    /** A rebalance ended with {@code assigned} (all the member owns now) after {@code durationMs}. */
    default void rebalanceEnded(int generation, Set<TopicPartition> assigned, Set<TopicPartition> added,
            Set<TopicPartition> revoked, long durationMs) {
    }
}
