package io.brook.common.event;

/**
 * A connection to a broker was established and is ready for requests (after the ApiVersions handshake).
 *
 * @param broker the broker connected to
 */
public record ConnectEvent(String clientId, long timestampMs, BrokerAddress broker) implements ClientEvent {}
