package io.brook.core.internal.network;

import io.brook.core.Time;
import io.brook.core.internal.util.Deadline;
import io.brook.protocol.ApiMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brook's network layer: one per client. Owns one Netty event-loop group (native epoll when available, else
 * NIO; threads {@code brook-<clientId>-io-<n>}), the host name lookup threads that keep DNS off the event loops
 * ({@link AsyncHostResolver}; {@code brook-<clientId>-dns-<n>}, started on demand) and a {@link ConnectionPool}
 * with one connection per broker endpoint. Requests go out at the version the {@link VersionNegotiator} picks from Brook's range, the broker's
 * ApiVersions answer, the caller's range and the user's pins.
 *
 * <p>Failures are typed: connection refused or closed: retriable {@code NetworkException} naming the endpoint
 * (also while the endpoint is backing off between reconnect attempts: sends then fail fast rather than wait); host
 * name that does not resolve (or not within the setup timeout): retriable {@code UnresolvedHostException}, a
 * {@code NetworkException} naming the host;
 * no response in time: retriable {@code TimeoutException} naming API, version, endpoint and timeout; a response
 * that does not decode: {@code MalformedMessageException} (the connection is closed); no common version:
 * {@code UnsupportedVersionException}; after {@link #close}: {@code NetworkClientClosedException}.
 *
 * <p>Thread-safe; nothing but {@link #close(Duration)} blocks. Futures complete on event-loop threads: callbacks
 * must not block.
 */
public final class NetworkClient implements AutoCloseable {
    /** How long {@link #close()} waits. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(NetworkClient.class);

    private final NetworkConfig config;
    private final EventLoops eventLoops;
    private final AsyncHostResolver resolver;
    private final ConnectionPool pool;
    private final Time time;
    private final AtomicBoolean closing = new AtomicBoolean();

    public NetworkClient(NetworkConfig config) {
        this(config, Time.SYSTEM);
    }

    /** @param time the clock for deadlines, backoff and idle time */
    public NetworkClient(NetworkConfig config, Time time) {
        this(config, time, NetworkTuning.DEFAULT);
    }

    NetworkClient(NetworkConfig config, Time time, NetworkTuning tuning) {
        this(config, time, tuning, HostResolver.SYSTEM);
    }

    /** @param hosts the blocking name lookups, run on the client's lookup threads */
    NetworkClient(NetworkConfig config, Time time, NetworkTuning tuning, HostResolver hosts) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.eventLoops = EventLoops.start(config.clientId(), config.ioThreads(), tuning.preferNativeTransport());
        this.resolver = new AsyncHostResolver(hosts, config.clientId());
        this.pool = new ConnectionPool(config, time, eventLoops, tuning, softwareVersion(), resolver);
        log.debug("Network client {} started with {} transport", config.clientId(),
                eventLoops.isNative() ? "epoll" : "NIO");
    }

    /**
     * A view of this client for one owner: requests go out on the connections of {@code role}, and their futures
     * complete on {@code completions} (the owner's thread: the admin's, the producer's sender thread, the
     * consumer's network thread), never on an event loop. A response that nobody takes is released.
     *
     * @param completions runs one short task per response; must not be an event loop of this client
     */
    public RequestSender sender(Executor completions, ConnectionRole role) {
        return new OwnedSender(this, completions, role);
    }

    /** {@link #sender(Executor, ConnectionRole)} on the {@link ConnectionRole#DEFAULT} connections. */
    public RequestSender sender(Executor completions) {
        return sender(completions, ConnectionRole.DEFAULT);
    }

    /**
     * Queues {@code request} on the connection of {@code role} to {@code endpoint}. The returned future is settled
     * on an event loop: only {@link OwnedSender} sees it, and hands the result to its owner.
     */
    CompletableFuture<ApiMessage> submit(Endpoint endpoint, ConnectionRole role, RequestBuilder request,
            long timeoutMs) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        pool.send(endpoint, role, new OutgoingRequest(request, timeoutMs, time.monotonicMs() + timeoutMs, future));
        return future;
    }

    /**
     * Opens the connection to {@code endpoint} if needed and completes with its broker's API versions once the
     * handshake is done; fails like {@link #send} does.
     */
    public CompletableFuture<BrokerApiVersions> connect(Endpoint endpoint) {
        return pool.connect(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** The API versions of {@code endpoint}'s broker if a connection to it is ready now; never blocks. */
    public Optional<BrokerApiVersions> apiVersions(Endpoint endpoint) {
        return pool.apiVersions(endpoint);
    }

    /**
     * Runs blocking host name lookups other than the connections' own, such as resolving the bootstrap names for
     * the metadata cache, on this client's lookup threads ({@code brook-<clientId>-dns-<n>}), never on an event
     * loop. Stopped by {@link #close(Duration)}: tasks submitted after it are rejected with
     * {@link java.util.concurrent.RejectedExecutionException}.
     */
    public Executor lookupExecutor() {
        return resolver::execute;
    }

    /** The negotiator requests are sent with (it holds the user's pins). */
    public VersionNegotiator versionNegotiator() {
        return pool.negotiator();
    }

    public NetworkConfig config() {
        return config;
    }

    /** Whether the native epoll transport is in use. */
    public boolean usesNativeTransport() {
        return eventLoops.isNative();
    }

    /**
     * Whether a request sent to {@code endpoint} now would be written at once: its connection of {@code role} is
     * set up, has fewer than {@code maxInFlightPerConnection} unanswered requests and nothing queued. If the
     * connection is down (and not backing off), this starts connecting it. Any thread; never blocks.
     */
    public boolean ready(Endpoint endpoint, ConnectionRole role) {
        return pool.ready(endpoint, role);
    }

    /** Requests written to {@code endpoint}'s default connection and not yet answered. Any thread. */
    public int inFlightCount(Endpoint endpoint) {
        return pool.inFlightCount(endpoint, ConnectionRole.DEFAULT);
    }

    /** Requests waiting to be written on {@code endpoint}'s default connection. Any thread. */
    public int queuedCount(Endpoint endpoint) {
        return pool.queuedCount(endpoint, ConnectionRole.DEFAULT);
    }

    /** Deadline checks run so far by the endpoint's connection; for tests that must see one happen. */
    long connectionTicks(Endpoint endpoint) {
        return pool.ticks(endpoint);
    }

    /** The endpoint's connection state; for tests and diagnostics. */
    ConnectionSlot.State connectionState(Endpoint endpoint) {
        return pool.state(endpoint);
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Closes every connection, fails queued and in-flight requests with {@code NetworkClientClosedException},
     * shuts the event loops and the lookup threads down and waits for them to end, returning within
     * {@code timeout} (logging a warning if threads are not gone by then; a lookup blocked inside the JDK cannot be
     * interrupted). Idempotent. Called from one of the client's own event-loop threads it starts the same shutdown
     * but cannot wait for it.
     */
    public void close(Duration timeout) {
        close(Deadline.after(time, timeout));
    }

    /** As {@link #close(Duration)}, within a deadline an owner shares between the steps of its own close. */
    public void close(Deadline deadline) {
        boolean first = closing.compareAndSet(false, true);
        CompletableFuture<Void> closed = first ? pool.close() : CompletableFuture.completedFuture(null);
        resolver.shutdownNow();
        if (eventLoops.isOwnThread()) {
            eventLoops.group().shutdownGracefully(0, deadline.remainingMs(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            closed.get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Network client {}: connections not closed within the close timeout; shutting down anyway",
                    config.clientId());
        } catch (ExecutionException e) {
            log.warn("Network client {}: error closing connections", config.clientId(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!eventLoops.shutdown(deadline)) {
                log.warn("Network client {}: I/O threads still running when the close timeout ran out",
                        config.clientId());
            }
            if (!resolver.awaitTermination(deadline)) {
                log.warn("Network client {}: host name lookup threads still running when the close timeout ran out",
                        config.clientId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    private static String softwareVersion() {
        String v = NetworkClient.class.getPackage().getImplementationVersion();
        return v == null || !v.matches("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?") ? "unknown" : v;
    }
}
