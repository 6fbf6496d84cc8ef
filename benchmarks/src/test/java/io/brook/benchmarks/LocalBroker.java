package io.brook.benchmarks;

import io.brook.testkit.KafkaCluster;

/**
 * Starts a one-node broker with brook-testkit, prints its bootstrap address and keeps it running until the JVM is
 * stopped: for repeated {@code ConsumerPairs --bootstrap-server ...} runs and for profiling one client at a time.
 */
public final class LocalBroker {
    private LocalBroker() {}

    public static void main(String[] args) throws InterruptedException {
        KafkaCluster cluster = KafkaCluster.builder().brokerHeap("1g").build();
        cluster.start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        System.out.println("bootstrap.servers=" + cluster.bootstrapServers());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
