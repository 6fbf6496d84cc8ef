package io.brook.common.event;

/**
 * The number of requests a client has outstanding to one broker (sent or queued, not yet answered) changed.
 *
 * @param broker the broker
 * @param queueSize the requests outstanding to it now
 */
public record RequestQueueSizeEvent(String clientId, long timestampMs, BrokerAddress broker, int queueSize)
        implements ClientEvent {}
