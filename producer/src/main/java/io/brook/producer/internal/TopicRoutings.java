package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.PartitionMetadata;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.Errors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import io.brook.core.Time;

/**
 * Turns cluster metadata into what the send path uses, on the sender thread: a {@link TopicRouting} per topic
 * (published when the metadata changes), the records that waited for their topic placed into batches, in order, as
 * soon as the topic is known, and those that waited past {@code max.block.ms} failed with a typed error. It also
 * keeps the producer's wanted topics: topics are added on first send and dropped after {@code metadata.max.idle.ms}
 * without sends. A refresh that fails for good (a failed SASL authentication, a refused TLS handshake: errors
 * that are not retriable) fails the records that were waiting when it was asked with that error at once, instead
 * of letting them wait out {@code max.block.ms} while refreshes keep failing.
 *
 * <p>Sender thread only; touches topics' pending records under their pending lock.
 */
final class TopicRoutings {
    /** How often idle topics are looked for. */
    private static final long IDLE_CHECK_INTERVAL_MS = 5_000;

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final RecordIntake intake;
    private final MetadataManager metadata;
    private final Executor callbacks;
    private final Runnable wake;
    private final Time time;
    private final List<TopicState> waiting = new ArrayList<>();
    private long appliedVersion = -1;
    private long nextIdleCheckMs;
    private CompletableFuture<?> refreshAsked;
    /** When {@link #refreshAsked} was asked (monotonic ms). */
    private long refreshAskedMs;

    TopicRoutings(SenderSettings settings, RecordAccumulator accumulator, RecordIntake intake,
            MetadataManager metadata, Executor callbacks, Runnable wake, Time time) {
        this.settings = settings;
        this.accumulator = accumulator;
        this.intake = intake;
        this.metadata = metadata;
        this.callbacks = callbacks;
        this.wake = wake;
        this.time = time;
    }

    /**
     * Applies new metadata, places and expires waiting records, drops idle topics.
     *
     * @return when to look again for waiting records (monotonic ms), or {@link Long#MAX_VALUE}
     */
    long poll(long nowMs) {
        ClusterSnapshot snapshot = metadata.snapshot();
        if (snapshot.updateVersion() != appliedVersion) {
            appliedVersion = snapshot.updateVersion();
            for (TopicState t : accumulator.topics()) {
                apply(t, snapshot);
            }
        }
        accumulator.takeNewlyPending(waiting);
        BrookException refreshError = failedRefresh();
        long next = Long.MAX_VALUE;
        boolean refresh = false;
        for (int i = waiting.size() - 1; i >= 0; i--) {
            TopicState t = waiting.get(i);
            long due = placeOrExpire(t, snapshot, refreshError, nowMs);
            if (due == Long.MAX_VALUE) {
                waiting.remove(i);
            } else {
                next = Math.min(next, due);
                refresh = true;
            }
        }
        if (refresh) {
            askForRefresh();
        }
        if (nowMs >= nextIdleCheckMs) {
            nextIdleCheckMs = nowMs + IDLE_CHECK_INTERVAL_MS;
            dropIdleTopics(nowMs);
        }
        return next;
    }

    /** Called on the sending thread when a topic is first used (or used again after it went idle). */
    void wantTopic(TopicState topic) {
        topic.lastUsedMs = time.monotonicMs();
        topic.wanted = true;
        metadata.addWantedTopics(List.of(topic.name)).whenComplete((s, e) -> wake.run());
    }

    private void askForRefresh() {
        if (refreshAsked == null || refreshAsked.isDone()) {
            refreshAskedMs = time.monotonicMs();
            refreshAsked = metadata.requestUpdate().whenComplete((s, e) -> wake.run());
        }
    }

    /**
     * The error of the last refresh asked for, if it failed for good: the metadata manager fails its waiters only
     * with errors that are not retriable (retriable ones keep them for the retry).
     */
    private BrookException failedRefresh() {
        if (refreshAsked == null || !refreshAsked.isCompletedExceptionally()) {
            return null;
        }
        Throwable error = Futures.unwrap(refreshAsked.handle((s, e) -> e).join());
        return error instanceof BrookException b && !b.isRetriable() ? b : null;
    }

    // ---- routing -------------------------------------------------------------------------------------------------

    private void apply(TopicState topic, ClusterSnapshot snapshot) {
        Optional<TopicMetadata> found = snapshot.topic(topic.name);
        if (found.isEmpty() || found.get().error() != Errors.NONE || found.get().partitions().isEmpty()) {
            return; // keep what we had: a topic does not vanish while being written to, and errors pass
        }
        TopicMetadata tm = found.get();
        List<PartitionMetadata> partitions = tm.partitions();
        int count = partitions.size();
        TopicRouting old = topic.routing;
        PartitionQueue[] queues = old == null ? new PartitionQueue[count]
                : old.queues().length >= count ? old.queues() : Arrays.copyOf(old.queues(), count);
        boolean grown = false;
        for (int i = 0; i < queues.length; i++) {
            if (queues[i] == null) {
                queues[i] = RecordAccumulator.newQueue(topic, i);
                grown = true;
            }
        }
        int[] withLeader = partitions.stream().filter(PartitionMetadata::hasLeader)
                .mapToInt(p -> p.partition().partition()).filter(p -> p < count).toArray();
        UUID id = tm.hasTopicId() ? tm.topicId() : null;
        if (old == null || grown || old.partitionCount() != count || !Arrays.equals(old.withLeader(), withLeader)
                || !Objects.equals(old.topicId(), id)) {
            topic.routing = new TopicRouting(count, queues, withLeader, id);
        }
    }

