package io.brook.admin;

import io.brook.common.TopicPartition;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A transactional id's state, as its coordinator describes it.
 *
 * @param transactionalId the transactional id
 * @param coordinatorId the node id of its transaction coordinator
 * @param state the coordinator's name of the state (see {@link TransactionListing#state()})
 * @param producerId the current producer id
 * @param producerEpoch the current producer epoch
 * @param transactionTimeoutMs the transaction timeout the producer asked for
 * @param transactionStartTimeMs when the current transaction started, or {@code -1} if none is open
 * @param topicPartitions the partitions in the current transaction, sorted (while committing or aborting, those
 *     still waiting for their marker)
 */
public record TransactionDescription(String transactionalId, int coordinatorId, String state, long producerId,
        int producerEpoch, long transactionTimeoutMs, long transactionStartTimeMs,
        Set<TopicPartition> topicPartitions) {
    public TransactionDescription {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(state, "state");
        topicPartitions = Collections.unmodifiableSet(
                new TreeSet<>(Objects.requireNonNull(topicPartitions, "topicPartitions")));
    }
}
