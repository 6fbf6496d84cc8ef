package io.brook.core.internal.metadata;

import io.brook.core.internal.network.Endpoint;
import java.util.Optional;

/**
 * A broker as the cluster metadata describes it. Immutable.
 *
 * @param id the broker id, {@code >= 0}
 * @param host the advertised host; never blank
 * @param port the advertised port
 * @param rack the broker's rack, if it has one
 */
public record BrokerNode(int id, String host, int port, Optional<String> rack) {
    public BrokerNode {
        if (id < 0) {
            throw new IllegalArgumentException("broker id must be >= 0: " + id);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host of broker " + id + " must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port of broker " + id + " out of range: " + port);
        }
        if (rack == null) {
            throw new IllegalArgumentException("rack must not be null (use Optional.empty())");
        }
    }

    /** Where to connect to this broker. */
    public Endpoint endpoint() {
        return new Endpoint(id, host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (id: " + id + rack.map(r -> ", rack: " + r).orElse("") + ")";
    }
}
