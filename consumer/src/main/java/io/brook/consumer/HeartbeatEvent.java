package io.brook.consumer;

import io.brook.common.event.ClientEvent;

/**
 * A heartbeat to the group coordinator was answered.
 *
 * @param groupId the group
 * @param error the Kafka error name of the answer ({@code NONE}, {@code REBALANCE_IN_PROGRESS}, ...)
 * @param latencyMs how long the answer took
 */
public record HeartbeatEvent(String clientId, long timestampMs, String groupId, String error, long latencyMs)
        implements ClientEvent {}
