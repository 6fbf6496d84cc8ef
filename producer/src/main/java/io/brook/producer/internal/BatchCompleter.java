package io.brook.producer.internal;

import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;
import io.brook.producer.BatchFailedEvent;
import io.brook.producer.BatchSentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Settles batches for good: reports the outcome (metrics, events), completes the records' futures with one task per
 * response (or sender cycle) on the callback executor (so user code never runs on the sender thread or an event loop, and a partition's
 * futures complete in send order), and gives the batch's memory back.
 *
 * <p>Sender thread only, apart from the tasks it hands to the callback executor.
 */
final class BatchCompleter {
    private final String clientId;
    private final RecordAccumulator accumulator;
    private final Executor callbacks;
    private final EventSink events;
    private final ProducerMetrics metrics;
    private final Time time;
    /** Completions collected during the current cycle or response; sender thread only. */
    private final List<Runnable> pending = new ArrayList<>();

    BatchCompleter(String clientId, RecordAccumulator accumulator, Executor callbacks, EventSink events,
            ProducerMetrics metrics, Time time) {
        this.clientId = clientId;
        this.accumulator = accumulator;
        this.callbacks = callbacks;
        this.events = events;
        this.metrics = metrics;
        this.time = time;
    }

    /** The broker wrote the batch at {@code baseOffset} (-1 unknown); -1 or the broker's append time. */
    void succeeded(ProducerBatch batch, long baseOffset, long logAppendTimeMs, long nowMs) {
        if (!batch.finish()) {
            return;
        }
        String topic = batch.partition.topic();
        int size = batch.sizeInBytes();
        metrics.batchSent(topic, batch.recordCount(), size, batch.compressionRatio());
        if (events.enabled()) {
            events.emit(new BatchSentEvent(clientId, time.milliseconds(), topic, batch.partition.partition(),
                    batch.recordCount(), size, baseOffset, batch.attempts(), nowMs - batch.createdMs));
        }
        releaseIfDone(batch);
        deliver(() -> batch.completeRecords(baseOffset, logAppendTimeMs));
    }

    /** The batch failed for good with {@code error}. */
    void failed(ProducerBatch batch, Throwable error, long nowMs) {
        if (!batch.finish()) {
            return;
        }
        metrics.failed(batch.partition.topic(), batch.recordCount());
        if (events.enabled()) {
            events.emit(new BatchFailedEvent(clientId, time.milliseconds(), batch.partition.topic(),
                    batch.partition.partition(), batch.recordCount(), batch.attempts(), error.getClass().getSimpleName()
                    + ": " + error.getMessage()));
        }
        releaseIfDone(batch);
        deliver(() -> batch.failRecords(error));
    }

    /**
     * Frees a settled batch's memory unless a request carrying it may still be written (then the end of that
     * request frees it, see {@link #requestEnded}).
     */
    private void releaseIfDone(ProducerBatch batch) {
        if (!batch.isInFlight()) {
            accumulator.pool().release(batch.releaseBuffer());
        }
    }

    /** A request carrying {@code batch} ended: if the batch was settled meanwhile (abort), free it now. */
    void requestEnded(ProducerBatch batch) {
        if (batch.isFinished()) {
            accumulator.pool().release(batch.releaseBuffer());
        }
    }

    private void deliver(Runnable complete) {
        pending.add(complete);
    }

    /**
     * Hands every completion collected since the last call to the callback executor as one task (one hand-off per
     * response rather than per batch; batches of one partition stay in order). The sender calls it at the end of
     * each cycle and each response.
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Runnable[] tasks = pending.toArray(Runnable[]::new);
        pending.clear();
        Runnable all = () -> {
            for (Runnable task : tasks) {
                task.run();
            }
        };
        try {
            callbacks.execute(all);
        } catch (RejectedExecutionException e) {
            // The callback executor is closed (the producer is closing past its timeout): complete here rather
            // than leave a future incomplete.
            all.run();
        }
    }
}
