package io.brook.common.event;

/**
 * A request was sent to a broker.
 *
 * @param broker where it was sent
 * @param api the Kafka API name ({@code Produce}, {@code Metadata}, ...)
 */
public record RequestEvent(String clientId, long timestampMs, BrokerAddress broker, String api)
        implements ClientEvent {}
