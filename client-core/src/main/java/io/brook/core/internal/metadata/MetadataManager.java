package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkClientClosedException;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
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
 * {@code client.dns.lookup}) and starts over from them (see {@link RefreshTargets}).
 *
 * <p>Clients choose the broker for requests any broker can answer here too ({@link #chooseBroker()}), and report
 * the brokers that did not answer ({@link #brokerFailed}), so that the same choice and the same recovery serve
 * them and the refreshes.
 *
 * <p>Answers are applied partition by partition; a partition whose leader epoch is older than the one already
 * known is kept as it was (see {@link MetadataResponseMapper}).
 *
 * <p>Waiting callers are completed with the snapshot of the next successful refresh. A retriable failure keeps
 * them waiting for the retry (callers bound the wait with their own deadline); a non-retriable one fails them;
 * {@link #close()} fails all with {@link BrookException}.
 *
 * <p>Threading: no thread of its own; owned by the client that created it, which closes it. Timers run through the
 * injected {@link Scheduler} ({@link RefreshTimer}); responses arrive on whichever thread completes the
 * {@link RequestSender}'s future (a Netty event loop). All mutable state, including that of its helpers
 * ({@link RefreshSchedule}: when to refresh and who waits; {@link RefreshTargets}: whom to ask, and when to go back
 * to the bootstrap endpoints; {@link RefreshTimer}; {@link LastSeenEpochs}), is guarded by {@code lock}; the
 * current snapshot is also published through a volatile field so that {@link #snapshot()} never locks. Futures and
 * listeners are completed outside the lock, and requests are sent outside it ({@link RefreshAttempts}). Nothing here
 * blocks. {@link #close()} cancels the timer; answers arriving later are dropped.
 */
public final class MetadataManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetadataManager.class);

    private final MetadataConfig config;
    private final RefreshAttempts attempts;
    private final Time time;
    private final Scheduler scheduler;
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();

    // Everything below is guarded by lock.
    private final RefreshSchedule schedule;
    private final RefreshTargets targets;
    private final RefreshTimer timer;
    private final LastSeenEpochs lastSeenEpochs = new LastSeenEpochs();
    private WantedTopics wanted;
    private boolean closed;
    private Throwable lastError;

    /**
     * Creates a manager; it sends nothing until {@link #start()} or a first request for an update.
     *
     * @param wanted the topics to keep metadata for at first
     */
    public MetadataManager(MetadataConfig config, RequestSender sender, BootstrapResolver bootstrapResolver,
            Time time, Scheduler scheduler, WantedTopics wanted) {
        this.config = Objects.requireNonNull(config, "config");
        this.attempts = new RefreshAttempts(config, sender, bootstrapResolver);
        this.time = Objects.requireNonNull(time, "time");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
        this.schedule = new RefreshSchedule(config.retryBackoff(), config.metadataMaxAgeMs());
        this.targets = new RefreshTargets(config.clientId(), config.recoveryStrategy(), config.rebootstrapTriggerMs());
        this.timer = new RefreshTimer(scheduler, this::onTimer);
    }

    /** Whether metadata should be refreshed after a response carried {@code error}. */
    public static boolean invalidates(Errors error) {
        return MetadataErrors.invalidatesMetadata(error);
    }

    /** Starts the first refresh (from the bootstrap endpoints) and the age timer. Idempotent. */
    public void start() {
        run(locked(() -> {
            schedule.start();
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
                targets.rebootstrap("a broker answered " + error, time.monotonicMs());
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
        return locked(() -> wanted);
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
        run(locked(() -> {
            wanted = wanted.minus(topics);
            return null;
        }));
    }

    /**
     * A broker for a request that any broker can answer: one of the snapshot's brokers that has not failed, else
     * the one that failed longest ago, rotating among equals. Never blocks.
     *
     * @return empty before the first answer, after {@link #close()}, and while the client goes back to the
     *     bootstrap endpoints (which may start now, if every known broker failed since the last answer): a refresh
     *     is then under way, and the caller should wait for {@link #requestUpdate()} and ask again
     */
    public Optional<Endpoint> chooseBroker() {
        Endpoint chosen = locked(() -> closed ? null : targets.chooseBroker(brokerEndpoints(), time.monotonicMs()));
        if (chosen == null) {
            // The refresh that will name a broker starts here, so that callers only have to wait for it.
            run(locked(() -> requestLocked(false, null)));
        }
        return Optional.ofNullable(chosen);
    }

    /**
     * Reports that a request to {@code broker} got no answer (no connection, or no response in time): it is chosen
     * last, by clients and refreshes, until it answers again; it counts towards going back to the bootstrap
     * endpoints; and a refresh is requested, since the cluster may have changed.
     */
    public void brokerFailed(Endpoint broker) {
        Objects.requireNonNull(broker, "broker");
        run(locked(() -> {
            targets.brokerFailed(broker, time.monotonicMs());
            return requestLocked(false, null);
        }));
    }

    /** Reports that {@code broker} answered a request: it is no longer avoided. */
    public void brokerAnswered(Endpoint broker) {
        Objects.requireNonNull(broker, "broker");
        run(locked(() -> {
            targets.brokerAnswered(broker);
            return null;
        }));
    }

    /** Calls {@code listener} after every successful refresh, on the thread that applied it. Must not block. */
    public void addListener(Consumer<ClusterSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The failure of the most recent failed attempt, if the latest attempt failed. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(locked(() -> lastError));
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
            timer.cancel();
            toFail = schedule.takeAll();
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
     * Registers a wish for a refresh and its waiter, if any (see {@link RefreshSchedule#request}).
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
        schedule.request(fresh, waiter);
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
        WantedTopics inFlight = schedule.inFlight();
        return inFlight != null && inFlight.covers(topics);
    }

    // ---- scheduling -------------------------------------------------------------------------------------------

    /**
     * Starts an attempt if one is due, else arms the timer for when one will be.
     *
     * @return the attempt to start after unlocking, or null
     */
    private Runnable maybeRefreshLocked(long nowMs) {
        if (closed || !schedule.idle()) {
            return null;
        }
        long dueMs = schedule.dueMs(nowMs, snapshot);
        if (dueMs > nowMs) {
            timer.arm(dueMs, nowMs);
            return null;
        }
        timer.cancel();
        return startAttemptLocked(nowMs);
    }

    private void onTimer() {
        run(locked(() -> {
            timer.fired();
            return maybeRefreshLocked(time.monotonicMs());
        }));
    }

    // ---- one attempt ------------------------------------------------------------------------------------------

    private Runnable startAttemptLocked(long nowMs) {
        WantedTopics topics = wanted;
        schedule.attemptStarted(topics);
        Endpoint target = targets.choose(brokerEndpoints(), nowMs);
        if (target == null) {
            return () -> resolveBootstrapThenSend(topics);
        }
        return () -> send(target, topics);
    }

    private List<Endpoint> brokerEndpoints() {
        return snapshot.brokerEndpoints();
    }

    private void resolveBootstrapThenSend(WantedTopics topics) {
        onAttemptStep(attempts.resolveBootstrap(), (endpoints, error) -> {
            if (error != null) {
                // DNS may recover: a failed resolution is always worth retrying.
                return attemptFailedLocked(null, error, true);
            }
            Endpoint target = targets.bootstrapResolved(endpoints, time.monotonicMs());
            return RefreshOutcome.next(() -> send(target, topics));
        });
    }

    private void send(Endpoint target, WantedTopics topics) {
        if (isClosed()) {
            return;
        }
        attempts.fetch(target, topics).whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                applyOutcome(() -> attemptFailedLocked(target, cause, RefreshAttempts.isRetriable(cause)));
                return;
            }
            // Map the answer outside the lock (the costly part of a refresh); apply it under the lock only if
            // nothing it was mapped against changed meanwhile.
            Judged judged = judge(target, response);
            applyOutcome(() -> answeredLocked(target, response, judged));
        });
    }

    /** An answer mapped against a snapshot and the last-seen epochs of a given version. */
    private record Judged(ClusterSnapshot base, long epochsVersion, RefreshAttempts.Verdict verdict) {}

    private Judged judge(Endpoint target, MetadataResponse response) {
        ClusterSnapshot base;
        long epochsVersion;
        java.util.Map<TopicPartition, Integer> epochs;
        lock.lock();
        try {
            base = snapshot;
            epochsVersion = lastSeenEpochs.version();
            epochs = lastSeenEpochs.copy();
        } finally {
            lock.unlock();
        }
        return new Judged(base, epochsVersion,
                attempts.judge(target, response, base, epochs, time.monotonicMs()));
    }

    /** Decides under the lock what follows an attempt step (nothing after close), then does it outside the lock. */
    private void applyOutcome(Supplier<RefreshOutcome> decide) {
        RefreshOutcome outcome;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            outcome = decide.get();
        } finally {
            lock.unlock();
        }
        outcome.finish(this::notifyListeners);
    }

    /**
     * When {@code step} completes, lets {@code handler} decide under the lock what follows (dropping the result
     * after close), then performs that outside the lock.
     */
    private <T> void onAttemptStep(CompletableFuture<T> step, BiFunction<T, Throwable, RefreshOutcome> handler) {
        step.whenComplete((value, error) -> applyOutcome(
                () -> handler.apply(value, error == null ? null : Futures.unwrap(error))));
    }

    /** Applies an answer, or treats it as a failed attempt if it is unusable. */
    private RefreshOutcome answeredLocked(Endpoint target, MetadataResponse response, Judged judged) {
        long nowMs = time.monotonicMs();
        RefreshAttempts.Verdict verdict = judged.verdict();
        if (judged.base() != snapshot || judged.epochsVersion() != lastSeenEpochs.version()) {
            // Rare: an epoch was seen elsewhere while the answer was being mapped. Map it again, under the lock.
            verdict = attempts.judge(target, response, snapshot, lastSeenEpochs.asMap(), nowMs);
        }
        if (verdict.rebootstrap()) {
            targets.rebootstrap(target + " answered " + Errors.REBOOTSTRAP_REQUIRED, nowMs);
        }
        if (verdict.error() != null) {
            return attemptFailedLocked(target, verdict.error(), verdict.retriable());
        }
        ClusterSnapshot next = verdict.result().snapshot();
        applyLocked(target, next, nowMs);
        List<CompletableFuture<ClusterSnapshot>> toComplete = schedule.answered(nowMs, verdict.result().incomplete());
        return new RefreshOutcome(next, toComplete, List.of(), null, deferred(maybeRefreshLocked(nowMs)));
    }

    private void applyLocked(Endpoint target, ClusterSnapshot next, long nowMs) {
        ClusterSnapshot previous = snapshot;
        lastSeenEpochs.forgetRecreatedTopics(previous, next);
        snapshot = next;
        lastError = null;
        targets.succeeded(target, brokerEndpoints(), nowMs);
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
        lastError = error;
        targets.failed(target, nowMs);
        boolean networkGone = error instanceof NetworkClientClosedException;
        // When the network layer is gone every waiter fails below, not only those of this attempt.
        List<CompletableFuture<ClusterSnapshot>> toFail = schedule.failed(nowMs, retriable || networkGone);
        if (networkGone) {
            // The network layer is gone for good: nothing will ever answer.
            log.info("[{}] Metadata manager stops: {}", config.clientId(), error.getMessage());
            closed = true;
            timer.cancel();
            return new RefreshOutcome(null, List.of(), schedule.takeAll(), error, null);
        }
        if (!retriable) {
            log.warn("[{}] Metadata request to {} failed: {}", config.clientId(), target, error.toString());
            return new RefreshOutcome(null, List.of(), toFail, error, deferred(maybeRefreshLocked(nowMs)));
        }
        log.debug("[{}] Metadata request to {} failed (attempt {}), retrying in {} ms: {}", config.clientId(),
                target, schedule.failedAttempts(), schedule.nextAllowedMs() - nowMs, error.toString());
        return RefreshOutcome.next(deferred(maybeRefreshLocked(nowMs)));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Runs {@code body} under the lock and returns its result: a value read, or an action to run after unlocking. */
    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        return locked(() -> closed);
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
}
