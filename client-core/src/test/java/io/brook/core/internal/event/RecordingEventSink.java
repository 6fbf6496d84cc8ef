package io.brook.core.internal.event;

import io.brook.common.event.ClientEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EventSink} for tests (client-core's test jar): enabled, and keeps every event emitted, in order, on the
 * emitting thread. Thread-safe.
 */
public final class RecordingEventSink implements EventSink {
    private final List<ClientEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void emit(ClientEvent event) {
        events.add(event);
    }

    /** Every event so far, oldest first (a live view). */
    public List<ClientEvent> events() {
        return events;
    }
}