    // ---- waiting records ---------------------------------------------------------------------------------------

    /**
     * @param refreshError the error the last refresh failed with for good, or null: it fails the records that
     *     were sent before that refresh was asked (later ones wait for the next refresh)
     * @return when the first still waiting record expires, or {@link Long#MAX_VALUE} if none waits
     */
    private long placeOrExpire(TopicState topic, ClusterSnapshot snapshot, BrookException refreshError,
            long nowMs) {
        List<Failed> failed = new ArrayList<>();
        long next = Long.MAX_VALUE;
        topic.pendingLock.lock();
        try {
            ArrayDeque<PendingRecord> pending = topic.pendingLocked();
            TopicRouting routing = topic.routing;
            BrookException topicError = fatalTopicError(topic.name, snapshot);
            while (!pending.isEmpty()) {
                PendingRecord r = pending.peekFirst();
                if (topicError != null) {
                    failed.add(new Failed(pending.pollFirst(), topicError));
                } else if (RecordAccumulator.routable(routing, r.partition())) {
                    try {
                        if (!intake.placeWaiting(topic, routing, r)) {
                            next = r.deadlineMs();
                            break;
                        }
                    } catch (RuntimeException e) {
                        failed.add(new Failed(r, e));
                    }
                    pending.pollFirst();
                } else if (refreshError != null && r.deadlineMs() - settings.maxBlockMs() <= refreshAskedMs) {
                    failed.add(new Failed(pending.pollFirst(), refreshError));
                } else if (nowMs >= r.deadlineMs()) {
                    failed.add(new Failed(pending.pollFirst(), expired(topic.name, r, snapshot)));
                } else {
                    next = r.deadlineMs();
                    break;
                }
            }
            topic.pendingChangedLocked();
        } finally {
            topic.pendingLock.unlock();
        }
        for (Failed f : failed) {
            fail(f);
        }
        return next;
    }

    private record Failed(PendingRecord record, Throwable error) {}

    private void fail(Failed f) {
        accumulator.pool().release(f.record().reservedBytes());
        Runnable complete = () -> f.record().future().completeExceptionally(f.error());
        try {
            callbacks.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run();
        }
    }

    /** An error that no waiting can cure: the topic name is invalid, or the producer may not write to it. */
    private static BrookException fatalTopicError(String topic, ClusterSnapshot snapshot) {
        Optional<TopicMetadata> tm = snapshot.topic(topic);
        if (tm.isEmpty()) {
            return null;
        }
        Errors error = tm.get().error();
        if (error == Errors.TOPIC_AUTHORIZATION_FAILED || error == Errors.INVALID_TOPIC_EXCEPTION) {
            return error.exception("Cannot send to topic '" + topic + "': " + error.defaultMessage() + " (" + error
                    + ")");
        }
        return null;
    }

    private BrookException expired(String topic, PendingRecord r, ClusterSnapshot snapshot) {
        long waited = settings.maxBlockMs();
        if (snapshot.isEmpty()) {
            Throwable last = metadata.lastError().orElse(null);
            return new TimeoutException("Topic '" + topic + "' not present in metadata after " + waited
                    + " ms (max.block.ms): no broker answered; bootstrap.servers " + settings.bootstrapServers()
                    + " could not be reached" + (last == null ? "" : " (last error: " + last.getMessage() + ")"),
                    last);
        }
        TopicRouting routing = accumulatorRouting(topic);
        if (routing != null && r.partition() >= routing.partitionCount()) {
            return new UnknownTopicOrPartitionException("Partition " + r.partition() + " of topic '" + topic
                    + "', which has " + routing.partitionCount() + " partitions, not present in metadata after "
                    + waited + " ms (max.block.ms)");
        }
        Errors error = snapshot.topic(topic).map(TopicMetadata::error).orElse(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        return new UnknownTopicOrPartitionException("Topic '" + topic + "' not present in metadata after " + waited
                + " ms (max.block.ms): the brokers answer " + error + " for it (does it exist? is automatic topic "
                + "creation off?)");
    }

    private TopicRouting accumulatorRouting(String topic) {
        return accumulator.topic(topic).routing;
    }

    // ---- idle topics -------------------------------------------------------------------------------------------

    private void dropIdleTopics(long nowMs) {
        List<String> idle = new ArrayList<>();
        for (TopicState t : accumulator.topics()) {
            if (t.wanted && !t.hasPending() && nowMs - t.lastUsedMs > settings.metadataMaxIdleMs()) {
                t.wanted = false;
                idle.add(t.name);
            }
        }
        if (!idle.isEmpty()) {
            metadata.removeWantedTopics(idle);
        }
    }

    /** Every record still waiting, for abort: taken out and failed with {@code error}. */
    void failAllWaiting(Throwable error) {
        for (TopicState t : accumulator.topics()) {
            List<PendingRecord> taken;
            t.pendingLock.lock();
            try {
                taken = t.takePendingLocked();
            } finally {
                t.pendingLock.unlock();
            }
            for (PendingRecord r : taken) {
                fail(new Failed(r, error));
            }
        }
        waiting.clear();
    }

    /** Whether any record waits for metadata. */
    boolean anyWaiting() {
        return !waiting.isEmpty();
    }
}
