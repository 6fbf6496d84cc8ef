package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkClientClosedException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.consumer.OffsetOutOfRangeNoResetException;
import io.brook.core.Time;
import io.brook.core.internal.metadata.BrokerNode;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.PartitionMetadata;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FetchResponse;
import io.netty.buffer.ByteBufAllocator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the assigned partitions from their leaders: at most one Fetch in flight per broker, each in that broker's
 * incremental {@link FetchSession}, with the next one sent as soon as the last is answered so that fetching
 * overlaps the application's processing. A partition is fetched while it has a valid position, is not paused or
 * waiting for its onPartitionsAssigned callback, and has at most one fetched-but-unconsumed response; nothing is
 * fetched while the {@link FetchBuffer} is full. Answers become {@link CompletedFetch}es (the records stay in the
 * response's pooled buffer); errors move the partition to a reset, a validation, a metadata refresh or a failure
 * the application sees.
 *
 * <p>Confined to the consumer's background thread; partition state is read and written under the
 * {@link SubscriptionState}'s lock.
 */
final class Fetcher {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);

    private final ConsumerSettings settings;
    private final SubscriptionState subscriptions;
    private final FetchBuffer buffer;
    private final MetadataManager metadata;
    private final RequestSender sender;
    private final ByteBufAllocator alloc;
    private final Time time;
    private final FetchListener listener;
    private final Map<Integer, FetchSession> sessions = new HashMap<>();
    private final Map<Integer, Long> inFlight = new HashMap<>();
    private final Map<Integer, Integer> failures = new HashMap<>();
    private final Map<Integer, Long> backoffUntilMs = new HashMap<>();

    /** Told what each answered fetch brought, for metrics, events and the poll loop. */
    interface FetchListener {
        /** A fetch from {@code node} was answered; {@code buffered} partitions got data. Background thread. */
        void fetched(int node, int partitions, int buffered, long bytes, long latencyMs);
    }

    Fetcher(ConsumerSettings settings, SubscriptionState subscriptions, FetchBuffer buffer, MetadataManager metadata,
            RequestSender sender, ByteBufAllocator alloc, Time time, FetchListener listener) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.buffer = buffer;
        this.metadata = metadata;
        this.sender = sender;
        this.alloc = alloc;
        this.time = time;
        this.listener = listener;
    }

    /** One partition of a fetch being planned or in flight. */
    private record Sending(PartitionState owner, long version, FetchSession.Sent sent) {}

    /** Sends a fetch to every leader that has fetchable partitions and none in flight. */
    void poll(long nowMs) {
        ClusterSnapshot snapshot = metadata.snapshot();
        Map<Integer, Map<TopicPartition, Sending>> byLeader = new LinkedHashMap<>();
        boolean needMetadata = false;
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            if (buffer.isFullLocked()) {
                return;
            }
            for (PartitionState ps : subscriptions.assignedLocked()) {
                if (!isFetchable(ps)) {
                    continue;
                }
                PartitionMetadata pm = snapshot.partition(ps.tp).orElse(null);
                if (pm == null || !pm.hasLeader() || snapshot.broker(pm.leaderId()).isEmpty()) {
                    needMetadata = true;
                    continue;
                }
                if (leaderChanged(ps, pm)) {
                    // A new leader may have a shorter log: check the position before reading from it (KIP-320).
                    ps.phase = PartitionState.Phase.AWAIT_VALIDATION;
                    ps.nextLookupMs = 0L;
                    continue;
                }
                int node = pm.leaderId();
                if (inFlight.containsKey(node) || backoffUntilMs.getOrDefault(node, 0L) > nowMs) {
                    continue;
                }
                FetchSession.Sent sent = new FetchSession.Sent(ps.fetchOffset, settings.maxPartitionFetchBytes(),
                        pm.leaderEpoch());
                byLeader.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(ps.tp,
                        new Sending(ps, ps.version, sent));
                ps.outstandingFetches++;
                ps.fetchedLeaderEpoch = pm.leaderEpoch();
            }
        } finally {
            lock.unlock();
        }
        if (needMetadata) {
            metadata.requestUpdate();
        }
        for (Map.Entry<Integer, Map<TopicPartition, Sending>> e : byLeader.entrySet()) {
            send(snapshot, e.getKey(), e.getValue(), nowMs);
        }
    }

    /** Lock held. */
    private static boolean isFetchable(PartitionState ps) {
        return ps.phase == PartitionState.Phase.FETCHING && !ps.paused && !ps.awaitingCallback
                && ps.outstandingFetches < 2;
    }

    /** Lock held. */
    private static boolean leaderChanged(PartitionState ps, PartitionMetadata pm) {
        return ps.positionEpoch >= 0 && ps.fetchedLeaderEpoch >= 0 && pm.hasLeaderEpoch()
                && pm.leaderEpoch() > ps.fetchedLeaderEpoch;
    }

    private void send(ClusterSnapshot snapshot, int node, Map<TopicPartition, Sending> partitions, long nowMs) {
        Endpoint endpoint = snapshot.broker(node).map(BrokerNode::endpoint).orElseThrow();
        FetchSession session = sessions.computeIfAbsent(node, n -> new FetchSession());
        Map<TopicPartition, FetchSession.Sent> wanted = new LinkedHashMap<>();
        partitions.forEach((tp, s) -> wanted.put(tp, s.sent()));
        FetchSession.Plan plan = session.plan(wanted);
        Map<String, UUID> topicIds = new HashMap<>();
        for (TopicPartition tp : plan.wanted().keySet()) {
            topicIds.put(tp.topic(), snapshot.topic(tp.topic()).map(TopicMetadata::topicId)
                    .orElse(TopicMetadata.NO_TOPIC_ID));
        }
        for (TopicPartition tp : plan.toForget()) {
            topicIds.computeIfAbsent(tp.topic(), t -> snapshot.topic(t).map(TopicMetadata::topicId)
                    .orElse(TopicMetadata.NO_TOPIC_ID));
        }
        inFlight.put(node, nowMs);
        long timeoutMs = (long) settings.requestTimeoutMs() + settings.fetchMaxWaitMs();
        sender.<FetchResponse>send(endpoint, FetchRequests.build(settings, plan, topicIds), timeoutMs)
                .whenComplete((response, error) -> {
                    if (error != null) {
                        failed(node, endpoint, partitions, Futures.unwrap(error));
                    } else {
                        answered(node, plan, partitions, topicIds, response);
                    }
                });
    }

    private void answered(int node, FetchSession.Plan plan, Map<TopicPartition, Sending> partitions,
            Map<String, UUID> topicIds, FetchResponse response) {
        long latencyMs = time.monotonicMs() - inFlight.remove(node);
        failures.remove(node);
        FetchOutcome outcome;
        try {
            Errors top = Errors.forCode(response.errorCode());
            sessions.get(node).answered(plan, top, response.sessionId());
            if (top != Errors.NONE) {
                log.debug("[{}] Fetch from broker {} failed: {}", settings.clientId(), node, top);
                releaseAll(partitions);
                if (!FetchSession.isSessionError(top)) {
                    metadata.invalidate(top);
                }
                return;
            }
            outcome = new FetchOutcome(settings, subscriptions, buffer, alloc);
            outcome.apply(response, partitions.keySet(), topicIds, (tp, pd) -> {
                Sending s = partitions.get(tp);
                return s == null ? null : new FetchOutcome.Request(s.owner(), s.version(), s.sent().fetchOffset());
            });
        } finally {
            response.release();
        }
        for (Errors error : outcome.metadataErrors()) {
            metadata.invalidate(error);
        }
        if (outcome.bufferedPartitions() > 0) {
            subscriptions.signal().signal();
        }
        listener.fetched(node, partitions.size(), outcome.bufferedPartitions(), outcome.bufferedBytes(), latencyMs);
    }

    private void failed(int node, Endpoint endpoint, Map<TopicPartition, Sending> partitions, Throwable error) {
        inFlight.remove(node);
        FetchSession session = sessions.get(node);
        if (session != null) {
            session.reset();
        }
        releaseAll(partitions);
        int failed = failures.merge(node, 1, Integer::sum);
        backoffUntilMs.put(node, time.monotonicMs() + settings.retryBackoff().backoffMs(failed - 1));
        if (error instanceof NetworkException || error instanceof TimeoutException) {
            metadata.brokerFailed(endpoint);
        }
        log.debug("[{}] Fetch from {} failed (attempt {}): {}", settings.clientId(), endpoint, failed,
                error.toString());
        if (error instanceof BrookException b && !b.isRetriable() && !(error instanceof NetworkException)
                && !(error instanceof NetworkClientClosedException)) {
            log.warn("[{}] Fetch from {} failed: {}", settings.clientId(), endpoint, error.toString());
        }
    }

    /** Every partition of a fetch that brought nothing: it may be fetched again. */
    private void releaseAll(Map<TopicPartition, Sending> partitions) {
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            for (Sending s : partitions.values()) {
                s.owner().outstandingFetches--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** When a broker's fetch backoff ends, if any is backing off. */
    long nextDeadlineMs(long nowMs) {
        long next = Long.MAX_VALUE;
        for (long until : backoffUntilMs.values()) {
            if (until > nowMs) {
                next = Math.min(next, until);
            }
        }
        return next;
    }

    /** Whether a fetch is in flight to any broker; for tests. */
    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /**
     * The error an out-of-range fetch position leads to with {@code auto.offset.reset=none}.
     */
    static BrookException outOfRange(TopicPartition tp, long offset) {
        return new OffsetOutOfRangeNoResetException(Map.of(tp, offset));
    }
}
