package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.consumer.LogTruncationException;
import io.brook.consumer.NoOffsetForPartitionException;
import io.brook.core.Time;
import io.brook.core.internal.metadata.BrokerNode;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.PartitionMetadata;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ListOffsetsResponse;
import io.brook.protocol.message.OffsetForLeaderEpochResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives assigned partitions a valid position: the group's committed offset (through the {@link OffsetCommitter}),
 * else {@code auto.offset.reset} (ListOffsets to the leader: earliest, latest, or the first offset at a time), and
 * checks positions whose leader changed against the new leader's log (OffsetForLeaderEpoch, KIP-320): a position
 * past the end of its epoch on the new leader means the log was truncated, and the consumer moves back to the
 * divergence point (or fails with {@link LogTruncationException} under {@code auto.offset.reset=none}).
 *
 * <p>Each answer is applied only if the partition's state is still the one asked for (same assignment, same
 * version). Failed lookups are retried after a backoff. Confined to the background thread; partition state is read
 * and written under the {@link SubscriptionState}'s lock.
 */
final class PositionUpdater {
    private static final Logger log = LoggerFactory.getLogger(PositionUpdater.class);

    private final ConsumerSettings settings;
    private final SubscriptionState subscriptions;
    private final MetadataManager metadata;
    private final RequestSender sender;
    private final OffsetCommitter committer;
    private final Time time;

    /** One partition of a lookup: the state asked for, its version, and the leader epoch used. */
    private record Asked(PartitionState owner, long version, int leaderEpoch) {}

