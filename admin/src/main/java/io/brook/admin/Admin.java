package io.brook.admin;

import io.brook.admin.internal.DefaultAdmin;
import io.brook.common.config.AdminOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Manages the topics of a Kafka cluster and describes the cluster.
 *
 * <h2>Contract shared by every call</h2>
 * <ul>
 *   <li>Thread-safe; no call blocks except {@link #close()}. Futures complete on the client's callback thread
 *       ({@code brook-<clientId>-callbacks-<n>}), never on a network or admin thread, in the order the calls
 *       completed. A callback may block, even on another call of this client ({@code admin.listTopics().get()}
 *       inside {@code thenAccept}): completions waiting behind it move to a new callback thread after 200 ms.
 *       Long work still belongs on your own executor (the future's {@code *Async} methods).
 *   <li>Arguments are checked before anything is sent: a {@code null} collection or element throws
 *       {@link NullPointerException}; an invalid topic name throws
 *       {@link io.brook.common.errors.InvalidTopicException}; other bad arguments throw
 *       {@link IllegalArgumentException}.
 *   <li>Errors a broker reports fail the future with the typed exception of the Kafka error code, whose message
 *       names the topic and the code ({@link io.brook.common.errors.TopicExistsException},
 *       {@link io.brook.common.errors.UnknownTopicOrPartitionException}, ...). When several topics of one call
 *       fail, the future fails with the first (in the caller's order) and the others are attached as
 *       {@linkplain Throwable#getSuppressed() suppressed} exceptions.
 *   <li>Retriable errors (a broker not reachable, not the controller, throttled, ...) are retried with exponential
 *       backoff ({@code retry.backoff.ms} up to {@code retry.backoff.max.ms}) until the call's timeout
 *       ({@code default.api.timeout.ms} unless the options say otherwise); then the future fails with
 *       {@link io.brook.common.errors.TimeoutException} naming the call, with the last error as its cause.
 *   <li>Cancelling a returned future stops the call's retries (a request already sent may still take effect).
 *   <li>After {@link #close()} new calls fail with {@link AdminClosedException}.
 * </ul>
 */
public interface Admin extends AutoCloseable {

    /**
     * Creates an admin client. Known keys: {@code bootstrap.servers} (required), {@code client.id},
     * {@code default.api.timeout.ms}, {@code request.timeout.ms}, {@code retry.backoff.ms},
     * {@code retry.backoff.max.ms}, the connection settings of the network client and the metadata settings
     * ({@code metadata.max.age.ms}, {@code metadata.recovery.strategy},
     * {@code metadata.recovery.rebootstrap.trigger.ms}, {@code client.dns.lookup}); see
     * {@code docs/CONFIGURATION.md}. Unknown keys are rejected.
     *
     * @throws io.brook.common.config.ConfigException if a key is unknown or a value invalid
     */
    static Admin create(Map<String, ?> config) {
        return DefaultAdmin.create(config);
    }

    /** Creates an admin client from typed options ({@code AdminOptions.builder()...build()}). */
    static Admin create(AdminOptions options) {
        return DefaultAdmin.create(options);
    }

    /** {@link #createTopics(Collection, CreateTopicsOptions)} with {@link CreateTopicsOptions#defaults()}. */
    default CompletableFuture<Void> createTopics(Collection<NewTopic> topics) {
        return createTopics(topics, CreateTopicsOptions.defaults());
    }

    /**
     * Creates topics. The future completes when every topic was created and (unless
     * {@link CreateTopicsOptions#awaitPropagation()} is off or the call only validates) every live broker reports
     * it with a leader for each partition: a topic is usable from any broker once the future completed.
     *
     * <p>Topics are created independently: when some fail (typically
     * {@link io.brook.common.errors.TopicExistsException},
     * {@link io.brook.common.errors.InvalidReplicationFactorException},
     * {@link io.brook.common.errors.InvalidPartitionsException},
     * {@link io.brook.common.errors.InvalidConfigurationException} for an unknown config key,
     * {@link io.brook.common.errors.PolicyViolationException}) the others are still created, and the future fails
     * only after all were settled.
     *
     * <p>If a creation attempt timed out inside the cluster and is retried, the retry may report
     * {@code TopicExistsException} for a topic the first attempt created.
     *
     * @throws IllegalArgumentException if two topics share a name
     */
    CompletableFuture<Void> createTopics(Collection<NewTopic> topics, CreateTopicsOptions options);

    /** {@link #listTopics(ListTopicsOptions)} with {@link ListTopicsOptions#defaults()}: internal topics left out. */
    default CompletableFuture<Set<String>> listTopics() {
        return listTopics(ListTopicsOptions.defaults());
    }

    /** The names of the cluster's topics, as one broker knows them. */
    CompletableFuture<Set<String>> listTopics(ListTopicsOptions options);

    /** {@link #describeTopics(Collection, DescribeTopicsOptions)} with {@link DescribeTopicsOptions#defaults()}. */
    default CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> topics) {
        return describeTopics(topics, DescribeTopicsOptions.defaults());
    }

    /**
     * Describes topics as one broker knows them, keyed by name (duplicate names are described once). Fails with
     * {@link io.brook.common.errors.UnknownTopicOrPartitionException} naming the topic if one does not exist;
     * never creates topics. A topic the broker reports with a retriable error (LEADER_NOT_AVAILABLE while it is
     * being created) is asked for again until the call times out; a partition without a leader right now is
     * reported with leader {@code -1}.
     */
    CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> topics,
            DescribeTopicsOptions options);

    /** {@link #deleteTopics(Collection, DeleteTopicsOptions)} with {@link DeleteTopicsOptions#defaults()}. */
    default CompletableFuture<Void> deleteTopics(Collection<String> topics) {
        return deleteTopics(topics, DeleteTopicsOptions.defaults());
    }

    /**
     * Deletes topics (duplicate names are deleted once). The future completes when every topic was deleted and
     * (unless {@link DeleteTopicsOptions#awaitPropagation()} is off) no live broker reports it any more. A topic
     * that does not exist fails with {@link io.brook.common.errors.UnknownTopicOrPartitionException}; the other
     * topics are still deleted. A topic found missing only on a retry, after an attempt whose outcome was unknown,
     * counts as deleted.
     */
    CompletableFuture<Void> deleteTopics(Collection<String> topics, DeleteTopicsOptions options);

    /** {@link #describeCluster(DescribeClusterOptions)} with {@link DescribeClusterOptions#defaults()}. */
    default CompletableFuture<ClusterDescription> describeCluster() {
        return describeCluster(DescribeClusterOptions.defaults());
    }

    /** The cluster id, the node named as controller and the live brokers, as one broker knows them. */
    CompletableFuture<ClusterDescription> describeCluster(DescribeClusterOptions options);

    /**
     * {@link #close(Duration)} with {@code default.api.timeout.ms}: returns within that time.
     */
    @Override
    void close();

    /**
     * Stops accepting calls, lets pending calls finish for up to {@code timeout}, then fails those still pending
     * with {@link AdminClosedException}, closes the connections and stops the client's threads. Returns within
     * {@code timeout} plus the time to close the connections. Idempotent. May be called from a future's callback:
     * it then returns without waiting for the callback thread it runs on, which ends once the callback returns.
     */
    void close(Duration timeout);
}
