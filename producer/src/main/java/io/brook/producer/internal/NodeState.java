package io.brook.producer.internal;

import io.brook.core.internal.network.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sender tracks per broker: its Produce requests in flight, the queues ready to drain to it this cycle,
 * where the last drain started (so partitions take turns being first in a request), and since when it has had
 * data it could not take (for {@code partitioner.availability.timeout.ms}). Sender thread only.
 */
final class NodeState {
    final int id;
    Endpoint endpoint;
    int inFlight;
    int drainStart;
    /** Monotonic ms since which the broker had ready batches but no room in flight; -1 when it keeps up. */
    long backloggedSinceMs = -1;
    final List<PartitionQueue> ready = new ArrayList<>();

    NodeState(int id, Endpoint endpoint) {
        this.id = id;
        this.endpoint = endpoint;
    }
}
