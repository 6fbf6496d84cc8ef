package io.brook.consumer.internal;

import io.brook.core.Time;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.ApiMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's background thread ({@code brook-<clientId>-consumer}): it owns the group state machine, the offset
 * committer, the position lookups and the fetcher, and runs them whenever something happened (a response, a
 * request from the polling thread, a metadata refresh) or a timer is due. Every response is handed to this thread
 * by the network layer, so all of them run here, one at a time.
 *
 * <p>One pass ({@link #runOnce()}) keeps the metadata's wanted topics in step with the subscription, re-matches a
 * pattern subscription against every new metadata snapshot, sends what the group state machine, the committer,
 * the position updater, the application's lookups and the fetcher want to send, and arms the timer for the
 * earliest deadline any of them has.
 *
 * <p>Thread-safe entry points: {@link #wake()}, {@link #submit} and {@link #call}; everything else is confined to
 * the loop's thread.
 */
final class BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);
    /** The longest the loop sleeps without anything due, as a safety net. */
    private static final long MAX_IDLE_MS = 1_000L;

    private final ConsumerSettings settings;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Time time;
    private final SubscriptionState subscriptions;
    private final MetadataManager metadata;
    private final RequestSender sender;
    private final RequestSender coordinatorSender;
    private final GroupMembership membership;
    private final OffsetCommitter committer;
    private final PositionUpdater positions;
    private final Fetcher fetcher;
    private final LongSupplier lastPollMs;
    private final List<ListOffsetsCall> lookups = new ArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private Scheduler.Cancellable timer;
    private long timerDueMs = Long.MAX_VALUE;
    private long matchedSnapshotVersion = -1L;
    private WantedTopics wanted;
    private Set<String> leaderTopics = Set.of();
    private boolean metadataStarted;
    private volatile boolean stopped;
    /** Completed when the LeaveGroup sent for {@link #leaveGroup} is answered. */
    private CompletableFuture<Void> leaving;

    /**
     * @param membership the group state machine, or null without {@code group.id}
     * @param committer the offset committer, or null without {@code group.id}
     * @param lastPollMs when the application's last poll() started (monotonic ms)
     */
    BackgroundLoop(ConsumerSettings settings, Executor executor, Scheduler scheduler, Time time,
            SubscriptionState subscriptions, MetadataManager metadata, RequestSender sender,
            RequestSender coordinatorSender, GroupMembership membership, OffsetCommitter committer,
            PositionUpdater positions, Fetcher fetcher, LongSupplier lastPollMs) {
        this.settings = settings;
        this.executor = executor;
        this.scheduler = scheduler;
        this.time = time;
        this.subscriptions = subscriptions;
        this.metadata = metadata;
        this.sender = sender;
        this.coordinatorSender = coordinatorSender;
        this.membership = membership;
        this.committer = committer;
        this.positions = positions;
        this.fetcher = fetcher;
        this.lastPollMs = lastPollMs;
        metadata.addListener(snapshot -> wake());
    }

    /** Asks for a pass as soon as possible; passes asked for while one is pending are merged. Any thread. */
    void wake() {
        if (stopped || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::pass);
        } catch (RuntimeException e) {
            scheduled.set(false);
        }
    }

    /** Runs {@code task} on the loop's thread, then a pass. Any thread. */
    void submit(Runnable task) {
        executor.execute(() -> {
            task.run();
            wake();
        });
    }

    /** Runs {@code task} on the loop's thread and hands back the future it returns. Any thread. */
    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            submit(() -> {
                try {
                    task.get().whenComplete((v, e) -> {
                        if (e != null) {
                            result.completeExceptionally(Futures.unwrap(e));
                        } else {
                            result.complete(v);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Starts a lookup of offsets; loop thread. */
    ListOffsetsCall startLookup(ListOffsetsCall call) {
        lookups.add(call);
        return call;
    }

    /**
     * Leaves the group (unless static) and completes once the LeaveGroup was answered, failed, or was not needed.
     * Loop thread.
     */
    CompletableFuture<Void> leaveGroup(String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (membership == null) {
            done.complete(null);
            return done;
        }
        leaving = done;
        membership.leave(reason);
        runOnce();
        if (leaving == done) {
            // Nothing was sent (no member id, a static member, or no coordinator known).
            leaving = null;
            done.complete(null);
        }
        return done;
    }

    private void pass() {
        scheduled.set(false);
        if (stopped) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("[{}] Consumer background pass failed", settings.clientId(), e);
        }
    }

    /** One pass; loop thread. */
    void runOnce() {
        long nowMs = time.monotonicMs();
        matchPattern();
        updateWantedTopics();
        if (membership != null) {
            membership.polled(lastPollMs.getAsLong());
            for (GroupRequest request : membership.poll(nowMs)) {
                dispatch(request);
            }
        }
        // Positions first: a committed-offset lookup they start goes out with the committer's turn below.
        positions.poll(nowMs);
        if (committer != null) {
            committer.poll(nowMs);
        }
        lookups.removeIf(ListOffsetsCall::isDone);
        for (ListOffsetsCall call : List.copyOf(lookups)) {
            call.poll(nowMs);
        }
        fetcher.poll(nowMs);
        armTimer(nowMs);
    }

    private void dispatch(GroupRequest request) {
        Endpoint target = request.target();
        RequestSender via = coordinatorSender;
        if (target == null) {
            Optional<Endpoint> any = metadata.chooseBroker();
            if (any.isEmpty()) {
                membership.onFailure(request, new io.brook.common.errors.NetworkException(
                        "no broker known yet to ask for the group coordinator"), time.monotonicMs());
                metadata.requestUpdate().whenComplete((s, e) -> wake());
                return;
            }
            target = any.get();
            via = sender;
        }
        CompletableFuture<Void> leaveDone = null;
        if (request.kind() == GroupRequest.Kind.LEAVE && leaving != null) {
            leaveDone = leaving;
            leaving = null;
        }
        CompletableFuture<Void> answered = leaveDone;
        via.<ApiMessage>send(target, request.request(), request.timeoutMs()).whenComplete((response, error) -> {
            if (answered != null) {
                answered.complete(null);
            }
            long nowMs = time.monotonicMs();
            if (error != null) {
                membership.onFailure(request, Futures.unwrap(error), nowMs);
            } else {
                membership.onResponse(request, response, nowMs);
            }
            wake();
        });
    }

    /** Re-matches a pattern subscription when a new metadata snapshot arrived. */
    private void matchPattern() {
        Pattern pattern = subscriptions.mode() == SubscriptionState.Mode.PATTERN ? subscriptions.pattern() : null;
        ClusterSnapshot snapshot = metadata.snapshot();
        if (pattern == null || snapshot.isEmpty() || snapshot.updateVersion() == matchedSnapshotVersion) {
            return;
        }
        matchedSnapshotVersion = snapshot.updateVersion();
        Set<String> matching = new HashSet<>();
        for (TopicMetadata topic : snapshot.topics()) {
            if ((!topic.internal() || !settings.excludeInternalTopics()) && pattern.matcher(topic.name()).matches()) {
                matching.add(topic.name());
            }
        }
        if (subscriptions.matched(matching)) {
            log.info("[{}] Pattern {} now matches {}", settings.clientId(), pattern, matching);
        }
    }

    private void updateWantedTopics() {
        WantedTopics next = switch (subscriptions.mode()) {
            case PATTERN -> WantedTopics.allTopics();
            case TOPICS -> WantedTopics.of(union(subscriptions.subscribedTopics(), leaderTopics));
            case USER_ASSIGNED -> WantedTopics.of(subscriptions.assignedTopics());
            case NONE -> WantedTopics.none();
        };
        if (!next.equals(wanted)) {
            wanted = next;
            metadata.setWantedTopics(next);
        }
        if (!metadataStarted && subscriptions.mode() != SubscriptionState.Mode.NONE) {
            metadataStarted = true;
            metadata.start();
        }
    }

    /** The leader asks for the metadata of every topic of the group. Loop thread. */
    void wantLeaderTopics(Set<String> topics) {
        leaderTopics = Set.copyOf(topics);
        if (subscriptions.mode() == SubscriptionState.Mode.TOPICS) {
            updateWantedTopics();
        }
        metadata.addWantedTopics(topics).whenComplete((s, e) -> wake());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private void armTimer(long nowMs) {
        // Only future deadlines count: whatever was due now was just handled, or waits for something else (an
        // answer, the coordinator) that wakes the loop itself.
        long next = nowMs + MAX_IDLE_MS;
        if (membership != null) {
            next = earlier(next, membership.nextDeadlineMs(nowMs), nowMs);
        }
        if (committer != null) {
            next = earlier(next, committer.nextDeadlineMs(), nowMs);
        }
        next = earlier(next, positions.nextDeadlineMs(nowMs), nowMs);
        next = earlier(next, fetcher.nextDeadlineMs(nowMs), nowMs);
        for (ListOffsetsCall call : lookups) {
            next = earlier(next, call.nextDeadlineMs(), nowMs);
        }
        if (timer != null && timerDueMs > nowMs && timerDueMs <= next) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timerDueMs = next;
        timer = scheduler.schedule(this::wake, next - nowMs);
    }

    private static long earlier(long current, long candidate, long nowMs) {
        return candidate > nowMs && candidate < current ? candidate : current;
    }

    /** Stops passes; pending timers do nothing afterwards. */
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }
}
