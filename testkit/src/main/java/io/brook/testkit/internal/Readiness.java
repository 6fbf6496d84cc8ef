package io.brook.testkit.internal;

import io.brook.testkit.KafkaClusterException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Waits until a cluster's running nodes are ready: each answers a Metadata request that lists every running node
 * as live (so each has caught up with the quorum and sees the others unfenced). Stateless.
 */
final class Readiness {

    private static final int PROBE_TIMEOUT_MILLIS = 1_000;
    private static final long PROBE_PAUSE_MILLIS = 100;

    /** The view of a cluster's nodes that waiting needs. Called from the waiting thread only. */
    interface Nodes {
        /** The ids of the nodes whose process or container runs. */
        Set<Integer> running();

        String host(int id);

        int port(int id);

        /** Whether the node is still running (checked each round, to fail at once if it died). */
        boolean alive(int id);

        /** What to tell when the node is not ready: state, log location and log tail. */
        String diagnosis(int id);
    }

    private Readiness() {
    }

    /**
     * Blocks until ready.
     *
     * @param what what is being waited for, for messages (e.g. "start", "restart of node 1")
     * @throws KafkaClusterException if a node dies, the timeout passes, or the thread is interrupted
     */
    static void await(Nodes nodes, Duration timeout, String kafkaVersion, String what) {
        Deadline deadline = Deadline.after(timeout);
        Set<Integer> running = nodes.running();
        Set<Integer> pending = new TreeSet<>(running);
        try {
            while (true) {
                for (int id : pending) {
                    if (!nodes.alive(id)) {
                        throw new KafkaClusterException("Kafka " + kafkaVersion + " node " + id + " exited during "
                                + what + ":\n" + nodes.diagnosis(id));
                    }
                }
                pending.removeIf(id -> BrokerProbe.liveBrokers(nodes.host(id), nodes.port(id), PROBE_TIMEOUT_MILLIS)
                        .map(live -> live.containsAll(running)).orElse(false));
                if (pending.isEmpty()) {
                    return;
                }
                if (deadline.expired()) {
                    String diagnoses = pending.stream().map(nodes::diagnosis).collect(Collectors.joining("\n"));
                    throw new KafkaClusterException("Kafka " + kafkaVersion + " node(s) " + pending + " not ready"
                            + " (answering and seeing nodes " + running + ") within " + timeout + " of " + what
                            + ":\n" + diagnoses);
                }
                deadline.pause(PROBE_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while waiting for Kafka nodes " + pending, e);
        }
    }
}
