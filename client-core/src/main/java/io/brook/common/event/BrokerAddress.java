package io.brook.common.event;

/**
 * The broker an event concerns. Immutable.
 *
 * @param nodeId the broker's id, or a negative number for a bootstrap address whose id is not known yet
 * @param host the host name or address the client connects to
 * @param port the port
 */
public record BrokerAddress(int nodeId, String host, int port) {
    public BrokerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + (nodeId >= 0 ? " (id: " + nodeId + ")" : " (bootstrap)");
    }
}
