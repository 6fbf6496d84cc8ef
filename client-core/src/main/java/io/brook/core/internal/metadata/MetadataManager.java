package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkClientClosedException;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's cache of cluster metadata and the logic that keeps it fresh.
 *
 * <p>It refreshes
 * <ul>
 *   <li>when the snapshot is older than {@code metadata.max.age.ms};
 *   <li>on demand: {@link #requestUpdate()} joins a refresh already in flight, so concurrent callers share one
 *       request; {@link #requestFreshUpdate()} waits for a request sent after the call;
 *   <li>after errors that mean the cache is out of date ({@link #invalidate(Errors)}), and when a newer leader
 *       epoch is seen elsewhere ({@link #updateLastSeenEpoch});
 *   <li>again after a failed attempt or an incomplete answer (a partition without leader, a stale epoch), after
 *       an exponential backoff from {@code retry.backoff.ms} to {@code retry.backoff.max.ms}. Refresh attempts are
 *       never closer than {@code retry.backoff.ms}, even on demand.
 * </ul>
 * It asks the broker that has not failed (or failed longest ago), rotating among equals. Before the first answer
 * it asks the bootstrap endpoints. With {@code metadata.recovery.strategy=rebootstrap}, when every known broker
 * failed since the last answer, when refreshes failed for {@code metadata.recovery.rebootstrap.trigger.ms}, or
 * when a broker answers {@code REBOOTSTRAP_REQUIRED}, it resolves the bootstrap names again (DNS, per
 * {@code client.dns.lookup}) and starts over from them.
 *
 * <p>Answers are applied partition by partition; a partition whose leader epoch is older than the one already
 * known is kept as it was (see {@link MetadataResponseMapper}).
 *
 * <p>Waiting callers are completed with the snapshot of the next successful refresh. A retriable failure keeps
 * them waiting for the retry (callers bound the wait with their own deadline); a non-retriable one fails them;
 * {@link #close()} fails all with {@link BrookException}.
 *
 * <p>Threading: no thread of its own. Timers run through the injected {@link Scheduler}; responses arrive on
 * whichever thread completes the {@link RequestSender}'s future (a Netty event loop). All mutable state is
 * guarded by {@code lock}; the current snapshot is also published through a volatile field so that
 * {@link #snapshot()} never locks. Futures and listeners are completed outside the lock, and requests are sent
 * outside it. Nothing here blocks. {@link #close()} cancels the timer; answers arriving later are dropped.
 */
public final class MetadataManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetadataManager.class);

    private final MetadataConfig config;
    private final RequestSender sender;
    private final BootstrapResolver bootstrapResolver;
    private final Time time;
    private final Scheduler scheduler;
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();

    // Everything below is guarded by lock.
    private final UpdateWaiters waiters = new UpdateWaiters();
    private final RefreshTargets targets;
    private final LastSeenEpochs lastSeenEpochs = new LastSeenEpochs();
    private final RefreshBackoff backoff;
    private WantedTopics wanted;
    /** The topics the attempt in flight asks about, or null. */
    private WantedTopics inFlightTopics;
    private boolean started;
    private boolean closed;
    /** Someone wants a refresh that has not been sent yet. */
    private boolean refreshWanted;
    /** A fresh refresh was wished for while an attempt was in flight: another follows that attempt. */
    private boolean freshAfterInFlight;
    private Scheduler.Cancellable timer;
    private long timerDueMs;
    private Throwable lastError;

    /**
     * Creates a manager; it sends nothing until {@link #start()} or a first request for an update.
     *
     * @param wanted the topics to keep metadata for at first
     */
    public MetadataManager(MetadataConfig config, RequestSender sender, BootstrapResolver bootstrapResolver,
            Time time, Scheduler scheduler, WantedTopics wanted) {
        this.config = Objects.requireNonNull(config, "config");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.bootstrapResolver = Objects.requireNonNull(bootstrapResolver, "bootstrapResolver");
        this.time = Objects.requireNonNull(time, "time");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
        this.targets = new RefreshTargets(config.clientId(), config.recoveryStrategy(), config.rebootstrapTriggerMs());
        this.backoff = new RefreshBackoff(config.retryBackoff());
    }

    /** Whether metadata should be refreshed after a response carried {@code error}. */
    public static boolean invalidates(Errors error) {
        return MetadataErrors.invalidatesMetadata(error);
    }

    /** Starts the first refresh (from the bootstrap endpoints) and the age timer. Idempotent. */
    public void start() {
        run(locked(() -> {
            started = true;
            return maybeRefreshLocked(time.monotonicMs());
        }));
    }

    /** The latest snapshot; {@link ClusterSnapshot#empty()} before the first answer. Never blocks. */
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /**
     * A refresh as soon as the backoff allows; joins the one in flight, if any.
     *
     * @return completes with the snapshot of that refresh (or of a retry, if it fails retriably); fails on a
     *     non-retriable failure or on close. Never completed while the manager's lock is held.
     */
    public CompletableFuture<ClusterSnapshot> requestUpdate() {
        return enqueue(false);
    }

    /**
     * As {@link #requestUpdate()} but answered only by a request sent after this call: for callers that learned
     * the cache is wrong and must not accept an answer that may predate the change.
     */
    public CompletableFuture<ClusterSnapshot> requestFreshUpdate() {
        return enqueue(true);
    }

    /**
     * Reacts to an error code in some response: if it means the metadata is out of date (see
     * {@link #invalidates}), requests a fresh refresh; with {@code REBOOTSTRAP_REQUIRED}, from the bootstrap
     * endpoints.
     *
     * @return whether a refresh was requested
     */
    public boolean invalidate(Errors error) {
        if (!invalidates(error)) {
            return false;
        }
        run(locked(() -> {
            if (error == Errors.REBOOTSTRAP_REQUIRED) {
                targets.rebootstrap("a broker answered " + error);
            }
            return requestLocked(true, null);
        }));
        return true;
    }

    /**
     * Records a leader epoch seen outside metadata (in a fetch or produce response). A later metadata answer with
     * an older epoch for the partition is then ignored as stale.
     *
     * @return whether the epoch is newer than the cached one, in which case a fresh refresh was requested
     */
    public boolean updateLastSeenEpoch(TopicPartition partition, int leaderEpoch) {
        if (leaderEpoch < 0) {
            return false;
        }
        int cached = snapshot.partition(partition).map(PartitionMetadata::leaderEpoch)
                .orElse(PartitionMetadata.UNKNOWN_EPOCH);
        boolean newer = leaderEpoch > cached;
        run(locked(() -> {
            lastSeenEpochs.record(partition, leaderEpoch);
            return newer ? requestLocked(true, null) : null;
        }));
        return newer;
    }

    public WantedTopics wantedTopics() {
        lock.lock();
        try {
            return wanted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the wanted topics. If the current snapshot lacks some of them, a refresh is requested.
     */
    public void setWantedTopics(WantedTopics topics) {
        Objects.requireNonNull(topics, "topics");
        run(locked(() -> {
            wanted = topics;
            return answered(topics) ? null : requestLocked(!coveredInFlight(topics), null);
        }));
    }

    /**
     * Adds wanted topics.
     *
     * @return the current snapshot if it already answers for every one of them (with metadata or a topic
     *     error), else the snapshot of the refresh that asks for them
     */
    public CompletableFuture<ClusterSnapshot> addWantedTopics(Collection<String> topics) {
        CompletableFuture<ClusterSnapshot> result = new CompletableFuture<>();
        WantedTopics added = WantedTopics.of(topics);
        run(locked(() -> {
            wanted = wanted.plus(added.names());
            if (answered(added)) {
                result.complete(snapshot);
                return null;
            }
            return requestLocked(!coveredInFlight(added), result);
        }));
        return result;
    }

    /** Stops wanting {@code topics}; the next refresh leaves them out. No effect while all topics are wanted. */
    public void removeWantedTopics(Collection<String> topics) {
        lock.lock();
        try {
            wanted = wanted.minus(topics);
        } finally {
            lock.unlock();
        }
    }

    /** Calls {@code listener} after every successful refresh, on the thread that applied it. Must not block. */
    public void addListener(Consumer<ClusterSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The failure of the most recent failed attempt, if the latest attempt failed. */
    public Optional<Throwable> lastError() {
        lock.lock();
        try {
            return Optional.ofNullable(lastError);
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the timer and fails every waiter; answers in flight are dropped. Idempotent; never blocks. */
    @Override
    public void close() {
        List<CompletableFuture<ClusterSnapshot>> toFail;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimerLocked();
            toFail = waiters.takeAll();
        } finally {
            lock.unlock();
        }
        BrookException closedError = closedException();
        toFail.forEach(f -> f.completeExceptionally(closedError));
    }

    // ---- requesting -------------------------------------------------------------------------------------------

    private CompletableFuture<ClusterSnapshot> enqueue(boolean fresh) {
        CompletableFuture<ClusterSnapshot> result = new CompletableFuture<>();
        run(locked(() -> requestLocked(fresh, result)));
        return result;
    }

    /**
     * Registers a wish for a refresh and its waiter, if any. A non-fresh wish joins the attempt in flight; a fresh
     * one made while an attempt is in flight waits for the attempt after it.
     *
     * @return the action to run after unlocking, or null
     */
    private Runnable requestLocked(boolean fresh, CompletableFuture<ClusterSnapshot> waiter) {
        if (closed) {
            if (waiter != null) {
                waiter.completeExceptionally(closedException());
            }
            return null;
        }
        started = true;
        if (inFlightTopics != null && fresh) {
            freshAfterInFlight = true;
            if (waiter != null) {
                waiters.addUpcoming(waiter);
            }
        } else {
            if (inFlightTopics == null) {
                refreshWanted = true;
            }
            if (waiter != null) {
                waiters.addCurrent(waiter);
            }
        }
        return maybeRefreshLocked(time.monotonicMs());
    }

    private boolean answered(WantedTopics topics) {
        ClusterSnapshot current = snapshot;
        if (current.isEmpty()) {
            return false;
        }
        return !topics.all() && current.topicNames().containsAll(topics.names());
    }

    private boolean coveredInFlight(WantedTopics topics) {
        return inFlightTopics != null && inFlightTopics.covers(topics);
    }

    // ---- scheduling -------------------------------------------------------------------------------------------

    /**
     * Starts an attempt if one is due, else arms the timer for when one will be.
     *
     * @return the attempt to start after unlocking, or null
     */
    private Runnable maybeRefreshLocked(long nowMs) {
        if (closed || !started || inFlightTopics != null) {
            return null;
        }
        boolean due = refreshWanted || waiters.hasUpcoming() || snapshot.isEmpty();
        long dueMs = due ? Math.max(nowMs, backoff.nextAllowedMs())
                : Math.max(saturatedAdd(snapshot.updatedAtMs(), config.metadataMaxAgeMs()), backoff.nextAllowedMs());
        if (dueMs > nowMs) {
            armTimerLocked(dueMs, nowMs);
            return null;
        }
        cancelTimerLocked();
        return startAttemptLocked(nowMs);
    }

    private void armTimerLocked(long dueMs, long nowMs) {
        if (timer != null && timerDueMs == dueMs) {
            return;
        }
        cancelTimerLocked();
        timerDueMs = dueMs;
        timer = scheduler.schedule(this::onTimer, dueMs - nowMs);
    }

    private void cancelTimerLocked() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void onTimer() {
        run(locked(() -> {
            timer = null;
            return maybeRefreshLocked(time.monotonicMs());
        }));
    }

    // ---- one attempt ------------------------------------------------------------------------------------------

    private Runnable startAttemptLocked(long nowMs) {
        refreshWanted = false;
        freshAfterInFlight = false;
        waiters.attemptStarted();
        WantedTopics topics = wanted;
        inFlightTopics = topics;
        Endpoint target = targets.choose(brokerEndpoints(), nowMs);
        if (target == null) {
            return () -> resolveBootstrapThenSend(topics);
        }
        return () -> send(target, topics);
    }

    private List<Endpoint> brokerEndpoints() {
        return snapshot.brokers().stream().map(BrokerNode::endpoint).toList();
    }

    private MetadataRequest buildRequest(WantedTopics topics) {
        List<MetadataRequest.MetadataRequestTopic> requestTopics = topics.all() ? null
                : topics.names().stream().map(n -> MetadataRequest.MetadataRequestTopic.builder().name(n).build())
                        .toList();
        // Only fields every supported version carries, or that are ignorable, so the negotiated version decides.
        return MetadataRequest.builder()
                .topics(requestTopics)
                .allowAutoTopicCreation(config.allowAutoTopicCreation())
                .build();
    }

    private void resolveBootstrapThenSend(WantedTopics topics) {
        CompletableFuture<List<Endpoint>> resolution;
        try {
            resolution = bootstrapResolver.resolve();
        } catch (RuntimeException e) {
            resolution = CompletableFuture.failedFuture(e);
        }
        resolution.whenComplete((endpoints, error) -> {
            RefreshOutcome outcome;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (error != null || endpoints == null || endpoints.isEmpty()) {
                    Throwable cause = error != null ? unwrap(error)
                            : new BrookException("bootstrap.servers resolved to no address");
                    // DNS may recover: a failed resolution is always worth retrying.
                    outcome = attemptFailedLocked(null, cause, true);
                } else {
                    Endpoint target = targets.bootstrapResolved(endpoints, time.monotonicMs());
                    outcome = RefreshOutcome.next(() -> send(target, topics));
                }
            } finally {
                lock.unlock();
            }
            outcome.finish(this::notifyListeners);
        });
    }

    private void send(Endpoint target, WantedTopics topics) {
        if (isClosed()) {
            return;
        }
        log.debug("[{}] Requesting metadata for {} from {}", config.clientId(), topics, target);
        CompletableFuture<MetadataResponse> response;
        try {
            response = sender.send(target, buildRequest(topics));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, error) -> {
            RefreshOutcome outcome;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                outcome = error != null ? attemptFailedLocked(target, unwrap(error), isRetriable(unwrap(error)))
                        : responseLocked(target, r);
            } finally {
                lock.unlock();
            }
            outcome.finish(this::notifyListeners);
        });
    }

    /** Applies an answer, or treats it as a failed attempt if it is unusable. */
    private RefreshOutcome responseLocked(Endpoint target, MetadataResponse response) {
        Errors topLevel = Errors.forCode(response.errorCode());
        if (topLevel == Errors.REBOOTSTRAP_REQUIRED) {
            targets.rebootstrap(target + " answered " + topLevel);
        }
        if (topLevel != Errors.NONE) {
            // REBOOTSTRAP_REQUIRED is not retriable as such, but asking the bootstrap endpoints is the retry.
            return attemptFailedLocked(target, topLevel.exception("Metadata request to " + target + " failed with "
                    + topLevel + ": " + topLevel.defaultMessage()),
                    topLevel.isRetriable() || topLevel == Errors.REBOOTSTRAP_REQUIRED);
        }
        if (response.brokers().isEmpty()) {
            return attemptFailedLocked(target, new BrookException("Metadata response from " + target
                    + " lists no brokers"), true);
        }
        long nowMs = time.monotonicMs();
        MetadataResponseMapper.Result result;
        try {
            result = MetadataResponseMapper.map(response, snapshot, lastSeenEpochs.asMap(), nowMs);
        } catch (RuntimeException e) {
            // A broker answered nonsense (e.g. a broker id listed twice): like a failed attempt.
            return attemptFailedLocked(target, new BrookException("Invalid metadata response from " + target + ": "
                    + e.getMessage(), e), true);
        }
        applyLocked(target, result.snapshot(), result.incomplete(), nowMs);
        List<CompletableFuture<ClusterSnapshot>> toComplete = waiters.takeCurrent();
        return new RefreshOutcome(result.snapshot(), toComplete, List.of(), null, deferred(maybeRefreshLocked(nowMs)));
    }

    private void applyLocked(Endpoint target, ClusterSnapshot next, boolean incomplete, long nowMs) {
        ClusterSnapshot previous = snapshot;
        lastSeenEpochs.forgetRecreatedTopics(previous, next);
        snapshot = next;
        inFlightTopics = null;
        lastError = null;
        targets.succeeded(target, brokerEndpoints(), nowMs);
        backoff.answered(nowMs, incomplete);
        // Ask again after an incomplete answer, or if a fresh refresh was wished for while this one was in flight.
        refreshWanted = incomplete || freshAfterInFlight;
        freshAfterInFlight = false;
        if (previous.clusterId().isPresent() && !previous.clusterId().equals(next.clusterId())) {
            log.warn("[{}] Cluster id changed from {} to {}", config.clientId(), previous.clusterId().get(),
                    next.clusterId().orElse(null));
        }
        log.debug("[{}] Metadata updated from {}: {}", config.clientId(), target, next);
    }

    /**
     * Records a failed attempt and schedules the retry. Retriable failures keep the waiters for the retry;
     * others fail the waiters of this attempt; a closed network layer ends everything.
     *
     * @param target the endpoint asked, or null if the attempt failed before sending (bootstrap resolution)
     * @param retriable whether the waiters should wait for the retry
     */
    private RefreshOutcome attemptFailedLocked(Endpoint target, Throwable error, boolean retriable) {
        long nowMs = time.monotonicMs();
        inFlightTopics = null;
        lastError = error;
        targets.failed(target, nowMs);
        backoff.failed(nowMs);
        refreshWanted = true;
        freshAfterInFlight = false;
        if (error instanceof NetworkClientClosedException) {
            // The network layer is gone for good: nothing will ever answer.
            log.info("[{}] Metadata manager stops: {}", config.clientId(), error.getMessage());
            closed = true;
            cancelTimerLocked();
            return new RefreshOutcome(null, List.of(), waiters.takeAll(), error, null);
        }
        if (!retriable) {
            log.warn("[{}] Metadata request to {} failed: {}", config.clientId(), target, error.toString());
            return new RefreshOutcome(null, List.of(), waiters.takeCurrent(), error,
                    deferred(maybeRefreshLocked(nowMs)));
        }
        log.debug("[{}] Metadata request to {} failed (attempt {}), retrying in {} ms: {}", config.clientId(),
                target, backoff.failedAttempts(), backoff.nextAllowedMs() - nowMs, error.toString());
        return RefreshOutcome.next(deferred(maybeRefreshLocked(nowMs)));
    }

    private static boolean isRetriable(Throwable error) {
        // Failures that are not Brook's typed exceptions (e.g. an unexpected runtime exception from the sender)
        // are treated as transient: the next attempt may go to another broker.
        return !(error instanceof BrookException b) || b.isRetriable();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Runs {@code body} under the lock; returns the action it decided on, to run after unlocking. */
    private Runnable locked(Supplier<Runnable> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private BrookException closedException() {
        return new BrookException("The metadata manager of client " + config.clientId() + " is closed");
    }

    /** Runs {@code action} through the scheduler instead of inline, so response handling never recurses. */
    private Runnable deferred(Runnable action) {
        return action == null ? null : () -> scheduler.schedule(action, 0);
    }

    private void notifyListeners(ClusterSnapshot applied) {
        for (Consumer<ClusterSnapshot> listener : listeners) {
            try {
                listener.accept(applied);
            } catch (RuntimeException e) {
                log.error("[{}] A metadata listener failed", config.clientId(), e);
            }
        }
    }

    private static void run(Runnable action) {
        if (action != null) {
            action.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
