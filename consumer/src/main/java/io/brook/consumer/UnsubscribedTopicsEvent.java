package io.brook.consumer;

import io.brook.common.TopicPartition;
import io.brook.common.event.ClientEvent;
import java.util.Set;

/**
 * The group assigned this consumer partitions of topics it does not subscribe to (a leader with another view of
 * the subscriptions, or a subscription that changed during the rebalance); their records are consumed as
 * assigned, and the consumer asks for a new rebalance when its subscription changed.
 *
 * @param topics the topics not subscribed to
 * @param partitions their partitions in the assignment
 */
public record UnsubscribedTopicsEvent(String clientId, long timestampMs, Set<String> topics,
        Set<TopicPartition> partitions) implements ClientEvent {}
