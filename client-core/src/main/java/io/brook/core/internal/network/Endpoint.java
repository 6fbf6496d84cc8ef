package io.brook.core.internal.network;

/**
 * Where a broker listens. {@code nodeId} is the broker's id, or a negative placeholder for a bootstrap
 * address whose id is not yet known.
 */
public record Endpoint(int nodeId, String host, int port) {
    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public boolean isBootstrap() {
        return nodeId < 0;
    }

    @Override
    public String toString() {
        return host + ":" + port + (nodeId >= 0 ? " (id: " + nodeId + ")" : " (bootstrap)");
    }
}
