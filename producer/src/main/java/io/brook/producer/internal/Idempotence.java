package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.event.RetryEvent;
import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.InitProducerIdResponse;
import io.brook.protocol.record.RecordBatchFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent producer's identity and sequence numbers: the producer id and epoch from InitProducerId, the next
 * sequence of each partition (given to a batch when it is first drained, kept across its retries), and the recovery
 * from sequence errors.
 *
 * <p>Rules that keep every batch written at most once:
 * <ul>
 *   <li>A retried batch goes out again with the same producer id, epoch and sequence, so the broker recognises a
 *       batch it already wrote. A partition's retried batch is sent only when none of its batches is in flight, so
 *       retries go out in sequence order.
 *   <li>A batch that failed for good (or expired) leaves a gap in its partition's sequence: the producer then bumps
 *       its epoch (InitProducerId with its current id and epoch, KIP-360), after which every partition starts again at
 *       sequence 0. OUT_OF_ORDER_SEQUENCE_NUMBER for the batch the broker should expect next, and
 *       UNKNOWN_PRODUCER_ID, mean the broker lost the producer's state: also an epoch bump, and the batch (which the
 *       broker refused, so was not written) is retried under the new epoch.
 *   <li>An epoch bump waits until no Produce request is in flight and no batch whose last attempt ended without an
 *       answer (a timeout, a lost connection) waits for its retry: such batches are retried under the old epoch first,
 *       where the broker can still recognise them. Only batches whose fate is known are renumbered.
 * </ul>
 * A transactional producer gets its id and epoch from its {@link TransactionManager} ({@link #assign}: InitProducerId
 * to the transaction coordinator), never from {@link #poll}, and builds its batches with the transactional flag.
 *
 * <p>Sender thread only.
 */
final class Idempotence {
    private static final Logger log = LoggerFactory.getLogger(Idempotence.class);

    private final boolean enabled;
    private final String clientId;
    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final RequestSender requests;
    private final MetadataManager metadata;
    private final ExponentialBackoff backoff;
    private final EventSink events;
    private final Time time;
    private final Runnable wake;
    /** Queues whose sequence state must be reset when the epoch changes. */
    private final List<PartitionQueue> tracked = new ArrayList<>();

    private long producerId = RecordBatchFormat.NO_PRODUCER_ID;
    private short epoch = RecordBatchFormat.NO_PRODUCER_EPOCH;
    private boolean requestInFlight;
    private long nextAttemptMs;
    private int failedAttempts;
    private boolean bumpNeeded;
    private BrookException fatal;

    Idempotence(boolean enabled, String clientId, String transactionalId, int transactionTimeoutMs,
            RequestSender requests, MetadataManager metadata, ExponentialBackoff backoff, EventSink events, Time time,
            Runnable wake) {
        this.enabled = enabled;
        this.clientId = clientId;
        this.transactionalId = transactionalId;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.requests = requests;
        this.metadata = metadata;
        this.backoff = backoff;
        this.events = events;
        this.time = time;
        this.wake = wake;
    }

    boolean enabled() {
        return enabled;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
    }

    /** An error that makes every batch fail (the broker refused the producer an id for good), or null. */
    BrookException fatalError() {
        return fatal;
    }

    boolean bumpPending() {
        return bumpNeeded;
    }

    // ---- draining ------------------------------------------------------------------------------------------------

    /** Whether {@code head}, the first batch of {@code queue}, may be drained now. */
    boolean mayDrain(PartitionQueue queue, ProducerBatch head) {
        if (!enabled) {
            return true;
        }
        if (producerId < 0 || requestInFlight) {
            return false;
        }
        boolean retry = head.isBuilt();
        if (bumpNeeded) {
            // Only batches that may have been written under the current epoch go out before the bump.
            return retry && head.outcomeUnknown() && queue.inFlight.isEmpty();
        }
        if (queue.lastAckedSequence < 0) {
            // Until the broker acknowledged a batch of this partition under this epoch, one at a time: a broker
            // that does not know the producer yet accepts any first sequence, so a later batch arriving before a
            // retried first one would be written and leave the first out of order for ever.
            return queue.inFlight.isEmpty();
        }
        return !retry || queue.inFlight.isEmpty();
    }

    /**
     * Closes a batch drained for the first time with the producer's id, epoch and the partition's next sequence.
     *
     * @return the bytes of buffer.memory compression freed
     */
    long build(PartitionQueue queue, ProducerBatch batch) {
        if (!enabled) {
            return batch.build(RecordBatchFormat.NO_PRODUCER_ID, RecordBatchFormat.NO_PRODUCER_EPOCH,
                    RecordBatchFormat.NO_SEQUENCE, false);
        }
        int sequence = queue.nextSequence;
        queue.nextSequence = Sequences.add(sequence, batch.recordCount());
        if (!queue.sequenceTracked) {
            queue.sequenceTracked = true;
            tracked.add(queue);
        }
        return batch.build(producerId, epoch, sequence, transactionalId != null);
    }

    // ---- outcomes ------------------------------------------------------------------------------------------------

    /** The broker wrote {@code batch} at {@code baseOffset}. */
    void acknowledged(PartitionQueue queue, ProducerBatch batch, long baseOffset) {
        if (!enabled || !batch.hasSequence() || batch.producerEpoch() != epoch) {
            return;
        }
        queue.lastAckedSequence = batch.lastSequence();
        if (baseOffset >= 0) {
            queue.lastAckedOffset = baseOffset + batch.recordCount() - 1;
        }
    }

    /** {@code batch} failed for good: its sequence range is a gap the broker will never fill. */
    void failedForGood(ProducerBatch batch) {
        if (enabled && batch.hasSequence() && batch.producerEpoch() == epoch && !bumpNeeded) {
            log.info("[{}] Batch {} failed after it was numbered: bumping the producer epoch so that later batches "
                    + "are accepted", clientId, batch);
            bumpNeeded = true;
        }
    }

    /**
     * The broker answered {@code error} (OUT_OF_ORDER_SEQUENCE_NUMBER or UNKNOWN_PRODUCER_ID) for {@code batch}.
     * The broker did not write the batch, so it is always retried; this decides whether the epoch must be bumped
     * first: only if the batch is the one the broker should expect next, for then the broker lost this producer's
     * state (its log was truncated or deleted).
     */
    void sequenceError(PartitionQueue queue, ProducerBatch batch, Errors error) {
        if (batch.producerEpoch() != epoch) {
            return; // answered for an epoch already replaced; the batch is renumbered with the others
        }
        int expected = Sequences.add(queue.lastAckedSequence, 1);
        if (batch.baseSequence() != expected) {
            // An earlier batch of the partition is unresolved (being retried): the broker refuses this one until it
            // has that one, whichever of the two errors it uses for it. This one follows it.
            return;
        }
        if (!bumpNeeded) {
            log.warn("[{}] The broker answered {} for {} (next expected sequence {}): it lost this producer's state; "
                    + "bumping the epoch and retrying", clientId, error, batch, expected);
            bumpNeeded = true;
        }
    }

    // ---- InitProducerId ------------------------------------------------------------------------------------------

    /**
     * Sends InitProducerId when the producer has no id yet, or must bump its epoch and may now.
     *
     * @param produceInFlight Produce requests in flight now
     * @return when to look again (monotonic ms), or {@link Long#MAX_VALUE} to wait for an event
     */
    long poll(long nowMs, int produceInFlight) {
        if (!enabled || fatal != null || requestInFlight || transactionalId != null) {
            return Long.MAX_VALUE;
        }
        boolean bump = producerId >= 0 && bumpNeeded;
        if (producerId >= 0 && !bump) {
            return Long.MAX_VALUE;
        }
        if (bump && (produceInFlight > 0 || unknownOutcomeQueued())) {
            return Long.MAX_VALUE;
        }
        if (nowMs < nextAttemptMs) {
            return nextAttemptMs;
        }
        Optional<Endpoint> broker = metadata.chooseBroker();
        if (broker.isEmpty()) {
            nextAttemptMs = nowMs + backoff.backoffMs(Math.min(failedAttempts, 10));
            metadata.requestUpdate().whenComplete((s, e) -> wake.run());
            return nextAttemptMs;
        }
        send(broker.get(), bump);
        return Long.MAX_VALUE;
    }

    private boolean unknownOutcomeQueued() {
        for (PartitionQueue q : tracked) {
            q.lock.lock();
            try {
                for (Iterator<ProducerBatch> it = q.iteratorLocked(); it.hasNext(); ) {
                    ProducerBatch b = it.next();
                    if (!b.isBuilt()) {
                        break;
                    }
                    if (b.outcomeUnknown()) {
                        return true;
                    }
                }
            } finally {
                q.lock.unlock();
            }
        }
        return false;
    }

    private void send(Endpoint broker, boolean bump) {
        requestInFlight = true;
        long currentId = bump ? producerId : RecordBatchFormat.NO_PRODUCER_ID;
        short currentEpoch = bump ? epoch : RecordBatchFormat.NO_PRODUCER_EPOCH;
        RequestBuilder request = RequestBuilder.of(ApiKey.INIT_PRODUCER_ID, version -> {
            InitProducerIdRequest.Builder b = InitProducerIdRequest.builder().transactionalId(transactionalId)
                    .transactionTimeoutMs(transactionTimeoutMs);
            if (Capability.INIT_PRODUCER_ID_EPOCH_BUMP.at(version)) {
                b.producerId(currentId).producerEpoch(currentEpoch);
            }
            return b.build();
        });
        requests.<InitProducerIdResponse>send(broker, request)
                .whenComplete((response, error) -> onResponse(broker, bump, response, error));
    }

    private void onResponse(Endpoint broker, boolean bump, InitProducerIdResponse response, Throwable error) {
        requestInFlight = false;
        long nowMs = time.monotonicMs();
        Throwable failure = error == null ? null : Futures.unwrap(error);
        Errors code = failure == null ? Errors.forCode(response.errorCode()) : null;
        if (failure == null && code == Errors.NONE) {
            established(response.producerId(), response.producerEpoch(), bump);
        } else if (code == Errors.INVALID_PRODUCER_EPOCH || code == Errors.PRODUCER_FENCED) {
            // The broker will not bump this id: start over with a new one.
            log.info("[{}] InitProducerId answered {} for epoch bump of producer id {}: requesting a new id", clientId,
                    code, producerId);
            producerId = RecordBatchFormat.NO_PRODUCER_ID;
            epoch = RecordBatchFormat.NO_PRODUCER_EPOCH;
        } else if (failure instanceof BrookException be ? be.isRetriable() : code != null && code.isRetriable()) {
            failedAttempts++;
            long waitMs = backoff.backoffMs(Math.min(failedAttempts - 1, 10));
            nextAttemptMs = nowMs + waitMs;
            if (failure instanceof NetworkException || failure instanceof TimeoutException) {
                metadata.brokerFailed(broker);
            }
            String what = failure != null ? failure.toString() : code.name();
            log.debug("[{}] InitProducerId to {} failed, retrying in {} ms: {}", clientId, broker, waitMs, what);
            if (events.enabled()) {
                events.emit(new RetryEvent(clientId, time.milliseconds(), "InitProducerId", failedAttempts, waitMs,
                        what));
            }
        } else {
            fatal = failure instanceof BrookException be ? be
                    : code != null ? code.exception("InitProducerId failed for producer " + clientId + ": "
                            + code.defaultMessage())
                    : new BrookException("InitProducerId failed for producer " + clientId, failure);
            log.error("[{}] The producer cannot get a producer id; every record fails: {}", clientId,
                    fatal.toString());
        }
        wake.run();
    }

    /**
     * The id and epoch the transaction coordinator gave (a transactional producer's only source): every partition
     * starts again at sequence 0.
     */
    void assign(long newId, short newEpoch) {
        established(newId, newEpoch, false);
        renumber();
    }

    private void established(long newId, short newEpoch, boolean bump) {
        failedAttempts = 0;
        producerId = newId;
        epoch = newEpoch;
        if (bump) {
            bumpNeeded = false;
            renumber();
            log.info("[{}] Producer id {} now at epoch {}; sequences start again at 0", clientId, newId, newEpoch);
        } else {
            bumpNeeded = false;
            log.debug("[{}] Producer id {}, epoch {}", clientId, newId, newEpoch);
        }
    }

    /** Restarts every partition at sequence 0 under the new epoch, renumbering the batches waiting for a retry. */
    private void renumber() {
        for (PartitionQueue q : tracked) {
            q.lock.lock();
            try {
                int sequence = 0;
                for (Iterator<ProducerBatch> it = q.iteratorLocked(); it.hasNext(); ) {
                    ProducerBatch b = it.next();
                    if (!b.isBuilt()) {
                        break;
                    }
                    b.rewriteProducerState(producerId, epoch, sequence);
                    sequence = Sequences.add(sequence, b.recordCount());
                }
                q.nextSequence = sequence;
                q.lastAckedSequence = -1;
                q.lastAckedOffset = -1;
            } finally {
                q.lock.unlock();
            }
        }
    }
}
