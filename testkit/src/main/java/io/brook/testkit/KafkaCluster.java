package io.brook.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running Apache Kafka cluster for tests: one or more real brokers in KRaft mode.
 *
 * <p>Obtain one from {@link #builder()}, {@link #start()} it, connect clients to {@link #bootstrapServers()}, and
 * {@link #close()} it. Where the brokers come from is chosen when the cluster is built (see {@link ClusterSource}):
 * an external cluster named by {@code KAFKA_BOOTSTRAP_SERVERS}, Docker through Testcontainers, or child JVMs
 * launched from the {@code org.apache.kafka:kafka_2.13} artifact on Maven Central.
 *
 * <p>Nodes are numbered from 0; a node's number is its Kafka {@code node.id}. Every node of a launched cluster is
 * both broker and controller, so a 3-node cluster keeps its controller quorum with one node down.
 *
 * <p>Broker defaults (each overridable with {@link KafkaClusterBuilder#brokerProperty}): automatic topic creation
 * is <b>off</b> (tests create their topics explicitly, so a typo or a missing step shows up as
 * {@code UNKNOWN_TOPIC_OR_PARTITION} instead of silently creating a topic); {@code num.partitions=1}; the
 * offsets and transaction state topics are replicated {@code min(3, nodes)} times, with 5 partitions each so
 * that the first group or transaction starts quickly; the transaction log's min ISR is {@code min(2, nodes)};
 * {@code group.initial.rebalance.delay.ms=0}; {@code default.replication.factor=1}; brokers heartbeat every 500 ms
 * and are fenced after a 4 s session timeout (Kafka: 2 s and 9 s), so that a killed node is noticed, and a
 * restarted one accepted, sooner.
 *
 * <p>Thread-safe: lifecycle methods are serialized by the implementation.
 */
public interface KafkaCluster extends AutoCloseable {

    /** Starts building a cluster. */
    static KafkaClusterBuilder builder() {
        return new KafkaClusterBuilder();
    }

    /**
     * Starts every node and blocks until each answers clients and sees all the others, or fails with a
     * {@link KafkaClusterException} carrying the end of the failing node's log. Calling it again on a started
     * cluster does nothing.
     *
     * @throws IllegalStateException if the cluster was closed
     */
    void start();

    /** The {@code host:port} list clients connect to, every node included, comma-separated. */
    String bootstrapServers();

    /**
     * The {@code host:port} list of a secured listener the cluster was built with
     * ({@link KafkaClusterBuilder#listener}).
     *
     * @throws IllegalArgumentException if the cluster has no such listener
     * @throws UnsupportedOperationException for a cluster that is not launched by the testkit
     */
    default String bootstrapServers(Listener listener) {
        throw new UnsupportedOperationException("secured listeners need a launched cluster (ClusterSource.LOCAL)");
    }

    /**
     * The certificates of the cluster's test authority (created at start), for clients of its TLS listeners.
     *
     * @throws IllegalStateException if the cluster has no TLS listener
     * @throws UnsupportedOperationException for a cluster that is not launched by the testkit
     */
    default TestCertificates certificates() {
        throw new UnsupportedOperationException("test certificates need a launched cluster (ClusterSource.LOCAL)");
    }

    /**
     * The client properties (Kafka names, valid for Brook and kafka-clients) that reach {@code listener}:
     * {@code bootstrap.servers}, {@code security.protocol}, a PKCS12 trust store of the test authority for TLS, and
     * for {@link Listener#MTLS} the client's PKCS12 key store. SASL credentials are left to the caller.
     */
    default Map<String, String> clientProperties(Listener listener) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers(listener));
        properties.put("security.protocol", listener.securityProtocol());
        if (listener.usesTls()) {
            TestCertificates certificates = certificates();
            properties.put("ssl.truststore.location", certificates.truststorePkcs12().toString());
            properties.put("ssl.truststore.type", "PKCS12");
            properties.put("ssl.truststore.password", certificates.password());
            if (listener == Listener.MTLS) {
                properties.put("ssl.keystore.location", certificates.clientKeystorePkcs12().toString());
                properties.put("ssl.keystore.type", "PKCS12");
                properties.put("ssl.keystore.password", certificates.password());
                properties.put("ssl.key.password", certificates.password());
            }
        }
        return properties;
    }

    /** The number of nodes. */
    int size();

    /** Where the brokers come from. */
    ClusterSource source();

    /** Whether {@link #stop}, {@link #kill} and {@link #restart} are supported (false for an external cluster). */
    boolean supportsFaultInjection();

    /** Whether the given node's process (or container) is running; always true for an external cluster. */
    boolean isRunning(int node);

    /**
     * Stops one node gracefully (SIGTERM: the broker shuts down in a controlled way) and waits for it to exit.
     * Its port and data are kept for {@link #restart}. Does nothing if it is already down.
     *
     * @throws UnsupportedOperationException for an external cluster
     */
    void stop(int node);

    /**
     * Kills one node abruptly (SIGKILL: no controlled shutdown, nothing flushed) and waits for it to exit. Its
     * port and data are kept for {@link #restart}. Does nothing if it is already down.
     *
     * @throws UnsupportedOperationException for an external cluster
     */
    void kill(int node);

    /**
     * Starts one node again on the same port with the same data (stopping it gracefully first if it is running)
     * and blocks until it answers clients and the other running nodes see it again.
     *
     * @throws UnsupportedOperationException for an external cluster
     */
    void restart(int node);

    /**
     * Stops every node and deletes every temporary file (broker data). Broker logs of a launched cluster are
     * kept (see {@link KafkaClusterBuilder#logDirectory}). A single node gets {@link KafkaClusterBuilder#stopTimeout}
     * to shut down; the nodes of a larger cluster get a few seconds (the last ones would otherwise wait for a quorum
     * that is gone); nodes still running then are killed. Returns within about the stop timeout plus a few seconds.
     * Idempotent.
     */
    @Override
    void close();
}
