package io.brook.core.internal.network;

import io.brook.common.event.BrokerAddress;
import io.brook.common.event.ConnectEvent;
import io.brook.common.event.DisconnectEvent;
import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;

/**
 * The connection events of a client's slots: {@link ConnectEvent} when a connection is ready, {@link DisconnectEvent}
 * when a ready connection closes or an attempt fails. Builds nothing when nobody listens. Immutable; called on the
 * slots' event loops (emitting only queues the event).
 */
record ConnectionEvents(EventSink sink, String clientId, Time time) {

    void connected(Endpoint endpoint) {
        if (sink.enabled()) {
            sink.emit(new ConnectEvent(clientId, time.milliseconds(), address(endpoint)));
        }
    }

    void disconnected(Endpoint endpoint, String reason) {
        if (sink.enabled()) {
            sink.emit(new DisconnectEvent(clientId, time.milliseconds(), address(endpoint), reason));
        }
    }

    private static BrokerAddress address(Endpoint e) {
        return new BrokerAddress(e.nodeId(), e.host(), e.port());
    }
}
