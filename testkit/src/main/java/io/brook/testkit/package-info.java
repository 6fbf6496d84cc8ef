/**
 * Real Apache Kafka clusters for your tests: {@link io.brook.testkit.KafkaCluster#builder()} starts one or more
 * KRaft brokers (launched from Maven Central, in Docker, or an external cluster), with fault injection (stop, kill,
 * restart). See the {@code junit} sub-package for the JUnit 5 extension that shares clusters across test classes.
 */
package io.brook.testkit;
