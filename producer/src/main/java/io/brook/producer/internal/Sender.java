package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.core.Time;
import io.brook.core.internal.metadata.BrokerNode;
import io.brook.core.internal.metadata.ClusterSnapshot;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The producer's sending logic as a state machine driven by the sender thread ({@link SenderLoop}): each
 * {@link #poll(long)} looks at the partitions that have batches, drains the ready ones (full, lingered, flushed,
 * closing, or due for a retry) into one Produce request per broker, up to {@code max.request.size} and
 * {@code max.in.flight.requests.per.connection} per broker, and says when it wants to run next (the earliest linger
 * or backoff deadline). Responses come back on the same thread ({@link #onResponse}) and are turned into outcomes by
 * {@link ProduceOutcomes}.
 *
 * <p>Work per cycle is proportional to the partitions that have batches (the accumulator's ready set), not to all
 * partitions.
 *
 * <p>Sender thread only: every field is confined to it. Queues are touched under their locks.
 */
final class Sender {
    /** Load statistics for adaptive partitioning are recomputed at most this often. */
    private static final long LOAD_INTERVAL_MS = 50;

    private final SenderSettings settings;
    private final Time time;
    private final RecordAccumulator accumulator;
    private final MetadataManager metadata;
    private final RequestSender requests;
    private final Idempotence idempotence;
    private final TransactionManager transactions;
    private final TopicRoutings routings;
    private final ProduceOutcomes outcomes;
    private final BatchCompleter completer;
    private final ProducerMetrics metrics;
    private final Runnable wake;

    /** Queues known to have batches. */
    private final List<PartitionQueue> active = new ArrayList<>();
    private final Map<Integer, NodeState> nodes = new HashMap<>();
    private final List<NodeState> readyNodes = new ArrayList<>();
    private int produceInFlight;
    private long nextLoadMs;
    private CompletableFuture<?> leaderRefresh;
    private boolean aborted;

    Sender(SenderSettings settings, Time time, RecordAccumulator accumulator, MetadataManager metadata,
            RequestSender requests, Idempotence idempotence, TransactionManager transactions, TopicRoutings routings,
            ProduceOutcomes outcomes, BatchCompleter completer, ProducerMetrics metrics, Runnable wake) {
        this.transactions = transactions;
        this.settings = settings;
        this.time = time;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.requests = requests;
        this.idempotence = idempotence;
        this.routings = routings;
        this.outcomes = outcomes;
        this.completer = completer;
        this.metrics = metrics;
        this.wake = wake;
    }

    /**
     * Runs one cycle.
     *
     * @return the monotonic ms at which to run again unless woken earlier, or {@link Long#MAX_VALUE}
     */
    long poll(long nowMs) {
        if (aborted) {
            return Long.MAX_VALUE;
        }
        long next = routings.poll(nowMs);
        failWaitingOfEndedTransaction();
        accumulator.takeNewlyReady(active);
        next = Math.min(next, idempotence.poll(nowMs, produceInFlight));
        next = Math.min(next, collectReady(nowMs, metadata.snapshot()));
        for (NodeState node : readyNodes) {
            drain(node, nowMs);
            node.ready.clear();
        }
        readyNodes.clear();
        if (transactions.transactional()) {
            next = Math.min(next, transactions.poll(nowMs, produceInFlight, anyQueued()));
        }
        if (settings.adaptive() && nowMs >= nextLoadMs) {
            nextLoadMs = nowMs + LOAD_INTERVAL_MS;
            updateLoad(nowMs);
        }
        accumulator.senderSaturated(everyBrokerSaturated());
        completer.flush();
        return next;
    }

    /**
     * Records still waiting for their topic's metadata when the transaction aborts (or cannot go on) belong to that
     * transaction: they fail with it, like its queued batches, rather than be placed later into the next one.
     */
    private void failWaitingOfEndedTransaction() {
        if (!transactions.transactional() || !routings.anyWaiting()) {
            return;
        }
        BrookException error = transactions.queuedBatchError();
        if (error != null) {
            routings.failAllWaiting(error);
        }
    }

    /** Whether a queue still holds a batch (lock-free view of the queues' heads). */
    private boolean anyQueued() {
        for (PartitionQueue q : active) {
            if (q.head() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every broker of the cluster has its maximum of Produce requests in flight: then nothing more can be
     * sent before a response arrives, and a response always runs a cycle.
     */
    private boolean everyBrokerSaturated() {
        int brokers = metadata.snapshot().brokers().size();
        if (nodes.size() < brokers || brokers == 0) {
            return false;
        }
        for (NodeState n : nodes.values()) {
            if (n.inFlight < settings.maxInFlight()) {
                return false;
            }
        }
        return true;
    }

    // ---- ready -----------------------------------------------------------------------------------------------------

    /**
     * Sorts the active queues whose first batch can go now by leader; expires batches; returns the next deadline.
     * Readiness is judged from the queues' lock-free view of their first batch; a queue's lock is taken only to
     * confirm it is empty or to take out expired batches.
     */
    private long collectReady(long nowMs, ClusterSnapshot snapshot) {
        long next = Long.MAX_VALUE;
        boolean flushing = accumulator.flushing();
        BrookException fatal = idempotence.fatalError();
        if (fatal == null) {
            fatal = transactions.queuedBatchError(); // aborting, abortable error or fenced: queued batches fail now
        }
        boolean leaderMissing = false;
        for (int i = 0; i < active.size(); ) {
            PartitionQueue q = active.get(i);
            ProducerBatch head = q.head();
            if (head != null && (fatal != null || nowMs - head.createdMs >= settings.deliveryTimeoutMs())) {
                expire(q, nowMs, fatal);
                head = q.head();
            }
            if (head == null && leftReadySet(q)) {
                active.set(i, active.get(active.size() - 1));
                active.remove(active.size() - 1);
                continue;
            }
            i++;
            if (head == null) {
                continue; // a batch arrived meanwhile: the appender's wake-up brings us back
            }
            long due;
            Optional<BrokerNode> leader = snapshot.leaderFor(q.partition);
            if (leader.isEmpty()) {
                leaderMissing = true;
                due = nowMs + settings.retryBackoff().initialMs();
            } else if (head.retryAtMs() > nowMs) {
                due = head.retryAtMs();
            } else if (!flushing && !head.isBuilt() && !head.isClosedForAppends() && q.batchCount() <= 1
                    && nowMs - head.createdMs < settings.lingerMs()) {
                due = head.createdMs + settings.lingerMs();
            } else {
                if (idempotence.mayDrain(q, head) && transactions.mayDrain(q.partition)) {
                    NodeState node = node(leader.get());
                    if (node.ready.isEmpty()) {
                        readyNodes.add(node);
                    }
                    node.ready.add(q);
                }
                continue;
            }
            // Whatever waits: the batch's delivery deadline is a deadline too.
            next = Math.min(next, Math.min(due, head.createdMs + settings.deliveryTimeoutMs()));
        }
        if (leaderMissing) {
            refreshForLeaders();
        }
        return next;
    }

    /** Whether {@code q} is empty and left the ready set (checked under its lock, so no batch slips by). */
    private static boolean leftReadySet(PartitionQueue q) {
        Locks.lock(q.lock);
        try {
            if (!q.isEmptyLocked()) {
                return false;
            }
            q.leaveReadySetLocked();
            return true;
        } finally {
            q.lock.unlock();
        }
    }

    private void expire(PartitionQueue q, long nowMs, BrookException fatal) {
        List<ProducerBatch> expired;
        Locks.lock(q.lock);
        try {
            expired = expireLocked(q, nowMs, fatal);
        } finally {
            q.lock.unlock();
        }
        if (expired != null) {
            for (ProducerBatch b : expired) {
                outcomes.failForGood(b, fatal != null ? fatal : outcomes.expired(b, nowMs), nowMs);
            }
        }
    }

    /** Takes out the batches that can no longer succeed: past their delivery timeout, or all on a fatal error. */
    private List<ProducerBatch> expireLocked(PartitionQueue q, long nowMs, BrookException fatal) {
        List<ProducerBatch> expired = null;
        ProducerBatch head;
        while ((head = q.firstLocked()) != null
                && (fatal != null || nowMs - head.createdMs >= settings.deliveryTimeoutMs())) {
            if (expired == null) {
                expired = new ArrayList<>();
            }
            expired.add(q.pollFirstLocked());
        }
        return expired;
    }

    private NodeState node(BrokerNode broker) {
        NodeState node = nodes.get(broker.id());
        if (node == null) {
            node = new NodeState(broker.id(), broker.endpoint());
            nodes.put(broker.id(), node);
        } else if (!node.endpoint.host().equals(broker.host()) || node.endpoint.port() != broker.port()) {
            node.endpoint = broker.endpoint();
        }
        return node;
    }

    private void refreshForLeaders() {
        if (leaderRefresh == null || leaderRefresh.isDone()) {
            leaderRefresh = metadata.requestUpdate().whenComplete((s, e) -> wake.run());
        }
    }

    // ---- drain and send ----------------------------------------------------------------------------------------------

    private void drain(NodeState node, long nowMs) {
        if (node.inFlight >= settings.maxInFlight()) {
            if (node.backloggedSinceMs < 0) {
                node.backloggedSinceMs = nowMs;
            }
            return; // a response will wake us
        }
        node.backloggedSinceMs = -1;
        List<PartitionQueue> ready = node.ready;
        int n = ready.size();
        int start = node.drainStart++ % n;
        if (node.drainStart < 0) {
            node.drainStart = 0;
        }
        List<ProducerBatch> batches = new ArrayList<>(n);
        long bytes = 0;
        for (int k = 0; k < n; k++) {
            PartitionQueue q = ready.get((start + k) % n);
            ProducerBatch head;
            Locks.lock(q.lock);
            try {
                head = q.firstLocked();
                if (head == null) {
                    continue;
                }
                if (!batches.isEmpty() && bytes + head.sizeInBytes() > settings.maxRequestSize()) {
                    continue; // leave it for the next request; a smaller batch of another partition may fit
                }
                q.pollFirstLocked();
                if (!head.isBuilt()) {
                    q.rememberRecordCountLocked(head.recordCount());
                }
            } finally {
                q.lock.unlock();
            }
            if (!head.isBuilt()) {
                close(q, head);
            }
            batches.add(head);
            bytes += head.sizeInBytes();
        }
        if (!batches.isEmpty()) {
            send(node, batches, nowMs);
        }
    }

    /** Builds a batch's wire form (compressing it) and learns the topic's compression ratio from it. */
    private void close(PartitionQueue q, ProducerBatch batch) {
        accumulator.pool().release(idempotence.build(q, batch));
        if (accumulator.compression().type() != io.brook.protocol.compress.CompressionType.NONE) {
            TopicState topic = q.topic;
            float observed = batch.compressionRatio();
            float estimate = topic.compressionRatio;
            // Grow the estimate at once when batches compress worse than assumed (oversized batches), shrink it
            // slowly when they compress better.
            topic.compressionRatio = observed > estimate ? Math.min(1.0f, observed + 0.05f)
                    : Math.max(observed, estimate - 0.005f);
        }
    }

    private void send(NodeState node, List<ProducerBatch> batches, long nowMs) {
        ProduceCall call = new ProduceCall(node.id, node.endpoint, batches, settings.acks(),
                settings.requestTimeoutMs(), settings.transactionalId(), transactions.produceVersions(), nowMs,
                time.nanoseconds());
        for (ProducerBatch b : batches) {
            b.attemptStarted();
            b.queue.inFlight.addLast(b);
        }
        node.inFlight++;
        produceInFlight++;
        metrics.requestSent(call.recordCount());
        CompletableFuture<ProduceResponse> response = requests.send(node.endpoint, call.request());
        response.whenComplete((r, e) -> onResponse(call, r, e));
    }

    /** A Produce request ended, with a response or a failure; sender thread. */
    void onResponse(ProduceCall call, ProduceResponse response, Throwable error) {
        long nowMs = time.monotonicMs();
        NodeState node = nodes.get(call.nodeId);
        if (node != null) {
            node.inFlight--;
        }
        accumulator.senderSaturated(false);
        produceInFlight--;
        metrics.requestEnded(call.recordCount(), time.nanoseconds() - call.sentNanos);
        for (ProducerBatch b : call.batches) {
            b.queue.inFlight.remove(b);
            b.attemptEnded(false);
            completer.requestEnded(b);
        }
        if (aborted) {
            return;
        }
        if (error != null) {
            outcomes.requestFailed(call, Futures.unwrap(error), nowMs);
        } else if (response == null) {
            outcomes.writtenWithoutAck(call, nowMs);
        } else {
            List<PartitionProduceResponse> answers = call.answers(response);
            for (int i = 0; i < call.batches.size(); i++) {
                outcomes.answered(call, call.batches.get(i), answers.get(i), nowMs);
            }
        }
        completer.flush();
        wake.run();
    }

    // ---- adaptive partitioning ------------------------------------------------------------------------------------

    /** Publishes each topic's partition load (queue lengths, brokers not keeping up) for records without key. */
    private void updateLoad(long nowMs) {
        long timeout = settings.availabilityTimeoutMs();
        ClusterSnapshot snapshot = metadata.snapshot();
        for (TopicState t : accumulator.topics()) {
            TopicRouting routing = t.routing;
            if (routing == null) {
                continue;
            }
            int[] candidates = routing.withLeader();
            int[] keep = new int[candidates.length];
            int[] sizes = new int[candidates.length];
            int n = 0;
            for (int p : candidates) {
                if (timeout > 0 && backlogged(snapshot, routing.queues()[p], nowMs, timeout)) {
                    continue;
                }
                keep[n] = p;
                sizes[n] = routing.queues()[p].batchCount();
                n++;
            }
            boolean restricted = n < candidates.length;
            t.load(PartitionLoad.of(java.util.Arrays.copyOf(keep, n), java.util.Arrays.copyOf(sizes, n),
                    restricted));
        }
    }

    private boolean backlogged(ClusterSnapshot snapshot, PartitionQueue q, long nowMs, long timeoutMs) {
        Optional<BrokerNode> leader = snapshot.leaderFor(q.partition);
        if (leader.isEmpty()) {
            return true;
        }
        NodeState node = nodes.get(leader.get().id());
        return node != null && node.backloggedSinceMs >= 0 && nowMs - node.backloggedSinceMs >= timeoutMs;
    }

    // ---- close ---------------------------------------------------------------------------------------------------------

    /** Whether nothing is queued, in flight or waiting for metadata. */
    boolean idle() {
        accumulator.takeNewlyReady(active);
        if (produceInFlight > 0 || routings.anyWaiting()) {
            return false;
        }
        for (PartitionQueue q : active) {
            Locks.lock(q.lock);
            try {
                if (!q.isEmptyLocked()) {
                    return false;
                }
            } finally {
                q.lock.unlock();
            }
        }
        return true;
    }

    /**
     * Fails everything still pending with {@code error} and stops: queued batches and waiting records now;
     * batches in flight now too, their memory once their request ends (the network layer may still be writing
     * them).
     */
    void abort(Throwable error) {
        aborted = true;
        long nowMs = time.monotonicMs();
        routings.failAllWaiting(error);
        accumulator.takeNewlyReady(active);
        for (TopicState t : accumulator.topics()) {
            TopicRouting routing = t.routing;
            if (routing == null) {
                continue;
            }
            for (PartitionQueue q : routing.queues()) {
                List<ProducerBatch> queued;
                Locks.lock(q.lock);
                try {
                    queued = new ArrayList<>(q.takeAllLocked());
                    q.leaveReadySetLocked();
                } finally {
                    q.lock.unlock();
                }
                for (ProducerBatch b : queued) {
                    completer.failed(b, error, nowMs);
                }
                for (ProducerBatch b : new ArrayList<>(q.inFlight)) {
                    completer.failed(b, error, nowMs);
                }
            }
        }
        active.clear();
        completer.flush();
    }
}
