package io.brook.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as one of its brokers describes it.
 *
 * @param clusterId the cluster's id
 * @param controllerId the node id the broker names as controller, or {@code -1} when it names none. On a KRaft
 *     cluster the real controllers are not reachable by clients, so brokers name one of the live brokers (which
 *     forwards controller requests); successive calls may name different brokers.
 * @param nodes the live brokers, sorted by node id
 */
public record ClusterDescription(String clusterId, int controllerId, List<Node> nodes) {
    public ClusterDescription {
        Objects.requireNonNull(clusterId, "clusterId");
        nodes = Objects.requireNonNull(nodes, "nodes").stream()
                .map(n -> Objects.requireNonNull(n, "node"))
                .sorted(Comparator.comparingInt(Node::id))
                .toList();
    }

    /** The node named as controller, if it is among {@link #nodes()}. */
    public Optional<Node> controller() {
        return nodes.stream().filter(n -> n.id() == controllerId).findFirst();
    }
}
