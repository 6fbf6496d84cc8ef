package io.brook.testkit.junit;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shared cluster of a given size, started on first use and closed by JUnit when the test run ends (it lives in
 * the root extension context's store, which closes {@link AutoCloseable} values). A failed start is remembered, so
 * later tests fail at once with the same cause instead of each waiting for their own start to fail.
 *
 * <p>Thread-safe: guarded by {@link #lock}, so parallel tests start the cluster once.
 */
final class SharedCluster implements AutoCloseable {

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private KafkaCluster cluster;
    private RuntimeException failure;
    private boolean closed;

    SharedCluster(int size) {
        this.size = size;
    }

    /** The started cluster; starts it on first call. */
    KafkaCluster get() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the shared " + size + "-node cluster was closed");
            }
            if (cluster != null) {
                return cluster;
            }
            if (failure != null) {
                throw new KafkaClusterException("the shared " + size + "-node Kafka cluster failed to start earlier "
                        + "in this run", failure);
            }
            KafkaCluster candidate = KafkaCluster.builder().nodes(size).build();
            try {
                candidate.start();
            } catch (RuntimeException e) {
                failure = e;
                candidate.close();
                throw e;
            }
            cluster = candidate;
            return cluster;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restarts any node a test left stopped or killed, so the next test finds the whole cluster. Does nothing
     * before the cluster is started or for a cluster without fault injection.
     */
    void restartStoppedNodes() {
        lock.lock();
        try {
            if (cluster == null || closed || !cluster.supportsFaultInjection()) {
                return;
            }
            for (int node = 0; node < cluster.size(); node++) {
                if (!cluster.isRunning(node)) {
                    cluster.restart(node);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
