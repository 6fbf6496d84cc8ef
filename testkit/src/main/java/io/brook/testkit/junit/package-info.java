/**
 * The JUnit 5 extension ({@link io.brook.testkit.junit.KafkaClusterExtension}) that injects shared
 * {@link io.brook.testkit.KafkaCluster}s into tests, sized with {@link io.brook.testkit.junit.ClusterSize}.
 */
package io.brook.testkit.junit;
