package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.util.ExponentialBackoff;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one broker address (for one {@link ConnectionRole}) and its lifecycle, as a state machine:
 * <pre>
 *  DISCONNECTED --send--> CONNECTING --handshake done--> READY --closed/idle--> DISCONNECTED
 *                             |                                                     ^
 *                             +--connect/handshake failed--> BACKING_OFF --expired--+  (next send connects)
 *  any state --close()--> CLOSED
 * </pre>
 * Connections open lazily on the first send. Requests wait in a bounded {@link RequestQueue} while the slot
 * connects, and while READY whenever the connection has no room ({@code maxInFlight} unanswered, or a socket that
 * takes no more bytes); they keep the deadline they got when sent, and a request that would overflow the queue
 * fails at once with {@code RequestQueueFullException}. After a failed attempt the slot backs off exponentially
 * with jitter ({@code reconnect.backoff.ms} doubling up to {@code reconnect.backoff.max.ms}); a send during the
 * backoff <b>fails fast</b> with a retriable {@link NetworkException} instead of waiting, so callers' own retry and
 * timeout budgets stay in charge. A connection that was READY and then closed (broker restart, idle close)
 * reconnects on the next send without backoff; the counter of consecutive failures resets only when a handshake
 * completes.
 *
 * <p>A connection attempt first resolves the host name off the event loop ({@link AddressLookup}; IP literals need
 * no lookup), then connects to one resolved address, so nothing blocks the loop. Successive attempts rotate through
 * the addresses ({@link AddressRotation}). Each attempt's setup timeout, which bounds the lookup and the TCP connect
 * each (the handshake's requests have it as their own timeout), grows as Kafka's does:
 * {@code socket.connection.setup.timeout.ms * 2^failures} with 20% jitter, up to
 * {@code socket.connection.setup.timeout.max.ms}. Every deadline (setup, queued requests, idle close) is read
 * from the injected {@link Time} by a periodic tick, so {@code ManualTime} drives them all.
 *
 * <p>State changes are logged once: the first failure after a success at INFO with the address and the cause,
 * repeats at DEBUG, recovery at INFO.
 *
 * <p>Confined to one event loop ({@link #loop()}), the same that serves its channels; the entry points that
 * may be called from any thread ({@link #submit}, {@link #connect}, {@link #close}) hop onto it.
 * {@link #apiVersions()}, {@link #state()}, {@link #inFlightCount()} and {@link #queuedCount()} read volatile
 * snapshots.
 */
final class ConnectionSlot {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConnectionSlot.class);

    /** The lifecycle states; see the class comment. */
    enum State { DISCONNECTED, CONNECTING, READY, BACKING_OFF, CLOSED }

    /**
     * Opens a channel to {@code endpoint} at {@code address} (already resolved) on {@code loop}; its pipeline
     * completes {@code handshake}, whose requests time out after {@code setupTimeoutMs}.
     */
    interface ChannelOpener {
        ChannelFuture open(Endpoint endpoint, InetSocketAddress address, long setupTimeoutMs, EventLoop loop,
                CompletableFuture<BrokerApiVersions> handshake);
    }

    /** Resolves host names without blocking the caller. */
    @FunctionalInterface
    interface AddressLookup {
        /**
         * Completes, on any thread, with at least one address of {@code host}, or fails with why not (e.g.
         * {@link java.net.UnknownHostException}).
         */
        CompletableFuture<List<InetAddress>> resolve(String host);
    }

    /**
     * What every slot of a pool shares. Immutable.
     *
     * @param reconnectBackoff the wait after the n-th consecutive failed attempt
     * @param setupTimeouts the setup timeout of an attempt after n consecutive failed ones
     * @param maxIdleMs idle time after which a READY connection closes; -1 never
     * @param tickMs how often deadlines are checked
     * @param maxInFlight requests written and unanswered at most
     * @param maxQueued requests waiting to be written at most
     * @param events where connect and disconnect events go
     */
    record Settings(ChannelOpener opener, AddressLookup lookup, VersionNegotiator negotiator, Time time,
            ExponentialBackoff reconnectBackoff, ExponentialBackoff setupTimeouts, long maxIdleMs, long tickMs,
            int maxInFlight, int maxQueued, String clientId, EventSink events) {
        Settings {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(opener, "opener");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(negotiator, "negotiator");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
            Objects.requireNonNull(setupTimeouts, "setupTimeouts");
            Objects.requireNonNull(clientId, "clientId");
            if (tickMs <= 0 || maxInFlight < 1 || maxQueued < 1) {
                throw new IllegalArgumentException("tickMs, maxInFlight and maxQueued must be positive");
            }
        }
    }

    /** Where the slot connects; upgraded once from a bootstrap placeholder id to the broker's node id. */
    private volatile Endpoint endpoint;
    private final EventLoop loop;
    private final Settings settings;
    private final Time time;
    private final RequestQueue queue;
    private final ConnectionEvents events;

    private volatile State state = State.DISCONNECTED;
    private volatile BrokerApiVersions readyVersions;
    private int failures;
    private long backoffUntilMs;
    private Throwable lastFailure;
    private final List<CompletableFuture<BrokerApiVersions>> readyWaiters = new ArrayList<>();
    private final AddressRotation addresses = new AddressRotation();
    /** The pending host name lookup of the current attempt; the attempt's identity until a channel exists. */
    private CompletableFuture<List<InetAddress>> lookup;
    /** Monotonic time by which the current lookup or TCP connect must be done; -1 when none runs. */
    private long setupDeadlineMs = -1;
    private long setupTimeoutMs;
    private Channel connecting;
    /** The READY connection; volatile only for {@link #inFlightCount()}, written on the loop. */
    private volatile BrokerConnection connection;
    private ScheduledFuture<?> tick;
    private volatile long ticks;

    ConnectionSlot(Endpoint endpoint, EventLoop loop, Settings settings) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = settings;
        this.time = settings.time();
        this.queue = new RequestQueue(settings.maxQueued());
        this.events = new ConnectionEvents(settings.events(), settings.clientId(), time);
    }

    EventLoop loop() {
        return loop;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Adopts {@code named}'s node id if this slot only knew its address as a bootstrap name: same host and port,
     * so the same broker. Any thread; the field is only used to name the broker in messages and requests.
     */
    void learnNodeId(Endpoint named) {
        Endpoint current = endpoint;
        if (current.isBootstrap() && !named.isBootstrap()) {
            endpoint = named;
        }
    }

    /** A snapshot of the state; any thread. */
    State state() {
        return state;
    }

    /** The broker's versions while READY; any thread. */
    Optional<BrokerApiVersions> apiVersions() {
        return Optional.ofNullable(readyVersions);
    }

    /** Requests written and not yet answered, as of the last change; any thread. */
    int inFlightCount() {
        BrokerConnection c = connection;
        return c == null ? 0 : c.inFlightCount();
    }

    /** Requests waiting to be written; any thread. */
    int queuedCount() {
        return queue.size();
    }

    /**
     * Whether a request submitted now would be written at once (READY, below the in-flight limit, nothing
     * queued); starts connecting when DISCONNECTED or when a backoff has expired. Any thread.
     */
    boolean readyForMore() {
        State s = state;
        if (s == State.READY) {
            BrokerConnection c = connection;
            return c != null && queue.size() == 0 && c.inFlightCount() < settings.maxInFlight();
        }
        if (s == State.DISCONNECTED || s == State.BACKING_OFF) {
            onLoop(this::connectIfIdle);
        }
        return false;
    }

    private void connectIfIdle() {
        if ((state == State.DISCONNECTED || state == State.BACKING_OFF) && maybeRefuseDuringBackoff() == null) {
            startConnect();
        }
    }

    /** Sends {@code request} from any thread; never throws, never blocks. */
    void submit(OutgoingRequest request) {
        if (!onLoop(() -> send(request))) {
            request.future().completeExceptionally(NetworkErrors.clientClosed(settings.clientId()));
        }
    }

    /** Connects if needed; completes with the broker's versions once READY. Any thread. */
    CompletableFuture<BrokerApiVersions> connect() {
        CompletableFuture<BrokerApiVersions> ready = new CompletableFuture<>();
        if (!onLoop(() -> awaitReady(ready))) {
            ready.completeExceptionally(NetworkErrors.clientClosed(settings.clientId()));
        }
        return ready;
    }

    /**
     * Closes for good: queued and in-flight requests fail with {@code NetworkClientClosedException}. Any
     * thread. The returned future completes once the channels are closed.
     */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!onLoop(() -> closeOnLoop(done))) {
            done.complete(null);
        }
        return done;
    }

    /** Queues {@code task} on the loop even when called there; false if the loop refuses (shutting down). */
    private boolean later(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private boolean onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ event loop only below

    private void send(OutgoingRequest request) {
        switch (state) {
            case READY -> {
                if (enqueue(request)) {
                    connection.drain(queue);
                }
            }
            case CONNECTING -> enqueue(request);
            case CLOSED -> request.future().completeExceptionally(NetworkErrors.clientClosed(settings.clientId()));
            case DISCONNECTED, BACKING_OFF -> {
                BrookException refusal = maybeRefuseDuringBackoff();
                if (refusal != null) {
                    request.future().completeExceptionally(refusal);
                    return;
                }
                // Queue first: the connect attempt may fail synchronously and must find the request to fail it.
                if (enqueue(request)) {
                    startConnect();
                }
            }
        }
    }

    /** Queues {@code request}, or fails it if the queue is full; whether it was queued. */
    private boolean enqueue(OutgoingRequest request) {
        if (queue.offer(request)) {
            startTicking();
            return true;
        }
        request.future().completeExceptionally(NetworkErrors.queueFull(endpoint, queue.capacity(), state.name()));
        return false;
    }

    private void awaitReady(CompletableFuture<BrokerApiVersions> ready) {
        switch (state) {
            case READY -> ready.complete(readyVersions);
            case CONNECTING -> readyWaiters.add(ready);
            case CLOSED -> ready.completeExceptionally(NetworkErrors.clientClosed(settings.clientId()));
            case DISCONNECTED, BACKING_OFF -> {
                BrookException refusal = maybeRefuseDuringBackoff();
                if (refusal != null) {
                    ready.completeExceptionally(refusal);
                    return;
                }
                readyWaiters.add(ready);
                startConnect();
            }
        }
    }

    /** While backing off: the error to fail fast with; null once the backoff has expired (or in DISCONNECTED). */
    private BrookException maybeRefuseDuringBackoff() {
        if (state != State.BACKING_OFF) {
            return null;
        }
        long remaining = backoffUntilMs - time.monotonicMs();
        return remaining > 0 ? NetworkErrors.backingOff(endpoint, failures, remaining, lastFailure) : null;
    }

    // ---- connecting ---------------------------------------------------------------------------------------------

    private void startConnect() {
        // Kafka's rule: after n consecutive failed attempts, initial * 2^n with jitter, up to the maximum.
        setupTimeoutMs = settings.setupTimeouts().backoffMs(failures);
        // The deadline is set before the state is published, so a reader that sees CONNECTING sees it too.
        setupDeadlineMs = time.monotonicMs() + setupTimeoutMs;
        state = State.CONNECTING;
        startTicking();
        InetAddress address = addresses.next();
        if (address != null) {
            openChannel(address);
        } else {
            startLookup();
        }
    }

    private void startLookup() {
        CompletableFuture<List<InetAddress>> attempt = resolve(endpoint.host());
        lookup = attempt;
        // Completes on a lookup thread (or here, at once, for an IP literal): hop back onto the loop.
        attempt.whenComplete((resolved, error) -> onLoop(() -> onLookupDone(attempt, resolved, error)));
    }

    private CompletableFuture<List<InetAddress>> resolve(String host) {
        try {
            return settings.lookup().resolve(host);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void onLookupDone(CompletableFuture<List<InetAddress>> attempt, List<InetAddress> resolved,
            Throwable error) {
        if (attempt != lookup) {
            return; // the attempt timed out or the slot closed meanwhile
        }
        lookup = null;
        setupDeadlineMs = -1;
        if (error != null) {
            onSetupFailed(null, NetworkErrors.unresolved(endpoint, unwrap(error)));
            return;
        }
        addresses.update(resolved);
        openChannel(addresses.next());
    }

    private void openChannel(InetAddress address) {
        CompletableFuture<BrokerApiVersions> handshake = new CompletableFuture<>();
        ChannelFuture connectFuture;
        try {
            connectFuture = settings.opener().open(endpoint, new InetSocketAddress(address, endpoint.port()),
                    setupTimeoutMs, loop, handshake);
        } catch (RuntimeException e) {
            connecting = null;
            onSetupFailed(null, e);
            return;
        }
        Channel ch = connectFuture.channel();
        connecting = ch;
        setupDeadlineMs = time.monotonicMs() + setupTimeoutMs;
        connectFuture.addListener(f -> {
            if (!f.isSuccess()) {
                onSetupFailed(ch, f.cause());
            } else if (ch == connecting) {
                // Connected: from here the handshake's requests carry their own timeout.
                setupDeadlineMs = -1;
            }
        });
        // Completed by the handshake handlers on this loop; the hop is only a guard.
        handshake.whenComplete((versions, error) -> onLoop(() -> {
            if (error == null) {
                onReady(ch, versions);
            } else {
                onSetupFailed(ch, error);
            }
        }));
        ch.closeFuture().addListener(f -> onClosed(ch, connectFuture));
    }

    private void onReady(Channel ch, BrokerApiVersions versions) {
        if (ch != connecting || state != State.CONNECTING) {
            ch.close();
            return;
        }
        connecting = null;
        setupDeadlineMs = -1;
        BrokerConnection ready = new BrokerConnection(endpoint, ch, versions, settings.negotiator(), time,
                settings.maxInFlight());
        connection = ready;
        InFlightRequests inFlight = ch.pipeline().get(InFlightRequests.class);
        if (inFlight != null) {
            inFlight.onRoom(() -> onRoom(ready));
        }
        readyVersions = versions;
        if (failures > 0) {
            log.info("[{}] Connected to {} again after {} failed attempt(s)", settings.clientId(), endpoint, failures);
        }
        failures = 0;
        lastFailure = null;
        state = State.READY;
        events.connected(endpoint);
        ready.drain(queue);
        for (CompletableFuture<BrokerApiVersions> waiter : drainWaiters()) {
            waiter.complete(versions);
        }
    }

    /** A response arrived, a request failed or the socket drained: write what waits. */
    private void onRoom(BrokerConnection from) {
        if (state == State.READY && connection == from) {
            from.drain(queue);
        } else {
            from.updateInFlightCount();
        }
    }

    private void onSetupFailed(Channel ch, Throwable cause) {
        if (ch != connecting || state != State.CONNECTING) {
            return;
        }
        connecting = null;
        lookup = null;
        setupDeadlineMs = -1;
        if (ch != null) {
            ch.close();
        }
        failures++;
        lastFailure = cause;
        long backoffMs = settings.reconnectBackoff().backoffMs(failures - 1);
        backoffUntilMs = time.monotonicMs() + backoffMs;
        state = State.BACKING_OFF;
        BrookException error = NetworkErrors.connectFailed(endpoint, cause);
        if (failures == 1) {
            log.info("[{}] {}; retrying with backoff (further failures are logged at DEBUG)", settings.clientId(),
                    error.getMessage());
        } else {
            log.debug("[{}] {} (attempt {}, next in {} ms)", settings.clientId(), error.getMessage(), failures,
                    backoffMs);
        }
        events.disconnected(endpoint, error.getMessage());
        queue.failAll(error);
        for (CompletableFuture<BrokerApiVersions> waiter : drainWaiters()) {
            waiter.completeExceptionally(error);
        }
    }

    private void onClosed(Channel ch, ChannelFuture connectFuture) {
        if (ch == connecting) {
            // Netty closes a channel whose connect failed before our listener on the connect future runs, so that
            // failure (refused, timed out) is the reason if there is one. Otherwise the handshake handler normally
            // reports first; this covers a close it did not see.
            Throwable connectFailure = connectFuture.isDone() ? connectFuture.cause() : null;
            if (connectFailure != null) {
                onSetupFailed(ch, connectFailure);
                return;
            }
            // Netty completes the close future first and queues the pipeline's channel-inactive after it (this
            // listener runs before that task is queued). Two hops put the fallback after the pipeline, so that a
            // handshake handler (TLS, SASL, ApiVersions) names the reason first, typed: e.g. a TLS handshake that
            // the peer hung up on is a plaintext port.
            Runnable report = () -> onSetupFailed(ch, new NetworkException("Connection to " + endpoint
                    + " closed during setup"));
            if (!later(() -> later(report))) {
                report.run(); // the loop is shutting down: no handler will speak
            }
            return;
        }
        if (connection != null && connection.channel() == ch) {
            connection = null;
            readyVersions = null;
            // As Kafka does: resolve again before reconnecting, the broker may have moved.
            addresses.forget();
            if (state == State.READY) {
                state = State.DISCONNECTED;
                log.debug("[{}] Connection to {} closed", settings.clientId(), endpoint);
                events.disconnected(endpoint, "closed");
                if (!queue.isEmpty()) {
                    // Requests that never reached the old connection go out on a new one.
                    startConnect();
                }
            }
        }
    }

    // ---- deadlines ------------------------------------------------------------------------------------------

    /** Starts the periodic deadline check; it stops itself when nothing is left to watch. */
    private void startTicking() {
        if (tick == null) {
            tick = loop.scheduleAtFixedRate(this::onTick, settings.tickMs(), settings.tickMs(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void stopTicking() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    /** How many deadline checks have run; a test seam, so checks can be awaited instead of slept for. */
    long ticks() {
        return ticks;
    }

    private void onTick() {
        ticks++;
        long nowMs = time.monotonicMs();
        for (OutgoingRequest expired : queue.expire(nowMs)) {
            expired.future().completeExceptionally(NetworkErrors.timedOutQueued(expired, endpoint, state.name()));
        }
        if (state == State.CONNECTING && setupDeadlineMs >= 0 && nowMs >= setupDeadlineMs) {
            if (lookup != null) {
                CompletableFuture<List<InetAddress>> timedOut = lookup;
                lookup = null;
                timedOut.cancel(false);
                // The attempt is identified by its lookup until a channel exists: pretend none is connecting.
                onSetupFailed(null, NetworkErrors.lookupTimedOut(endpoint, setupTimeoutMs));
            } else if (connecting != null) {
                onSetupFailed(connecting, NetworkErrors.connectTimedOut(endpoint, setupTimeoutMs));
            }
        }
        if (state == State.READY && settings.maxIdleMs() >= 0 && queue.isEmpty()
                && connection.isIdle(nowMs, settings.maxIdleMs())) {
            // onClosed moves us to DISCONNECTED; the next send reconnects.
            connection.channel().close();
        }
        if ((state == State.DISCONNECTED || state == State.BACKING_OFF || state == State.CLOSED) && queue.isEmpty()) {
            stopTicking();
        }
    }

    private void closeOnLoop(CompletableFuture<Void> done) {
        if (state == State.CLOSED) {
            done.complete(null);
            return;
        }
        state = State.CLOSED;
        readyVersions = null;
        lookup = null;
        setupDeadlineMs = -1;
        stopTicking();
        BrookException error = NetworkErrors.clientClosed(settings.clientId());
        queue.failAll(error);
        for (CompletableFuture<BrokerApiVersions> waiter : drainWaiters()) {
            waiter.completeExceptionally(error);
        }
        Channel toClose = connection != null ? connection.channel() : connecting;
        if (connection != null) {
            connection.failAllAndClose(error);
        } else if (connecting != null) {
            connecting.close();
        }
        connection = null;
        connecting = null;
        if (toClose == null) {
            done.complete(null);
        } else {
            toClose.closeFuture().addListener(f -> done.complete(null));
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private List<CompletableFuture<BrokerApiVersions>> drainWaiters() {
        List<CompletableFuture<BrokerApiVersions>> waiters = new ArrayList<>(readyWaiters);
        readyWaiters.clear();
        return waiters;
    }
}
