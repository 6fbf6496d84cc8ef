package io.brook.admin.internal;

import io.brook.core.internal.network.Endpoint;

/**
 * Picks the broker for a request that any broker can answer. Thread-safe.
 */
public interface BrokerSelector {

    /**
     * A broker to send to. Successive calls rotate over the known brokers, so that a retry after a failure
     * usually goes elsewhere.
     *
     * @return a broker, or {@code null} when none is known
     */
    Endpoint anyBroker();
}
