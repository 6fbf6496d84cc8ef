package io.brook.common.event;

/**
 * A request got no response within its timeout (the connection is then closed and the request failed with a
 * retriable {@code TimeoutException}).
 *
 * @param broker where it was sent
 * @param api the Kafka API name
 * @param timeoutMs the timeout that passed
 */
public record RequestTimeoutEvent(String clientId, long timestampMs, BrokerAddress broker, String api,
        long timeoutMs) implements ClientEvent {}
