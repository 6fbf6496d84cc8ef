package io.brook.testkit.internal;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;

/**
 * Run by {@link OrphanBrokerIT} in a JVM of its own: starts a cluster, says so with the cluster's data directory
 * (which nobody deletes once this JVM is killed, so the test does), and waits to be killed.
 */
public final class StartClusterAndWait {

    static final String READY = "brook-testkit-orphan-check: ready, data in ";

    private StartClusterAndWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaCluster cluster = KafkaCluster.builder().source(ClusterSource.LOCAL).build();
        cluster.start();
        System.out.println(READY + ((LocalKafkaCluster) cluster).dataDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
