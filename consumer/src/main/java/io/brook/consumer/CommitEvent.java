package io.brook.consumer;

import io.brook.common.TopicPartition;
import io.brook.common.event.ClientEvent;
import java.util.Map;

/**
 * An offset commit completed or failed.
 *
 * @param groupId the group
 * @param offsets the committed offsets, by partition
 * @param error the failure's class and message, or null on success
 * @param latencyMs how long the commit took, retries included
 */
public record CommitEvent(String clientId, long timestampMs, String groupId, Map<TopicPartition, Long> offsets,
        String error, long latencyMs) implements ClientEvent {}
