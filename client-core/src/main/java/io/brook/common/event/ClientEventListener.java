package io.brook.common.event;

/**
 * Receives a client's {@link ClientEvent}s, as KafkaJS's instrumentation events do. Pass one to a client's builder
 * (for example {@code Producer.builder(config).eventListener(listener)}).
 *
 * <p>Delivery: events are handed over through a bounded queue and delivered, one at a time and in the order they
 * were emitted, on a thread of their own named {@code brook-<clientId>-events}, never on a thread that does the
 * client's work. A listener can therefore never slow the client down: when it falls behind and the queue is full,
 * new events are dropped (and counted) rather than waited for. A listener that throws is logged once and kept; it
 * receives the next events as usual.
 */
@FunctionalInterface
public interface ClientEventListener {
    /**
     * Called for every event. May take its time (it only delays the events behind it), but should not block for
     * long: events that find the queue full are dropped.
     */
    void onEvent(ClientEvent event);
}
