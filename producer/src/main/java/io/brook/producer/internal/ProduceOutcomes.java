package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.event.RetryEvent;
import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ProduceResponse.BatchIndexAndErrorMessage;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to each batch of a Produce request once its answer (or the request's failure) is known:
 * written, retried after a backoff (re-queued at the front of its partition, in order), split (too large for the
 * broker), or failed for good with a typed error naming the partition and the Kafka error code.
 *
 * <p>Retries stop at {@code retries} attempts or at the batch's {@code delivery.timeout.ms} deadline, whichever
 * comes first; errors that mean the metadata is stale (NOT_LEADER_OR_FOLLOWER, ...) also refresh it, so the retry
 * goes to the new leader.
 *
 * <p>Sender thread only.
 */
final class ProduceOutcomes {
    private static final Logger log = LoggerFactory.getLogger(ProduceOutcomes.class);

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final MetadataManager metadata;
    private final Idempotence idempotence;
    private final TransactionManager transactions;
    private final BatchCompleter completer;
    private final BatchSplitter splitter;
    private final ProducerMetrics metrics;
    private final EventSink events;
    private final Time time;

    ProduceOutcomes(SenderSettings settings, RecordAccumulator accumulator, MetadataManager metadata,
            Idempotence idempotence, TransactionManager transactions, BatchCompleter completer, ProducerMetrics metrics,
            EventSink events, Time time) {
        this.settings = settings;
        this.transactions = transactions;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.idempotence = idempotence;
        this.completer = completer;
        this.splitter = new BatchSplitter(accumulator);
        this.metrics = metrics;
        this.events = events;
        this.time = time;
    }

    /** The whole request failed (no connection, no response in time, could not be built). */
    void requestFailed(ProduceCall call, Throwable error, long nowMs) {
        boolean retriable = error instanceof BrookException be && be.isRetriable();
        // Only a request that may have reached the broker leaves the batches' fate unknown.
        boolean unknown = error instanceof NetworkException || error instanceof TimeoutException;
        if (unknown) {
            metadata.brokerFailed(call.endpoint);
        }
        for (ProducerBatch b : call.batches) {
            if (b.isFinished()) {
                continue;
            }
            if (retriable) {
                retryOrFail(b, error, nowMs, unknown);
            } else {
                failForGood(b, error, nowMs);
            }
        }
    }

    /** The broker wrote every batch of an {@code acks=0} request (as far as anyone will know). */
    void writtenWithoutAck(ProduceCall call, long nowMs) {
        for (ProducerBatch b : call.batches) {
            if (!b.isFinished()) {
                completer.succeeded(b, -1L, -1L, nowMs);
            }
        }
    }

    /** The broker's answer for one batch; null if the response left its partition out. */
    void answered(ProduceCall call, ProducerBatch batch, PartitionProduceResponse answer, long nowMs) {
        if (batch.isFinished()) {
            return;
        }
        if (answer == null) {
            retryOrFail(batch, new NetworkException("The Produce response from " + call.endpoint
                    + " has no answer for " + batch.partition), nowMs, true);
            return;
        }
        Errors error = Errors.forCode(answer.errorCode());
        switch (error) {
            case NONE, DUPLICATE_SEQUENCE_NUMBER -> {
                // DUPLICATE_SEQUENCE_NUMBER: the broker wrote this batch before (a retry of a batch whose answer was
                // lost, older than the five it remembers the offsets of).
                idempotence.acknowledged(batch.queue, batch, answer.baseOffset());
                completer.succeeded(batch, answer.baseOffset(), answer.logAppendTimeMs(), nowMs);
            }
            case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE -> tooLarge(batch, error, answer, nowMs);
            case OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID -> {
                if (!idempotence.enabled()) {
                    failForGood(batch, exception(batch, error, answer), nowMs);
                    return;
                }
                idempotence.sequenceError(batch.queue, batch, error);
                retryOrFail(batch, exception(batch, error, answer), nowMs, false);
            }
            default -> {
                BrookException ex = exception(batch, error, answer);
                if (MetadataManager.invalidates(error)) {
                    metadata.invalidate(error);
                }
                if (error.isRetriable()) {
                    retryOrFail(batch, ex, nowMs, false);
                } else {
                    failForGood(batch, ex, nowMs);
                }
            }
        }
    }

    private void tooLarge(ProducerBatch batch, Errors error, PartitionProduceResponse answer, long nowMs) {
        if (batch.recordCount() <= 1) {
            failForGood(batch, new RecordTooLargeException("The record for " + batch.partition + " ("
                    + batch.sizeInBytes() + " bytes as a batch) is larger than the broker accepts (" + error
                    + ": " + describe(answer) + ")"), nowMs);
            return;
        }
        if (nowMs - batch.createdMs >= settings.deliveryTimeoutMs()) {
            failForGood(batch, expired(batch, nowMs), nowMs);
            return;
        }
        List<ProducerBatch> parts;
        try {
            parts = splitter.split(batch);
        } catch (RuntimeException e) {
            failForGood(batch, e, nowMs);
            return;
        }
        log.debug("[{}] {} was too large for the broker ({}): split into {} batches", settings.clientId(), batch,
                error, parts.size());
        // The parts carry the original's futures; the original is settled once all of them are.
        batch.finish();
        accumulator.pool().release(batch.releaseBuffer());
        CompletableFuture.allOf(parts.stream().map(p -> p.done).toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> batch.done.complete(null));
        for (ProducerBatch part : parts) {
            requeue(part);
        }
    }

    /** Retries {@code batch} after a backoff unless its retries or its delivery timeout are used up. */
    void retryOrFail(ProducerBatch batch, Throwable error, long nowMs, boolean outcomeUnknown) {
        batch.attemptEnded(outcomeUnknown);
        batch.lastError(error);
        if (batch.attempts() > settings.retries()) {
            failForGood(batch, error, nowMs);
            return;
        }
        if (nowMs - batch.createdMs >= settings.deliveryTimeoutMs()) {
            failForGood(batch, expired(batch, nowMs), nowMs);
            return;
        }
        long waitMs = settings.retryBackoff().backoffMs(Math.min(batch.attempts() - 1, 30));
        batch.retryAt(nowMs + waitMs);
        metrics.retried(batch.partition.topic());
        if (events.enabled()) {
            events.emit(new RetryEvent(settings.clientId(), time.milliseconds(), "Produce to " + batch.partition,
                    batch.attempts(), waitMs, error.getClass().getSimpleName() + ": " + error.getMessage()));
        }
        log.debug("[{}] Retrying {} in {} ms after: {}", settings.clientId(), batch, waitMs, error.toString());
        requeue(batch);
    }

    private void requeue(ProducerBatch batch) {
        PartitionQueue q = batch.queue;
        boolean announce;
        q.lock.lock();
        try {
            announce = q.reenqueueLocked(batch);
        } finally {
            q.lock.unlock();
        }
        if (announce) {
            accumulator.announce(q);
        }
    }

    /** The batch fails with {@code error}; with idempotence its sequence gap calls for an epoch bump. */
    void failForGood(ProducerBatch batch, Throwable error, long nowMs) {
        idempotence.failedForGood(batch);
        completer.failed(batch, transactions.batchFailed(error), nowMs);
    }

    /** The error of a batch that outlived {@code delivery.timeout.ms}. */
    TimeoutException expired(ProducerBatch batch, long nowMs) {
        Throwable last = batch.lastError();
        return new TimeoutException("Expiring " + batch.recordCount() + " record(s) for " + batch.partition + ": "
                + (nowMs - batch.createdMs) + " ms has passed since batch creation (delivery.timeout.ms is "
                + settings.deliveryTimeoutMs() + " ms)" + (last == null ? "" : "; last error: " + last.getMessage()),
                last);
    }

    private static BrookException exception(ProducerBatch batch, Errors error, PartitionProduceResponse answer) {
        return error.exception("Produce to " + batch.partition + " failed with " + error + ": " + describe(answer));
    }

    private static String describe(PartitionProduceResponse answer) {
        StringBuilder text = new StringBuilder();
        String message = answer.errorMessage();
        text.append(message != null && !message.isEmpty() ? message
                : Errors.forCode(answer.errorCode()).defaultMessage());
        List<BatchIndexAndErrorMessage> records = answer.recordErrors();
        if (records != null && !records.isEmpty()) {
            text.append(" (records:");
            for (BatchIndexAndErrorMessage r : records) {
                text.append(' ').append(r.batchIndex());
                if (r.batchIndexErrorMessage() != null) {
                    text.append(": ").append(r.batchIndexErrorMessage());
                }
            }
            text.append(')');
        }
        return text.toString();
    }
}
