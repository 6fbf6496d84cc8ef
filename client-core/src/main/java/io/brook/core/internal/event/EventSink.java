package io.brook.core.internal.event;

import io.brook.common.event.ClientEvent;

/**
 * Where a client's components emit {@link ClientEvent}s (the network layer, the producer's sender, ...). Emitting
 * never blocks and never throws. Callers on hot paths check {@link #enabled()} first, so that a client without a
 * listener allocates no events at all.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventSink {
    /** A sink that drops everything: the sink of a client without a listener. */
    EventSink NONE = new EventSink() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void emit(ClientEvent event) {
        }
    };

    /** Whether anyone listens; when false, {@link #emit} does nothing and callers may skip building events. */
    boolean enabled();

    /** Hands {@code event} over for delivery; never blocks, never throws. */
    void emit(ClientEvent event);
}
