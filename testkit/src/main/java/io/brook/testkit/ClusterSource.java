package io.brook.testkit;

/** Where a {@link KafkaCluster}'s brokers come from. */
public enum ClusterSource {

    /**
     * Choose: {@link #EXTERNAL} if the environment variable {@code KAFKA_BOOTSTRAP_SERVERS} is set, else
     * {@link #DOCKER} if Testcontainers is on the class path and a Docker engine answers, else {@link #LOCAL}.
     */
    AUTO,

    /**
     * An already running cluster named by {@code KAFKA_BOOTSTRAP_SERVERS} (or the system property
     * {@code brook.testkit.bootstrapServers}). Nothing is started or stopped; fault injection is unsupported.
     */
    EXTERNAL,

    /** Containers of the {@code apache/kafka} image, run through Testcontainers (which must be on the class path). */
    DOCKER,

    /** Child JVMs launched from the {@code org.apache.kafka:kafka_2.13} artifact of Maven Central. */
    LOCAL
}
