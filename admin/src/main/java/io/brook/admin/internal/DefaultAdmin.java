package io.brook.admin.internal;

import io.brook.admin.Admin;
import io.brook.admin.AdminClosedException;
import io.brook.admin.ClusterDescription;
import io.brook.admin.CreateTopicsOptions;
import io.brook.admin.DeleteTopicsOptions;
import io.brook.admin.DescribeClusterOptions;
import io.brook.admin.DescribeTopicsOptions;
import io.brook.admin.ListTopicsOptions;
import io.brook.admin.NewTopic;
import io.brook.admin.TopicDescription;
import io.brook.common.config.AdminOptions;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.core.Time;
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
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Scheduler;
import io.brook.core.internal.util.ThreadScheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Admin} implementation: a thin facade that validates arguments, turns each call into an
 * {@link AdminCall} driving the call's handler, and tracks pending calls for {@link #close(Duration)}.
 *
 * <p>It owns a {@link MetadataManager} that keeps only the brokers and the controller (no topics, so that its
 * refreshes every {@code metadata.max.age.ms} stay cheap) and chooses the broker of each request any broker can
 * answer ({@link MetadataBrokers}): the least recently failed one; when every known broker failed it goes back to
 * {@code bootstrap.servers}, resolved again as {@code client.dns.lookup} says
 * ({@code metadata.recovery.strategy}, {@code metadata.recovery.rebootstrap.trigger.ms}).
 *
 * <p>Thread-safe: its own state is the set of pending calls (a concurrent set) and the closed flag (atomic).
 * Threads: the network client's event loops ({@code brook-<clientId>-io-<n>}) and host name lookup threads
 * ({@code brook-<clientId>-dns-<n>}, which also resolve the bootstrap names), and one timer thread
 * ({@code brook-<clientId>-admin}, a {@link ThreadScheduler}, which also runs the metadata manager's timers),
 * all stopped by close.
 */
public final class DefaultAdmin implements Admin {
    private static final Logger log = LoggerFactory.getLogger(DefaultAdmin.class);
    /** Caps timeouts so that deadline arithmetic cannot overflow: about 24 days. */
    private static final long MAX_TIMEOUT_MS = Integer.MAX_VALUE;

    private final String clientId;
    private final RequestSender sender;
    private final MetadataManager metadata;
    private final BrokerSelector brokers;
    private final Scheduler scheduler;
    private final Time time;
    private final ExponentialBackoff backoff;
    private final long defaultApiTimeoutMs;
    private final int maxRetries;
    private final Consumer<Duration> shutdown;
    private final Set<AdminCall<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param metadata the admin's own metadata manager, not started yet (the first call or {@link #create} starts
     *     it); closed by close
     * @param shutdown stops the network layer and threads, within the given time; called once by close, after the
     *     metadata manager was closed
     */
    DefaultAdmin(String clientId, RequestSender sender, MetadataManager metadata, Scheduler scheduler, Time time,
            ExponentialBackoff backoff, long defaultApiTimeoutMs, int maxRetries, Consumer<Duration> shutdown) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.brokers = new MetadataBrokers(metadata);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.time = Objects.requireNonNull(time, "time");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.defaultApiTimeoutMs = clampTimeout(defaultApiTimeoutMs);
        this.maxRetries = maxRetries;
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
        Consumer<Duration> shutdown = timeout -> {
            scheduler.shutdown(timeout);
            network.close(timeout);
        };
        DefaultAdmin admin = new DefaultAdmin(clientId, sender, metadata, scheduler, Time.SYSTEM,
                RetryBackoffs.from(config), options.defaultApiTimeout().toMillis(), options.retries(), shutdown);
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
        return run(new DescribeTopicsHandler(topics), options.timeout());
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

    private <T> CompletableFuture<T> run(AdminHandler<T> handler, Duration timeout) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedBefore(handler.callName()));
        }
        long timeoutMs = timeout != null ? clampTimeout(timeout) : defaultApiTimeoutMs;
        AdminCall<T> call = new AdminCall<>(handler, sender, brokers, scheduler, time, backoff, timeoutMs,
                maxRetries);
        pending.add(call);
        call.result().whenComplete((value, error) -> pending.remove(call));
        if (closed.get()) {
            // close() may have taken its snapshot of pending calls before this one was added.
            call.fail(closedBefore(handler.callName()));
            return call.result();
        }
        return call.start();
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
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<AdminCall<?>> calls = List.copyOf(pending);
        if (!calls.isEmpty()) {
            awaitCalls(calls, timeoutMs);
            for (AdminCall<?> call : calls) {
                call.fail(new AdminClosedException("Admin client " + clientId + " was closed before "
                        + call.callName() + " completed"));
            }
        }
        metadata.close();
        // Close timeouts are real time by nature: they bound how long the caller's thread is blocked.
        long remainingMs = Math.max(0L, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
        shutdown.accept(Duration.ofMillis(remainingMs));
        log.debug("Admin client {} closed", clientId);
    }

    private static void awaitCalls(List<AdminCall<?>> calls, long timeoutMs) {
        CompletableFuture<?>[] results = calls.stream().map(AdminCall::result).toArray(CompletableFuture[]::new);
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
