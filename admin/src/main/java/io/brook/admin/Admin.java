package io.brook.admin;

import io.brook.admin.internal.DefaultAdmin;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.config.AdminOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Manages a Kafka cluster: topics and partitions, configuration, records and offsets, consumer groups and their
 * lag, transactions and producers, ACLs; describes the cluster.
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
 *       names the resource and the code ({@link io.brook.common.errors.TopicExistsException},
 *       {@link io.brook.common.errors.UnknownTopicOrPartitionException}, ...). Resources of one call succeed or
 *       fail independently: when a call over several resources (topics, partitions, groups, config resources, ACL
 *       filters) has failed ones, the future fails with one {@link PartialFailureException} that names each failed
 *       resource with its error code and carries the results of the others; nothing is dropped. A call over one
 *       resource fails with that resource's typed exception.
 *   <li>Retriable errors (a broker not reachable, not the controller, throttled, ...) are retried with exponential
 *       backoff ({@code retry.backoff.ms} up to {@code retry.backoff.max.ms}) until the call's timeout
 *       ({@code default.api.timeout.ms} unless the options say otherwise); then the future fails with
 *       {@link io.brook.common.errors.TimeoutException} naming the call, with the last error as its cause.
 *   <li>Cancelling a returned future stops the call's retries (a request already sent may still take effect).
 *   <li>After {@link #close()} new calls fail with {@link AdminClosedException}.
 *   <li>Each call has an options record ({@code XxxOptions.defaults().withTimeout(...)}); the overloads without
 *       one use its defaults.
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

    // ---- partitions ---------------------------------------------------------------------------------------------

    /** {@link #createPartitions(Map, CreatePartitionsOptions)} with {@link CreatePartitionsOptions#defaults()}. */
    default CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts) {
        return createPartitions(newTotalCounts, CreatePartitionsOptions.defaults());
    }

    /**
     * Raises the partition count of topics to the given totals (not the number to add); the controller places the
     * new partitions. Completes once every live broker reports the new partitions with a leader (unless only
     * validating). A total not above the current count fails with
     * {@link io.brook.common.errors.InvalidPartitionsException}, an unknown topic with
     * {@link io.brook.common.errors.UnknownTopicOrPartitionException}.
     *
     * @throws IllegalArgumentException if a count is below 1
     */
    CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts, CreatePartitionsOptions options);

    // ---- records and offsets ---------------------------------------------------------------------------------

    /** {@link #listOffsets(Map, ListOffsetsOptions)} with {@link ListOffsetsOptions#defaults()}. */
    default CompletableFuture<Map<TopicPartition, Long>> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return listOffsets(specs, ListOffsetsOptions.defaults());
    }

    /**
     * The offset each {@link OffsetSpec} names, per partition, from the partitions' leaders: earliest, latest, the
     * first offset at or after a timestamp ({@code -1} if no record is that recent), or the offset of the record
     * with the largest timestamp ({@code -1} for an empty partition). Sorted by partition.
     */
    CompletableFuture<Map<TopicPartition, Long>> listOffsets(Map<TopicPartition, OffsetSpec> specs,
            ListOffsetsOptions options);

    /** {@link #deleteRecords(Map, DeleteRecordsOptions)} with {@link DeleteRecordsOptions#defaults()}. */
    default CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return deleteRecords(beforeOffsets, DeleteRecordsOptions.defaults());
    }

    /**
     * Deletes the records of each partition before the given offset ({@code -1}: up to the high watermark) and
     * returns each partition's new low watermark (log start offset). An offset beyond the high watermark fails
     * with {@link io.brook.common.errors.OffsetOutOfRangeException}.
     *
     * @throws IllegalArgumentException if an offset is below -1
     */
    CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets,
            DeleteRecordsOptions options);

    // ---- configs ---------------------------------------------------------------------------------------------

    /** {@link #describeConfigs(Collection, DescribeConfigsOptions)} with {@link DescribeConfigsOptions#defaults()}. */
    default CompletableFuture<Map<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, DescribeConfigsOptions.defaults());
    }

    /**
     * Every configuration key of topics and brokers, with its value, its source ({@link ConfigEntry#source()}:
     * set on the topic, on the broker, a static broker setting, Kafka's default, ...) and whether it is the
     * default. A broker's own configuration is read from that broker.
     */
    CompletableFuture<Map<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources,
            DescribeConfigsOptions options);

    /**
     * {@link #incrementalAlterConfigs(Map, AlterConfigsOptions)} with {@link AlterConfigsOptions#defaults()}.
     */
    default CompletableFuture<Void> incrementalAlterConfigs(
            Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes) {
        return incrementalAlterConfigs(changes, AlterConfigsOptions.defaults());
    }

    /**
     * Changes individual configuration keys: set, delete (back to the default), append to or subtract from list
     * values. An unknown key fails its resource with {@link io.brook.common.errors.InvalidConfigurationException}.
     * With {@link AlterConfigsOptions#validateOnly()} the broker checks the changes without applying them.
     *
     * @throws IllegalArgumentException if a resource has no change or changes a key twice
     */
    CompletableFuture<Void> incrementalAlterConfigs(Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes,
            AlterConfigsOptions options);

    // ---- consumer groups -------------------------------------------------------------------------------------

    /** {@link #listConsumerGroups(ListConsumerGroupsOptions)} with {@link ListConsumerGroupsOptions#defaults()}. */
    default CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups() {
        return listConsumerGroups(ListConsumerGroupsOptions.defaults());
    }

    /**
     * The consumer groups of the cluster (asked of every broker), with their state and type, sorted by id. Groups
     * of other protocols (Connect, share, streams) are left out. A broker that cannot answer fails the call with a
     * {@link PartialFailureException} keyed by its node id, carrying the groups the other brokers listed.
     */
    CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups(ListConsumerGroupsOptions options);

    /**
     * {@link #describeConsumerGroups(Collection, DescribeConsumerGroupsOptions)} with
     * {@link DescribeConsumerGroupsOptions#defaults()}.
     */
    default CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(
            Collection<String> groupIds) {
        return describeConsumerGroups(groupIds, DescribeConsumerGroupsOptions.defaults());
    }

    /**
     * Describes consumer groups (classic and KIP-848 consumer groups) from their coordinators: state, assignor,
     * members with client id, host and assigned partitions. An unknown group fails with
     * {@link io.brook.common.errors.GroupIdNotFoundException}.
     */
    CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(Collection<String> groupIds,
            DescribeConsumerGroupsOptions options);

    /**
     * {@link #listConsumerGroupOffsets(String, ListConsumerGroupOffsetsOptions)} with
     * {@link ListConsumerGroupOffsetsOptions#defaults()}.
     */
    default CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId) {
        return listConsumerGroupOffsets(groupId, ListConsumerGroupOffsetsOptions.defaults());
    }

    /**
     * The offsets the group committed, per partition, sorted; partitions without a commit are left out (an
     * unknown group has none: the map is empty).
     */
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId,
            ListConsumerGroupOffsetsOptions options);

    /**
     * {@link #alterConsumerGroupOffsets(String, Map, AlterConsumerGroupOffsetsOptions)} with
     * {@link AlterConsumerGroupOffsetsOptions#defaults()}.
     */
    default CompletableFuture<Void> alterConsumerGroupOffsets(String groupId,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        return alterConsumerGroupOffsets(groupId, offsets, AlterConsumerGroupOffsetsOptions.defaults());
    }

    /**
     * Commits offsets for the group (creating it if it does not exist). The group must have no active member:
     * otherwise its partitions fail with {@link io.brook.common.errors.UnknownMemberIdException}.
     */
    CompletableFuture<Void> alterConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets,
            AlterConsumerGroupOffsetsOptions options);

    /**
     * {@link #resetConsumerGroupOffsets(String, Map, AlterConsumerGroupOffsetsOptions)} with
     * {@link AlterConsumerGroupOffsetsOptions#defaults()}.
     */
    default CompletableFuture<Void> resetConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetSpec> specs) {
        return resetConsumerGroupOffsets(groupId, specs, AlterConsumerGroupOffsetsOptions.defaults());
    }

    /**
     * Resets the group's offsets to the earliest or latest offset, or to the first offset at or after a
     * timestamp (the end of the log if no record is that recent), per partition: the offsets are looked up as
     * {@link #listOffsets} does and committed as {@link #alterConsumerGroupOffsets} does, in one call. For exact
     * offsets use {@link #alterConsumerGroupOffsets}.
     */
    CompletableFuture<Void> resetConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetSpec> specs,
            AlterConsumerGroupOffsetsOptions options);

    /**
     * {@link #deleteConsumerGroupOffsets(String, Set, DeleteConsumerGroupOffsetsOptions)} with
     * {@link DeleteConsumerGroupOffsetsOptions#defaults()}.
     */
    default CompletableFuture<Void> deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions) {
        return deleteConsumerGroupOffsets(groupId, partitions, DeleteConsumerGroupOffsetsOptions.defaults());
    }

    /**
     * Deletes the group's committed offsets of partitions. A partition of a topic the group still consumes fails
     * with {@link io.brook.common.errors.GroupSubscribedToTopicException}; an unknown group fails every partition
     * with {@link io.brook.common.errors.GroupIdNotFoundException}.
     */
    CompletableFuture<Void> deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions,
            DeleteConsumerGroupOffsetsOptions options);

    /**
     * {@link #deleteConsumerGroups(Collection, DeleteConsumerGroupsOptions)} with
     * {@link DeleteConsumerGroupsOptions#defaults()}.
     */
    default CompletableFuture<Void> deleteConsumerGroups(Collection<String> groupIds) {
        return deleteConsumerGroups(groupIds, DeleteConsumerGroupsOptions.defaults());
    }

    /**
     * Deletes groups and their committed offsets. A group with members fails with
     * {@link io.brook.common.errors.GroupNotEmptyException}, an unknown one with
     * {@link io.brook.common.errors.GroupIdNotFoundException}; the others are still deleted.
     */
    CompletableFuture<Void> deleteConsumerGroups(Collection<String> groupIds, DeleteConsumerGroupsOptions options);

    /** {@link #consumerGroupLag(String, ConsumerGroupLagOptions)} with {@link ConsumerGroupLagOptions#defaults()}. */
    default CompletableFuture<Map<TopicPartition, Long>> consumerGroupLag(String groupId) {
        return consumerGroupLag(groupId, ConsumerGroupLagOptions.defaults());
    }

    /**
     * The group's lag per partition, in one call: end offset (the high watermark, or the last stable offset with
     * {@link ConsumerGroupLagOptions#readCommitted()}) minus committed offset, sorted by partition. Only partitions
     * the group has committed an offset for are reported: one without a commit has no position to measure from,
     * so it is absent (not counted as the whole log). A committed offset beyond the end of the log (records
     * deleted, log truncated) gives a negative lag. An unknown group, or one without commits, has an empty map.
     */
    CompletableFuture<Map<TopicPartition, Long>> consumerGroupLag(String groupId, ConsumerGroupLagOptions options);

    // ---- transactions ------------------------------------------------------------------------------------------

    /** {@link #listTransactions(ListTransactionsOptions)} with {@link ListTransactionsOptions#defaults()}. */
    default CompletableFuture<List<TransactionListing>> listTransactions() {
        return listTransactions(ListTransactionsOptions.defaults());
    }

    /** The transactional ids the cluster's transaction coordinators know (asked of every broker), sorted. */
    CompletableFuture<List<TransactionListing>> listTransactions(ListTransactionsOptions options);

    /**
     * {@link #describeTransactions(Collection, DescribeTransactionsOptions)} with
     * {@link DescribeTransactionsOptions#defaults()}.
     */
    default CompletableFuture<Map<String, TransactionDescription>> describeTransactions(
            Collection<String> transactionalIds) {
        return describeTransactions(transactionalIds, DescribeTransactionsOptions.defaults());
    }

    /**
     * Describes transactional ids from their transaction coordinators: state, producer id and epoch, timeout,
     * start time and partitions of the open transaction. An unknown id fails with
     * {@link io.brook.common.errors.TransactionalIdNotFoundException}.
     */
    CompletableFuture<Map<String, TransactionDescription>> describeTransactions(Collection<String> transactionalIds,
            DescribeTransactionsOptions options);

    /**
     * {@link #describeProducers(Collection, DescribeProducersOptions)} with
     * {@link DescribeProducersOptions#defaults()}.
     */
    default CompletableFuture<Map<TopicPartition, List<ProducerState>>> describeProducers(
            Collection<TopicPartition> partitions) {
        return describeProducers(partitions, DescribeProducersOptions.defaults());
    }

    /** The active (idempotent or transactional) producers of each partition, from its leader, by producer id. */
    CompletableFuture<Map<TopicPartition, List<ProducerState>>> describeProducers(
            Collection<TopicPartition> partitions, DescribeProducersOptions options);

    // ---- ACLs --------------------------------------------------------------------------------------------------

    /** {@link #createAcls(Collection, CreateAclsOptions)} with {@link CreateAclsOptions#defaults()}. */
    default CompletableFuture<Void> createAcls(Collection<AclBinding> bindings) {
        return createAcls(bindings, CreateAclsOptions.defaults());
    }

    /**
     * Creates ACL bindings (an existing one is left as it is). A cluster without an authorizer fails with
     * {@link io.brook.common.errors.SecurityDisabledException}; a caller not allowed to alter the cluster with
     * {@link io.brook.common.errors.ClusterAuthorizationException}.
     */
    CompletableFuture<Void> createAcls(Collection<AclBinding> bindings, CreateAclsOptions options);

    /** {@link #describeAcls(AclBindingFilter, DescribeAclsOptions)} with {@link DescribeAclsOptions#defaults()}. */
    default CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter) {
        return describeAcls(filter, DescribeAclsOptions.defaults());
    }

    /** The ACL bindings that match {@code filter} ({@link AclBindingFilter#ANY} for all). */
    CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter, DescribeAclsOptions options);

    /** {@link #deleteAcls(Collection, DeleteAclsOptions)} with {@link DeleteAclsOptions#defaults()}. */
    default CompletableFuture<List<AclBinding>> deleteAcls(Collection<AclBindingFilter> filters) {
        return deleteAcls(filters, DeleteAclsOptions.defaults());
    }

    /** Deletes every ACL binding that matches one of {@code filters}; returns the bindings deleted, once each. */
    CompletableFuture<List<AclBinding>> deleteAcls(Collection<AclBindingFilter> filters, DeleteAclsOptions options);

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
