package io.brook.consumer;

import io.brook.common.TopicPartition;
import io.brook.common.event.ClientEvent;
import java.util.Set;

/**
 * A rebalance ended: the consumer received its assignment for {@code generationId}.
 *
 * @param groupId the group
 * @param generationId the new generation
 * @param assigned every partition the consumer owns now
 * @param added the partitions it gained
 * @param revoked the partitions it gives up in this step (cooperative rebalancing)
 * @param durationMs how long the rebalance took, from its start to the assignment
 */
public record RebalanceEndEvent(String clientId, long timestampMs, String groupId, int generationId,
        Set<TopicPartition> assigned, Set<TopicPartition> added, Set<TopicPartition> revoked, long durationMs)
        implements ClientEvent {}
