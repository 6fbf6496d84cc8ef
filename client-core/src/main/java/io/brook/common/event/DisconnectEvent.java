package io.brook.common.event;

/**
 * A connection to a broker closed, or an attempt to open one failed.
 *
 * @param broker the broker
 * @param reason why, in words (the error's message, or "closed")
 */
public record DisconnectEvent(String clientId, long timestampMs, BrokerAddress broker, String reason)
        implements ClientEvent {}
