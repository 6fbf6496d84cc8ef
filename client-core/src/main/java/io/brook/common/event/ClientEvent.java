package io.brook.common.event;

/**
 * Something that happened inside a Brook client, delivered to a {@link ClientEventListener}. Each module's events
 * are records implementing this interface: the network events ({@link ConnectEvent}, {@link DisconnectEvent},
 * {@link RequestEvent}, {@link RequestTimeoutEvent}, {@link RequestQueueSizeEvent}, {@link RetryEvent}) live here;
 * the producer's ({@code io.brook.producer.BatchSentEvent}, {@code BatchFailedEvent}) in the producer module.
 * Listeners tell them apart with {@code instanceof} or a {@code switch} over the record types.
 *
 * <p>Events are immutable values.
 */
public interface ClientEvent {
    /** The id of the client that emitted the event ({@code client.id}, or the generated one). */
    String clientId();

    /** When the event happened, in wall-clock milliseconds since the epoch. */
    long timestampMs();
}
