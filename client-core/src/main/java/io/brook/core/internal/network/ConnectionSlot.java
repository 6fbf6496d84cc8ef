package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.core.Time;
import io.brook.core.internal.util.ExponentialBackoff;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one broker endpoint and its lifecycle, as a state machine:
 * <pre>
 *  DISCONNECTED --send--> CONNECTING --handshake done--> READY --closed/idle--> DISCONNECTED
 *                             |                                                     ^
 *                             +--connect/handshake failed--> BACKING_OFF --expired--+  (next send connects)
 *  any state --close()--> CLOSED
 * </pre>
 * Connections open lazily on the first send. Sends that arrive while CONNECTING are queued and go out once the
 * handshake completes (or fail with it). After a failed attempt the slot backs off exponentially with jitter
 * ({@code reconnect.backoff.ms} doubling up to {@code reconnect.backoff.max.ms}); a send during the backoff
 * <b>fails fast</b> with a retriable {@link NetworkException} instead of waiting, so callers' own retry and
 * timeout budgets stay in charge and nothing piles up behind a dead broker. A connection that was READY and then
 * closed (broker restart, idle close) reconnects on the next send without backoff; the counter of consecutive
 * failures resets only when a handshake completes.
 *
 * <p>A connection attempt first resolves the endpoint's host name off the event loop ({@link AddressLookup}; IP
 * literals need no lookup), then connects to one resolved address with the name already resolved, so nothing
 * blocks the loop. Successive attempts rotate through the addresses ({@link AddressRotation}). Each attempt's
 * setup timeout, which bounds the lookup, the TCP connect and the handshake each, grows as Kafka's does:
 * {@code socket.connection.setup.timeout.ms * 2^failures} with 20% jitter, up to
 * {@code socket.connection.setup.timeout.max.ms}.
 *
 * <p>Confined to one event loop ({@link #loop()}), the same that serves its channels; the entry points that
 * may be called from any thread ({@link #submit}, {@link #connect}, {@link #close}) hop onto it.
 * {@link #apiVersions()} and {@link #state()} read volatile snapshots.
 */
final class ConnectionSlot {
    /** The lifecycle states; see the class comment. */
    enum State { DISCONNECTED, CONNECTING, READY, BACKING_OFF, CLOSED }

    /**
     * Opens a channel to {@code endpoint} at {@code address} (already resolved) on {@code loop}; its pipeline
     * completes {@code handshake}. Connect and handshake are each bounded by {@code setupTimeoutMs}.
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
     */
    record Settings(ChannelOpener opener, AddressLookup lookup, VersionNegotiator negotiator, Time time,
            ExponentialBackoff reconnectBackoff, ExponentialBackoff setupTimeouts, long maxIdleMs,
            long idleCheckTickMs, String clientId) {
        Settings {
            Objects.requireNonNull(opener, "opener");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(negotiator, "negotiator");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
            Objects.requireNonNull(setupTimeouts, "setupTimeouts");
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /** Where the slot connects; upgraded once from a bootstrap placeholder id to the broker's node id. */
    private volatile Endpoint endpoint;
    private final EventLoop loop;
    private final ChannelOpener opener;
    private final AddressLookup lookups;
    private final VersionNegotiator negotiator;
    private final Time time;
    private final ExponentialBackoff backoff;
    private final ExponentialBackoff setupTimeouts;
    private final long maxIdleMs;
    private final long idleCheckTickMs;
    private final String clientId;

    private volatile State state = State.DISCONNECTED;
    private volatile BrokerApiVersions readyVersions;
    private int failures;
    private long backoffUntilMs;
    private Throwable lastFailure;
    private final ArrayDeque<OutgoingRequest> queued = new ArrayDeque<>();
    private final List<CompletableFuture<BrokerApiVersions>> readyWaiters = new ArrayList<>();
    private final AddressRotation addresses = new AddressRotation();
    /** The pending host name lookup of the current attempt; the attempt's identity until a channel exists. */
    private CompletableFuture<List<InetAddress>> lookup;
    private ScheduledFuture<?> lookupTimeout;
    private Channel connecting;
    private BrokerConnection connection;
    private ScheduledFuture<?> idleCheck;

    ConnectionSlot(Endpoint endpoint, EventLoop loop, Settings settings) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.opener = settings.opener();
        this.lookups = settings.lookup();
        this.negotiator = settings.negotiator();
        this.time = settings.time();
        this.backoff = settings.reconnectBackoff();
        this.setupTimeouts = settings.setupTimeouts();
        this.maxIdleMs = settings.maxIdleMs();
        this.idleCheckTickMs = settings.idleCheckTickMs();
        this.clientId = settings.clientId();
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

    /** Sends {@code request} from any thread; never throws, never blocks. */
    void submit(OutgoingRequest request) {
        if (!onLoop(() -> send(request))) {
            request.future().completeExceptionally(NetworkErrors.clientClosed(clientId));
        }
    }

    /** Connects if needed; completes with the broker's versions once READY. Any thread. */
    CompletableFuture<BrokerApiVersions> connect() {
        CompletableFuture<BrokerApiVersions> ready = new CompletableFuture<>();
        if (!onLoop(() -> awaitReady(ready))) {
            ready.completeExceptionally(NetworkErrors.clientClosed(clientId));
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
            case READY -> connection.send(request);
            case CONNECTING -> queued.add(request);
            case CLOSED -> request.future().completeExceptionally(NetworkErrors.clientClosed(clientId));
            case DISCONNECTED, BACKING_OFF -> {
                BrookException refusal = maybeRefuseDuringBackoff();
                if (refusal != null) {
                    request.future().completeExceptionally(refusal);
                    return;
                }
                // Queue first: the connect attempt may fail synchronously and must find the request to fail it.
                queued.add(request);
                startConnect();
            }
        }
    }

    private void awaitReady(CompletableFuture<BrokerApiVersions> ready) {
        switch (state) {
            case READY -> ready.complete(readyVersions);
            case CONNECTING -> readyWaiters.add(ready);
            case CLOSED -> ready.completeExceptionally(NetworkErrors.clientClosed(clientId));
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

    private void startConnect() {
        state = State.CONNECTING;
        // Kafka's rule: after n consecutive failed attempts, initial * 2^n with jitter, up to the maximum.
        long setupTimeoutMs = setupTimeouts.backoffMs(failures);
        InetAddress address = addresses.next();
        if (address != null) {
            openChannel(address, setupTimeoutMs);
        } else {
            startLookup(setupTimeoutMs);
        }
    }

    private void startLookup(long setupTimeoutMs) {
        CompletableFuture<List<InetAddress>> attempt = resolve(endpoint.host());
        lookup = attempt;
        if (!attempt.isDone()) {
            // Real time, like the connect timeout: the lookup runs outside Brook, on a thread that cannot be stopped.
            lookupTimeout = loop.schedule(() -> onLookupTimedOut(attempt, setupTimeoutMs), setupTimeoutMs,
                    TimeUnit.MILLISECONDS);
        }
        // Completes on a lookup thread (or here, at once, for an IP literal): hop back onto the loop.
        attempt.whenComplete((resolved, error) -> onLoop(() -> onLookupDone(attempt, resolved, error,
                setupTimeoutMs)));
    }

    private CompletableFuture<List<InetAddress>> resolve(String host) {
        try {
            return lookups.resolve(host);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void onLookupDone(CompletableFuture<List<InetAddress>> attempt, List<InetAddress> resolved,
            Throwable error, long setupTimeoutMs) {
        if (attempt != lookup) {
            return; // the attempt timed out or the slot closed meanwhile
        }
        endLookup();
        if (error != null) {
            onSetupFailed(null, NetworkErrors.unresolved(endpoint, unwrap(error)));
            return;
        }
        addresses.update(resolved);
        openChannel(addresses.next(), setupTimeoutMs);
    }

    private void onLookupTimedOut(CompletableFuture<List<InetAddress>> attempt, long timeoutMs) {
        if (attempt != lookup) {
            return;
        }
        endLookup();
        onSetupFailed(null, NetworkErrors.lookupTimedOut(endpoint, timeoutMs));
    }

    private void endLookup() {
        lookup = null;
        if (lookupTimeout != null) {
            lookupTimeout.cancel(false);
            lookupTimeout = null;
        }
    }

    private void openChannel(InetAddress address, long setupTimeoutMs) {
        CompletableFuture<BrokerApiVersions> handshake = new CompletableFuture<>();
        ChannelFuture connectFuture;
        try {
            connectFuture = opener.open(endpoint, new InetSocketAddress(address, endpoint.port()), setupTimeoutMs,
                    loop, handshake);
        } catch (RuntimeException e) {
            connecting = null;
            onSetupFailed(null, e);
            return;
        }
        Channel ch = connectFuture.channel();
        connecting = ch;
        connectFuture.addListener(f -> {
            if (!f.isSuccess()) {
                onSetupFailed(ch, f.cause());
            }
        });
        // Completed by the handshake handler on this loop; the hop is only a guard.
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
        connection = new BrokerConnection(endpoint, ch, versions, negotiator, time);
        readyVersions = versions;
        failures = 0;
        lastFailure = null;
        state = State.READY;
        startIdleCheck();
        while (!queued.isEmpty()) {
            connection.send(queued.poll());
        }
        for (CompletableFuture<BrokerApiVersions> waiter : drainWaiters()) {
            waiter.complete(versions);
        }
    }

    private void onSetupFailed(Channel ch, Throwable cause) {
        if (ch != connecting || state != State.CONNECTING) {
            return;
        }
        connecting = null;
        if (ch != null) {
            ch.close();
        }
        failures++;
        lastFailure = cause;
        backoffUntilMs = time.monotonicMs() + backoff.backoffMs(failures - 1);
        state = State.BACKING_OFF;
        BrookException error = NetworkErrors.connectFailed(endpoint, cause);
        while (!queued.isEmpty()) {
            queued.poll().future().completeExceptionally(error);
        }
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
            onSetupFailed(ch, connectFailure != null ? connectFailure
                    : new NetworkException("Connection to " + endpoint + " closed during setup"));
            return;
        }
        if (connection != null && connection.channel() == ch) {
            connection = null;
            readyVersions = null;
            // As Kafka does: resolve again before reconnecting, the broker may have moved.
            addresses.forget();
            stopIdleCheck();
            if (state == State.READY) {
                state = State.DISCONNECTED;
            }
        }
    }

    private void startIdleCheck() {
        if (maxIdleMs < 0) {
            return;
        }
        idleCheck = loop.scheduleAtFixedRate(this::maybeCloseIdle, idleCheckTickMs, idleCheckTickMs,
                TimeUnit.MILLISECONDS);
    }

    private void stopIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    private void maybeCloseIdle() {
        if (state == State.READY && connection.isIdle(time.monotonicMs(), maxIdleMs)) {
            // onClosed moves us to DISCONNECTED; the next send reconnects.
            connection.channel().close();
        }
    }

    private void closeOnLoop(CompletableFuture<Void> done) {
        if (state == State.CLOSED) {
            done.complete(null);
            return;
        }
        state = State.CLOSED;
        readyVersions = null;
        endLookup();
        stopIdleCheck();
        BrookException error = NetworkErrors.clientClosed(clientId);
        while (!queued.isEmpty()) {
            queued.poll().future().completeExceptionally(error);
        }
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
