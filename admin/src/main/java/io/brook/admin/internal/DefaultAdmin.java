package io.brook.admin.internal;

import io.brook.admin.AclBinding;
import io.brook.admin.AclBindingFilter;
import io.brook.admin.Admin;
import io.brook.admin.AdminClosedException;
import io.brook.admin.AlterConfigOp;
import io.brook.admin.AlterConfigsOptions;
import io.brook.admin.AlterConsumerGroupOffsetsOptions;
import io.brook.admin.ClusterDescription;
import io.brook.admin.Config;
import io.brook.admin.ConfigResource;
import io.brook.admin.ConsumerGroupDescription;
import io.brook.admin.ConsumerGroupLagOptions;
import io.brook.admin.ConsumerGroupListing;
import io.brook.admin.CreateAclsOptions;
import io.brook.admin.CreatePartitionsOptions;
import io.brook.admin.CreateTopicsOptions;
import io.brook.admin.DeleteAclsOptions;
import io.brook.admin.DeleteConsumerGroupOffsetsOptions;
import io.brook.admin.DeleteConsumerGroupsOptions;
import io.brook.admin.DeleteRecordsOptions;
import io.brook.admin.DeleteTopicsOptions;
import io.brook.admin.DescribeAclsOptions;
import io.brook.admin.DescribeClusterOptions;
import io.brook.admin.DescribeConfigsOptions;
import io.brook.admin.DescribeConsumerGroupsOptions;
import io.brook.admin.DescribeProducersOptions;
import io.brook.admin.DescribeTopicsOptions;
import io.brook.admin.DescribeTransactionsOptions;
import io.brook.admin.ListConsumerGroupOffsetsOptions;
import io.brook.admin.ListConsumerGroupsOptions;
import io.brook.admin.ListOffsetsOptions;
import io.brook.admin.ListTopicsOptions;
import io.brook.admin.ListTransactionsOptions;
import io.brook.admin.NewTopic;
import io.brook.admin.OffsetSpec;
import io.brook.admin.ProducerState;
import io.brook.admin.TopicDescription;
import io.brook.admin.TransactionDescription;
import io.brook.admin.TransactionListing;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.config.AdminOptions;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.core.Time;
import io.brook.core.internal.call.CallContext;
import io.brook.core.internal.call.CallDriver;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.MetadataBrokers;
import io.brook.core.internal.config.ClientIds;
import io.brook.core.internal.config.NetworkConfigs;
import io.brook.core.internal.config.RetryBackoffs;
import io.brook.core.internal.metadata.BootstrapResolver;
import io.brook.core.internal.metadata.DnsBootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.CallbackExecutor;
import io.brook.core.internal.util.Deadline;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.ThreadScheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Admin} implementation: a thin facade that validates arguments, turns each call into a
 * {@link CallDriver} driving the call's handler, hands results to the user on the callback executor, and tracks
 * pending calls for {@link #close(Duration)}.
 *
 * <p>It owns a {@link MetadataManager} that keeps only the brokers and the controller (no topics, so that its
 * refreshes every {@code metadata.max.age.ms} stay cheap) and chooses the broker of each request any broker can
 * answer ({@link MetadataBrokers}): the least recently failed one; when every known broker failed it goes back to
 * {@code bootstrap.servers}, resolved again as {@code client.dns.lookup} says
 * ({@code metadata.recovery.strategy}, {@code metadata.recovery.rebootstrap.trigger.ms}). Group and transaction
 * calls find their coordinator through the context's {@link io.brook.core.internal.call.CoordinatorLookup}.
 *
 * <p>Thread-safe: its own state is the set of pending calls (a concurrent set) and the closed flag (atomic).
 * Threads: the network client's event loops ({@code brook-<clientId>-io-<n>}) and host name lookup threads
 * ({@code brook-<clientId>-dns-<n>}, which also resolve the bootstrap names); the admin thread
 * ({@code brook-<clientId>-admin}, a {@link ThreadScheduler}) to which every response is handed and which runs the
 * call drivers, their timers and the metadata manager's; and the callback threads
 * ({@code brook-<clientId>-callbacks-<n>}, a {@link CallbackExecutor}) on which the futures returned to the user
 * complete, so that a user callback that blocks (even on another call of this client) never stalls the admin
 * thread. All are stopped by close.
 */
public final class DefaultAdmin implements Admin {
    private static final Logger log = LoggerFactory.getLogger(DefaultAdmin.class);
    /** Caps timeouts so that deadline arithmetic cannot overflow: about 24 days. */
    private static final long MAX_TIMEOUT_MS = Integer.MAX_VALUE;

    private final String clientId;
    private final CallContext calls;
    private final MetadataManager metadata;
    private final Executor callbacks;
    private final long defaultApiTimeoutMs;
    private final Consumer<Duration> shutdown;
    private final Set<CallDriver<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param calls what the call drivers share; its broker selector chooses through {@code metadata}
     * @param metadata the admin's own metadata manager, not started yet (the first call or {@link #create} starts
     *     it); closed by close
     * @param callbacks where the futures returned to the user complete; if it rejects a task (once shut down),
     *     the future completes on the calling thread
     * @param shutdown stops the network layer and threads (the callback executor last), within the given time;
     *     called once by close, after the metadata manager was closed
     */
    DefaultAdmin(String clientId, CallContext calls, MetadataManager metadata, Executor callbacks,
            long defaultApiTimeoutMs, Consumer<Duration> shutdown) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.defaultApiTimeoutMs = clampTimeout(defaultApiTimeoutMs);
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    }

    /**
     * Parses {@code config} and starts a client.
     *
     * @throws io.brook.common.config.ConfigException if a key is unknown or a value invalid
     */
    public static DefaultAdmin create(Map<String, ?> config) {
        return create(AdminOptions.fromMap(Objects.requireNonNull(config, "config")));
    }

    /** Starts a client with {@code options}. */
    public static DefaultAdmin create(AdminOptions options) {
        ClientConfig config = options.config();
        String clientId = ClientIds.effective(config, "adminclient");
        MetadataConfig metadataConfig = MetadataConfig.from(config, clientId, false);
        // As kafka-clients does: a bootstrap list of which not one name resolves fails here, not on every call.
        new DnsBootstrapResolver(options.bootstrapServers(), config.get(CommonConfigs.CLIENT_DNS_LOOKUP),
                io.brook.core.internal.network.HostResolver.SYSTEM, Runnable::run).requireResolvable();
        NetworkClient network = new NetworkClient(NetworkConfigs.from(config, clientId), Time.SYSTEM);
        ThreadScheduler scheduler = new ThreadScheduler("brook-" + clientId + "-admin");
        BootstrapResolver bootstrap = DnsBootstrapResolver.system(options.bootstrapServers(),
                config.get(CommonConfigs.CLIENT_DNS_LOOKUP), network.lookupExecutor());
        // Only brokers and controller: topics are what the admin's calls ask for themselves, always fresh.
        // Responses are handed to the admin's own thread: protocol logic never runs on an event loop.
        RequestSender sender = network.sender(scheduler);
        MetadataManager metadata = new MetadataManager(metadataConfig, sender, bootstrap, Time.SYSTEM, scheduler,
                WantedTopics.none());
        CallbackExecutor callbacks = new CallbackExecutor(clientId);
        Consumer<Duration> shutdown = timeout -> {
            Deadline deadline = Deadline.after(Time.SYSTEM, timeout);
            scheduler.shutdown(timeout);
            network.close(deadline.remaining());
            // Last: it delivers the futures that close failed.
            callbacks.close(deadline.remaining());
        };
        CallContext calls = CallContext.of(sender, new MetadataBrokers(metadata), scheduler, Time.SYSTEM,
                RetryBackoffs.from(config), options.retries());
        DefaultAdmin admin = new DefaultAdmin(clientId, calls, metadata, callbacks,
                options.defaultApiTimeout().toMillis(), shutdown);
        // Learn the brokers before the first call needs them.
        metadata.start();
        return admin;
    }

    /** The client id, as configured or generated. */
    public String clientId() {
        return clientId;
    }

    @Override
    public CompletableFuture<Void> createTopics(Collection<NewTopic> topics, CreateTopicsOptions options) {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(options, "options");
        if (topics.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new CreateTopicsHandler(topics, options.validateOnly(), options.awaitPropagation()),
                options.timeout());
    }

    @Override
    public CompletableFuture<Set<String>> listTopics(ListTopicsOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new ListTopicsHandler(options.includeInternal()), options.timeout());
    }

    @Override
    public CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> topics,
            DescribeTopicsOptions options) {
        Objects.requireNonNull(options, "options");
        if (TopicNames.validateAll(topics).isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DescribeTopicsHandler(topics, options.includeConfigs()), options.timeout());
    }

    @Override
    public CompletableFuture<Void> deleteTopics(Collection<String> topics, DeleteTopicsOptions options) {
        Objects.requireNonNull(options, "options");
        if (TopicNames.validateAll(topics).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new DeleteTopicsHandler(topics, options.awaitPropagation()), options.timeout());
    }

    @Override
    public CompletableFuture<ClusterDescription> describeCluster(DescribeClusterOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new DescribeClusterHandler(), options.timeout());
    }

    @Override
    public CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts,
            CreatePartitionsOptions options) {
        Objects.requireNonNull(options, "options");
        if (Objects.requireNonNull(newTotalCounts, "newTotalCounts").isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new CreatePartitionsHandler(newTotalCounts, options.validateOnly()), options.timeout());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> listOffsets(Map<TopicPartition, OffsetSpec> specs,
            ListOffsetsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.partitions(Objects.requireNonNull(specs, "specs").keySet()).isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new ListOffsetsHandler(specs, options.readCommitted()), options.timeout());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets,
            DeleteRecordsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.partitions(Objects.requireNonNull(beforeOffsets, "beforeOffsets").keySet()).isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DeleteRecordsHandler(beforeOffsets), options.timeout());
    }

    @Override
    public CompletableFuture<Map<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources,
            DescribeConfigsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(resources, "resources").isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DescribeConfigsHandler(resources, options.includeSynonyms(), options.includeDocumentation()),
                options.timeout());
    }

    @Override
    public CompletableFuture<Void> incrementalAlterConfigs(
            Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes, AlterConfigsOptions options) {
        Objects.requireNonNull(options, "options");
        if (Objects.requireNonNull(changes, "changes").isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new IncrementalAlterConfigsHandler(changes, options.validateOnly()), options.timeout());
    }

    @Override
    public CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups(ListConsumerGroupsOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new ListConsumerGroupsHandler(options.states()), options.timeout());
    }

    @Override
    public CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(
            Collection<String> groupIds, DescribeConsumerGroupsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(groupIds, "groupIds").isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DescribeConsumerGroupsHandler(groupIds), options.timeout());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId,
            ListConsumerGroupOffsetsOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new ListConsumerGroupOffsetsHandler(AdminArguments.groupId(groupId), options.requireStable()),
                options.timeout());
    }

    @Override
    public CompletableFuture<Void> alterConsumerGroupOffsets(String groupId,
            Map<TopicPartition, OffsetAndMetadata> offsets, AlterConsumerGroupOffsetsOptions options) {
        Objects.requireNonNull(options, "options");
        AdminArguments.groupId(groupId);
        if (AdminArguments.partitions(Objects.requireNonNull(offsets, "offsets").keySet()).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new AlterConsumerGroupOffsetsHandler(groupId, offsets), options.timeout());
    }

    @Override
    public CompletableFuture<Void> resetConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetSpec> specs,
            AlterConsumerGroupOffsetsOptions options) {
        Objects.requireNonNull(options, "options");
        AdminArguments.groupId(groupId);
        if (AdminArguments.partitions(Objects.requireNonNull(specs, "specs").keySet()).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new ResetConsumerGroupOffsetsHandler(groupId, specs), options.timeout());
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions,
            DeleteConsumerGroupOffsetsOptions options) {
        Objects.requireNonNull(options, "options");
        AdminArguments.groupId(groupId);
        if (AdminArguments.partitions(partitions).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new DeleteConsumerGroupOffsetsHandler(groupId, partitions), options.timeout());
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroups(Collection<String> groupIds,
            DeleteConsumerGroupsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(groupIds, "groupIds").isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new DeleteConsumerGroupsHandler(groupIds), options.timeout());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> consumerGroupLag(String groupId,
            ConsumerGroupLagOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new ConsumerGroupLagHandler(AdminArguments.groupId(groupId), options.readCommitted()),
                options.timeout());
    }

    @Override
    public CompletableFuture<List<TransactionListing>> listTransactions(ListTransactionsOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new ListTransactionsHandler(options.states(), options.producerIds()), options.timeout());
    }

    @Override
    public CompletableFuture<Map<String, TransactionDescription>> describeTransactions(
            Collection<String> transactionalIds, DescribeTransactionsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(transactionalIds, "transactionalIds").isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DescribeTransactionsHandler(transactionalIds), options.timeout());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, List<ProducerState>>> describeProducers(
            Collection<TopicPartition> partitions, DescribeProducersOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.partitions(partitions).isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return run(new DescribeProducersHandler(partitions), options.timeout());
    }

    @Override
    public CompletableFuture<Void> createAcls(Collection<AclBinding> bindings, CreateAclsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(bindings, "bindings").isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(new CreateAclsHandler(bindings), options.timeout());
    }

    @Override
    public CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter, DescribeAclsOptions options) {
        Objects.requireNonNull(options, "options");
        return run(new DescribeAclsHandler(Objects.requireNonNull(filter, "filter")), options.timeout());
    }

    @Override
    public CompletableFuture<List<AclBinding>> deleteAcls(Collection<AclBindingFilter> filters,
            DeleteAclsOptions options) {
        Objects.requireNonNull(options, "options");
        if (AdminArguments.nonNull(filters, "filters").isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return run(new DeleteAclsHandler(filters), options.timeout());
    }

    private <T> CompletableFuture<T> run(CallHandler<T> handler, Duration timeout) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedBefore(handler.callName()));
        }
        long timeoutMs = timeout != null ? clampTimeout(timeout) : defaultApiTimeoutMs;
        CallDriver<T> call = new CallDriver<>(handler, calls, timeoutMs);
        CompletableFuture<T> user = new CompletableFuture<>();
        pending.add(call);
        call.result().whenComplete((value, error) -> {
            pending.remove(call);
            deliver(user, value, error);
        });
        // Cancelling the user's future stops the call's retries.
        user.whenComplete((value, error) -> {
            if (user.isCancelled()) {
                call.fail(new CancellationException(handler.callName() + " was cancelled"));
            }
        });
        if (closed.get()) {
            // close() may have taken its snapshot of pending calls before this one was added.
            call.fail(closedBefore(handler.callName()));
            return user;
        }
        call.start();
        return user;
    }

    /** Completes {@code user} on the callback executor, never on the admin thread or an event loop. */
    private <T> void deliver(CompletableFuture<T> user, T value, Throwable error) {
        Runnable complete = () -> {
            if (error == null) {
                user.complete(value);
            } else {
                user.completeExceptionally(Futures.unwrap(error));
            }
        };
        try {
            callbacks.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run();
        }
    }

    /** Pending calls; for tests. */
    int pendingCalls() {
        return pending.size();
    }

    @Override
    public void close() {
        close(Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long timeoutMs = Math.max(0L, clampTimeout(timeout));
        Deadline deadline = Deadline.after(this.calls.time(), Duration.ofMillis(timeoutMs));
        List<CallDriver<?>> calls = List.copyOf(pending);
        if (!calls.isEmpty()) {
            // The admin thread drives the calls, so it cannot wait for them; a callback thread can (results
            // reach the user through a later callback task, never through the one that called close).
            if (!onAdminThread()) {
                awaitCalls(calls, timeoutMs);
            }
            for (CallDriver<?> call : calls) {
                call.fail(new AdminClosedException("Admin client " + clientId + " was closed before "
                        + call.callName() + " completed"));
            }
        }
        metadata.close();
        shutdown.accept(deadline.remaining());
        log.debug("Admin client {} closed", clientId);
    }

    private boolean onAdminThread() {
        return calls.scheduler() instanceof ThreadScheduler thread && thread.isOwnThread();
    }

    private static void awaitCalls(List<CallDriver<?>> calls, long timeoutMs) {
        CompletableFuture<?>[] results = calls.stream().map(CallDriver::result).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(results).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Timed out: the calls still pending are failed next. Failed: a call's own error, already reported.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AdminClosedException closedBefore(String call) {
        return new AdminClosedException("Admin client " + clientId + " is closed: cannot start " + call);
    }

    private static long clampTimeout(Duration timeout) {
        return timeout.compareTo(Duration.ofMillis(MAX_TIMEOUT_MS)) > 0 ? MAX_TIMEOUT_MS : timeout.toMillis();
    }

    private static long clampTimeout(long timeoutMs) {
        return Math.min(MAX_TIMEOUT_MS, Math.max(1L, timeoutMs));
    }
}
