package io.brook.testkit.internal;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cluster somebody else runs, named by {@code KAFKA_BOOTSTRAP_SERVERS}: {@link #start()} only checks that it
 * answers (on a PLAINTEXT listener) and learns its size; nothing is ever stopped.
 *
 * <p>Thread-safe: state guarded by {@link #lock}.
 */
final class ExternalKafkaCluster implements KafkaCluster {

    private static final int PROBE_TIMEOUT_MILLIS = 2_000;

    private final String bootstrapServers;
    private final ClusterSpec spec;
    private final ReentrantLock lock = new ReentrantLock();
    private int size;

    ExternalKafkaCluster(String bootstrapServers, ClusterSpec spec) {
        this.bootstrapServers = bootstrapServers;
        this.spec = spec;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (size > 0) {
                return;
            }
            Deadline deadline = Deadline.after(spec.startTimeout());
            while (true) {
                Optional<Set<Integer>> live = probeAny();
                if (live.isPresent()) {
                    size = live.get().size();
                    return;
                }
                if (deadline.expired()) {
                    throw new KafkaClusterException("the external Kafka cluster at " + bootstrapServers + " ("
                            + Settings.BOOTSTRAP_SERVERS_ENV + ") did not answer a Metadata request on a PLAINTEXT "
                            + "listener within " + spec.startTimeout());
                }
                deadline.pause(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while reaching " + bootstrapServers, e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Set<Integer>> probeAny() {
        for (String address : bootstrapServers.split(",")) {
            String trimmed = address.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new KafkaClusterException("bad address '" + trimmed + "' in " + Settings.BOOTSTRAP_SERVERS_ENV);
            }
            String host = trimmed.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            Optional<Set<Integer>> live = BrokerProbe.liveBrokers(host, port, PROBE_TIMEOUT_MILLIS);
            if (live.isPresent()) {
                return live;
            }
        }
        return Optional.empty();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The number of live brokers the cluster reported when started. */
    @Override
    public int size() {
        lock.lock();
        try {
            if (size == 0) {
                throw new IllegalStateException("the cluster is not started; call start() first");
            }
            return size;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ClusterSource source() {
        return ClusterSource.EXTERNAL;
    }

    @Override
    public boolean supportsFaultInjection() {
        return false;
    }

    @Override
    public boolean isRunning(int node) {
        return true;
    }

    @Override
    public void stop(int node) {
        throw unsupported("stop");
    }

    @Override
    public void kill(int node) {
        throw unsupported("kill");
    }

    @Override
    public void restart(int node) {
        throw unsupported("restart");
    }

    private UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException("cannot " + operation + " a node of the external cluster at "
                + bootstrapServers + ": it was named by " + Settings.BOOTSTRAP_SERVERS_ENV + " and is not run by "
                + "the testkit (check KafkaCluster.supportsFaultInjection() first)");
    }

    /** Nothing to release: the testkit started nothing. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ExternalKafkaCluster[" + bootstrapServers + "]";
    }
}
