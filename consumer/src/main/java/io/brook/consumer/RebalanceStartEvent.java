package io.brook.consumer;

import io.brook.common.TopicPartition;
import io.brook.common.event.ClientEvent;
import java.util.Set;

/**
 * The consumer started rebalancing: it is about to (re)join its group.
 *
 * @param groupId the group
 * @param reason why, in words
 * @param owned the partitions it owned when the rebalance started
 */
public record RebalanceStartEvent(String clientId, long timestampMs, String groupId, String reason,
        Set<TopicPartition> owned) implements ClientEvent {}