    /** @param committer reads committed offsets; null without a group */
    PositionUpdater(ConsumerSettings settings, SubscriptionState subscriptions, MetadataManager metadata,
            RequestSender sender, OffsetCommitter committer, Time time) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.metadata = metadata;
        this.sender = sender;
        this.committer = committer;
        this.time = time;
    }

    void poll(long nowMs) {
        ClusterSnapshot snapshot = metadata.snapshot();
        Map<TopicPartition, Asked> committed = new LinkedHashMap<>();
        Map<Integer, Map<TopicPartition, Asked>> resets = new HashMap<>();
        Map<Integer, Map<TopicPartition, Asked>> validations = new HashMap<>();
        boolean needMetadata = false;
        boolean failed = false;
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            for (PartitionState ps : subscriptions.assignedLocked()) {
                if (ps.awaitingCallback || ps.lookupInFlight || nowMs < ps.nextLookupMs) {
                    continue;
                }
                switch (ps.phase) {
                    case AWAIT_COMMITTED -> {
                        if (committer == null) {
                            ps.reset(ps.resetStrategy);
                        } else {
                            committed.put(ps.tp, new Asked(ps, ps.version, -1));
                            ps.lookupInFlight = true;
                        }
                    }
                    case AWAIT_RESET -> {
                        if (ps.resetStrategy.kind() == ResetStrategy.Kind.NONE) {
                            ps.fail(new NoOffsetForPartitionException(Set.of(ps.tp)));
                            failed = true;
                        } else {
                            needMetadata |= !addByLeader(snapshot, ps, resets);
                        }
                    }
                    case AWAIT_VALIDATION -> needMetadata |= !addByLeader(snapshot, ps, validations);
                    default -> {
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (failed) {
            subscriptions.signal().signal();
        }
        if (needMetadata) {
            metadata.requestUpdate();
        }
        if (!committed.isEmpty()) {
            lookUpCommitted(committed, nowMs);
        }
        resets.forEach((node, asked) -> sendReset(snapshot, node, asked));
        validations.forEach((node, asked) -> sendValidation(snapshot, node, asked));
    }

    /** Lock held. Returns false if the leader is unknown. */
    private static boolean addByLeader(ClusterSnapshot snapshot, PartitionState ps,
            Map<Integer, Map<TopicPartition, Asked>> byLeader) {
        PartitionMetadata pm = snapshot.partition(ps.tp).orElse(null);
        if (pm == null || !pm.hasLeader() || snapshot.broker(pm.leaderId()).isEmpty()) {
            return false;
        }
        byLeader.computeIfAbsent(pm.leaderId(), n -> new LinkedHashMap<>()).put(ps.tp,
                new Asked(ps, ps.version, pm.leaderEpoch()));
        ps.lookupInFlight = true;
        return true;
    }

    // ---- committed offsets ----------------------------------------------------------------------------------

    private void lookUpCommitted(Map<TopicPartition, Asked> asked, long nowMs) {
        committer.fetch(asked.keySet(), nowMs + settings.defaultApiTimeoutMs()).whenComplete((result, error) -> {
            ReentrantLock lock = subscriptions.lock();
            lock.lock();
            try {
                long now = time.monotonicMs();
                for (Map.Entry<TopicPartition, Asked> e : asked.entrySet()) {
                    PartitionState ps = current(e.getValue());
                    e.getValue().owner().lookupInFlight = false;
                    if (ps == null) {
                        continue;
                    }
                    if (error != null) {
                        ps.nextLookupMs = now + settings.retryBackoff().backoffMs(0);
                        continue;
                    }
                    OffsetRequests.Committed c = result.get(e.getKey());
                    if (c != null && c.offset() >= 0) {
                        ps.moveTo(c.offset(), c.leaderEpoch(), c.leaderEpoch() >= 0
                                ? PartitionState.Phase.AWAIT_VALIDATION : PartitionState.Phase.FETCHING);
                    } else {
                        ps.reset(ps.resetStrategy);
                    }
                }
            } finally {
                lock.unlock();
            }
            if (error != null) {
                log.debug("[{}] Committed offsets lookup failed: {}", settings.clientId(),
                        Futures.unwrap(error).toString());
            }
            subscriptions.signal().signal();
        });
    }

    // ---- auto.offset.reset ----------------------------------------------------------------------------------

    private void sendReset(ClusterSnapshot snapshot, int node, Map<TopicPartition, Asked> asked) {
        Endpoint endpoint = snapshot.broker(node).map(BrokerNode::endpoint).orElseThrow();
        Map<TopicPartition, OffsetRequests.Lookup> lookups = new LinkedHashMap<>();
        long wallMs = time.milliseconds();
        asked.forEach((tp, a) -> lookups.put(tp, new OffsetRequests.Lookup(
                a.owner().resetStrategy.listOffsetsTimestamp(wallMs), a.leaderEpoch())));
        sender.<ListOffsetsResponse>send(endpoint, OffsetRequests.listOffsets(settings.isolationLevel(), lookups))
                .whenComplete((response, error) -> {
                    Map<TopicPartition, OffsetRequests.Listed> result = error == null
                            ? OffsetRequests.listOffsetsResult(response) : Map.of();
                    applyResets(endpoint, asked, result, error);
                });
    }

    private void applyResets(Endpoint endpoint, Map<TopicPartition, Asked> asked,
            Map<TopicPartition, OffsetRequests.Listed> result, Throwable error) {
        applyAnswers(endpoint, asked, result, error, OffsetRequests.Listed::error, PartitionState.Phase.AWAIT_RESET,
                (ps, listed, a) -> {
                    if (listed.offset() < 0) {
                        // No record at or after the asked time: start at the end, as kafka-clients does.
                        ps.reset(ResetStrategy.LATEST);
                        return;
                    }
                    log.info("[{}] Resetting the position of {} to offset {} ({})", settings.clientId(), ps.tp,
                            listed.offset(), ps.resetStrategy);
                    ps.moveTo(listed.offset(), listed.leaderEpoch(), PartitionState.Phase.FETCHING);
                    ps.fetchedLeaderEpoch = a.leaderEpoch();
                });
    }

    // ---- validation after a leader change -------------------------------------------------------------------

    private void sendValidation(ClusterSnapshot snapshot, int node, Map<TopicPartition, Asked> asked) {
        Endpoint endpoint = snapshot.broker(node).map(BrokerNode::endpoint).orElseThrow();
        Map<TopicPartition, OffsetRequests.EpochQuery> queries = new LinkedHashMap<>();
        asked.forEach((tp, a) -> queries.put(tp, new OffsetRequests.EpochQuery(a.leaderEpoch(),
                a.owner().positionEpoch)));
        sender.<OffsetForLeaderEpochResponse>send(endpoint, OffsetRequests.offsetForLeaderEpoch(queries))
                .whenComplete((response, error) -> {
                    Map<TopicPartition, OffsetRequests.EpochEnd> result = error == null
                            ? OffsetRequests.offsetForLeaderEpochResult(response) : Map.of();
                    applyValidations(endpoint, asked, result, error);
                });
    }

    private void applyValidations(Endpoint endpoint, Map<TopicPartition, Asked> asked,
            Map<TopicPartition, OffsetRequests.EpochEnd> result, Throwable error) {
        if (Futures.unwrap(error) instanceof UnsupportedVersionException) {
            // A broker without OffsetForLeaderEpoch cannot tell: fetch from the position as it is.
            ReentrantLock lock = subscriptions.lock();
            lock.lock();
            try {
                for (Asked a : asked.values()) {
                    a.owner().lookupInFlight = false;
                    PartitionState ps = current(a);
                    if (ps != null && ps.phase == PartitionState.Phase.AWAIT_VALIDATION) {
                        ps.phase = PartitionState.Phase.FETCHING;
                    }
                }
            } finally {
                lock.unlock();
            }
            lookupFinished(endpoint, null, null);
            return;
        }
        applyAnswers(endpoint, asked, result, error, OffsetRequests.EpochEnd::error,
                PartitionState.Phase.AWAIT_VALIDATION, (ps, end, a) -> validated(ps, end, a.leaderEpoch()));
    }

    /** What to do with one partition's successful answer; lock held. */
    @FunctionalInterface
    private interface OnAnswer<T> {
        void apply(PartitionState ps, T answer, Asked asked);
    }

    /**
     * Applies a lookup's answers under the lock to the partitions still in {@code expected} with the state asked
     * about: failures back off (and refresh metadata when the error says so), answers go to {@code onAnswer}.
     */
    private <T> void applyAnswers(Endpoint endpoint, Map<TopicPartition, Asked> asked, Map<TopicPartition, T> result,
            Throwable error, Function<T, Errors> errorOf, PartitionState.Phase expected, OnAnswer<T> onAnswer) {
        Errors refresh = null;
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            long now = time.monotonicMs();
            for (Map.Entry<TopicPartition, Asked> e : asked.entrySet()) {
                e.getValue().owner().lookupInFlight = false;
                PartitionState ps = current(e.getValue());
                if (ps == null || ps.phase != expected) {
                    continue;
                }
                T answer = result.get(e.getKey());
                Errors code = answer == null ? null : errorOf.apply(answer);
                if (error != null || code != Errors.NONE) {
                    ps.nextLookupMs = now + settings.retryBackoff().backoffMs(0);
                    if (code != null && MetadataManager.invalidates(code)) {
                        refresh = code;
                    }
                    continue;
                }
                onAnswer.apply(ps, answer, e.getValue());
            }
        } finally {
            lock.unlock();
        }
        lookupFinished(endpoint, error, refresh);
    }

    /** Lock held. */
    private void validated(PartitionState ps, OffsetRequests.EpochEnd end, int currentLeaderEpoch) {
        ps.fetchedLeaderEpoch = currentLeaderEpoch;
        if (end.endOffset() < 0 || end.leaderEpoch() < 0) {
            log.info("[{}] The leader of {} does not know epoch {}; resetting the position ({})", settings.clientId(),
                    ps.tp, ps.positionEpoch, ps.resetStrategy);
            ps.reset(ps.resetStrategy);
            return;
        }
        if (end.endOffset() < ps.position) {
            if (ps.resetStrategy.kind() == ResetStrategy.Kind.NONE) {
                ps.fail(new LogTruncationException(Map.of(ps.tp, end.endOffset())));
                return;
            }
            log.warn("[{}] Log truncation of {} detected: the position {} is past the end ({}) of epoch {} on the new "
                    + "leader; continuing from {}", settings.clientId(), ps.tp, ps.position, end.endOffset(),
                    end.leaderEpoch(), end.endOffset());
            ps.moveTo(end.endOffset(), end.leaderEpoch(), PartitionState.Phase.FETCHING);
            return;
        }
        ps.phase = PartitionState.Phase.FETCHING;
    }

    /** When a lookup that is backing off becomes due, or {@code Long.MAX_VALUE}. */
    long nextDeadlineMs(long nowMs) {
        long next = Long.MAX_VALUE;
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            for (PartitionState ps : subscriptions.assignedLocked()) {
                boolean waiting = ps.phase == PartitionState.Phase.AWAIT_COMMITTED
                        || ps.phase == PartitionState.Phase.AWAIT_RESET
                        || ps.phase == PartitionState.Phase.AWAIT_VALIDATION;
                if (waiting && !ps.lookupInFlight && !ps.awaitingCallback && ps.nextLookupMs > nowMs) {
                    next = Math.min(next, ps.nextLookupMs);
                }
            }
        } finally {
            lock.unlock();
        }
        return next;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Lock held: the partition's state if it is still the one asked about, unchanged. */
    private PartitionState current(Asked asked) {
        PartitionState ps = subscriptions.stateLocked(asked.owner().tp);
        return ps == asked.owner() && ps.version == asked.version() ? ps : null;
    }

    private void lookupFinished(Endpoint endpoint, Throwable error, Errors refresh) {
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof NetworkException || cause instanceof TimeoutException) {
                metadata.brokerFailed(endpoint);
            }
            log.debug("[{}] Offset lookup at {} failed: {}", settings.clientId(), endpoint, cause.toString());
        }
        if (refresh != null) {
            metadata.invalidate(refresh);
        }
        subscriptions.signal().signal();
    }
}
