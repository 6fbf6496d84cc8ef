package io.brook.admin;

import java.util.Objects;

/**
 * A broker of the cluster as the cluster describes it.
 *
 * @param id the broker's node id (non-negative)
 * @param host the host name clients connect to (never blank)
 * @param port the port clients connect to
 * @param rack the broker's rack, or {@code null} when none is configured
 */
public record Node(int id, String host, int port, String rack) {
    public Node {
        if (id < 0) {
            throw new IllegalArgumentException("node id must not be negative: " + id);
        }
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A node without a rack. */
    public Node(int id, String host, int port) {
        this(id, host, port, null);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (id: " + id + (rack != null ? ", rack: " + rack : "") + ")";
    }
}
