package io.brook.consumer;

import io.brook.common.event.ClientEvent;

/**
 * A Fetch request was answered.
 *
 * @param nodeId the broker that answered
 * @param partitions how many partitions the fetch was for
 * @param partitionsWithData how many of them returned records
 * @param bytes the record bytes returned
 * @param latencyMs how long the answer took (the broker may hold a fetch up to fetch.max.wait.ms)
 */
public record FetchEvent(String clientId, long timestampMs, int nodeId, int partitions, int partitionsWithData,
        long bytes, long latencyMs) implements ClientEvent {}
