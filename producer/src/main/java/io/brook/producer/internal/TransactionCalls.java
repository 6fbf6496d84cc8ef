package io.brook.producer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The application's side of the transactional calls: each one hands its operation to the sender thread (which owns
 * the {@link TransactionManager}) and waits for it up to {@code max.block.ms}, then throws the operation's typed
 * error, or a {@link TimeoutException} (the operation goes on; calling the same method again waits for it).
 *
 * <p>Thread-safe; blocks the calling thread (never a network thread: the work happens on the sender thread).
 */
final class TransactionCalls {
    private final String clientId;
    private final TransactionManager manager;
    private final Executor senderThread;
    private final Time time;
    private final long maxBlockMs;
    private final Runnable flush;

    /**
     * @param flush sends every pending record and waits until each completed (the producer's flush)
     */
    TransactionCalls(String clientId, TransactionManager manager, Executor senderThread, Time time, long maxBlockMs,
            Runnable flush) {
        this.clientId = clientId;
        this.manager = manager;
        this.senderThread = senderThread;
        this.time = time;
        this.maxBlockMs = maxBlockMs;
        this.flush = flush;
    }

    void init() {
        call("initTransactions()", manager::init);
    }

    void begin() {
        call("beginTransaction()", manager::begin);
    }

    void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "groupMetadata");
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
        call("sendOffsetsToTransaction()", f -> manager.sendOffsets(copy, group, f));
    }

    void commit() {
        requireTransactional("commitTransaction()");
        if (manager.state() == TransactionManager.State.IN_TRANSACTION) {
            flush.run(); // every record of the transaction completes (written, or failed: then the commit fails)
        }
        call("commitTransaction()", manager::commit);
    }

    void abort() {
        call("abortTransaction()", manager::abort);
    }

    /**
     * The check of {@code send}: throws when the producer is transactional and no transaction is open; returns the
     * error the record must fail with (abortable error, fenced), or null.
     */
    BrookException checkSend(String topic) {
        if (!manager.transactional()) {
            return null;
        }
        TransactionManager.State state = manager.state();
        if (state == TransactionManager.State.IN_TRANSACTION) {
            return null;
        }
        if (state == TransactionManager.State.ABORTABLE_ERROR || state == TransactionManager.State.FENCED) {
            BrookException e = manager.error();
            if (e != null) {
                return e;
            }
        }
        throw new IllegalStateException("Cannot send to topic '" + topic + "' in transaction state " + state
                + ": call beginTransaction() first (producer " + clientId + ")");
    }

    private void requireTransactional(String what) {
        if (!manager.transactional()) {
            throw new IllegalStateException("Cannot call " + what + ": producer " + clientId + " has no "
                    + "transactional.id");
        }
    }

    private void call(String what, Consumer<CompletableFuture<Void>> operation) {
        requireTransactional(what);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            senderThread.execute(() -> operation.accept(done));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("Cannot call " + what + ": producer " + clientId + " is closed", e);
        }
        long deadlineNs = time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
        try {
            done.get(Math.max(0, deadlineNs - time.nanoseconds()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException(what + " did not complete within max.block.ms (" + maxBlockMs + " ms); "
                    + "call it again to keep waiting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("Interrupted during " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new BrookException(what + " failed: " + cause, cause);
        }
    }
}
