package io.brook.producer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.InvalidProducerEpochException;
import io.brook.common.errors.InvalidTxnStateException;
import io.brook.common.errors.ProducerFencedException;
import io.brook.core.Time;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.CoordinatorLookup;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.network.VersionRange;
import io.brook.producer.ProducerFencedEvent;
import io.brook.producer.TransactionAbortedEvent;
import io.brook.producer.TransactionAbortedException;
import io.brook.producer.TransactionBeganEvent;
import io.brook.producer.TransactionCommittedEvent;
import io.brook.protocol.Errors;
import io.brook.protocol.message.AddOffsetsToTxnResponse;
import io.brook.protocol.message.AddPartitionsToTxnResponse;
import io.brook.protocol.message.EndTxnResponse;
import io.brook.protocol.message.InitProducerIdResponse;
import io.brook.protocol.message.TxnOffsetCommitResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer's state machine: the transaction's state, the partitions enrolled in it (classic
 * protocol: AddPartitionsToTxn, all partitions waiting sent together, one request in flight; version 2: enrolled by
 * the Produce itself), the {@link TransactionProtocol} chosen at init from the coordinator's finalized
 * {@code transaction.version}, and the
 * operations the application asks for (init, commit, abort, offsets), each a chain of coordinator requests run by
 * {@link TxnCall} with retries of CONCURRENT_TRANSACTIONS, loading and moved coordinators.
 *
 * <pre>
 * UNINITIALIZED -init-> INITIALIZING -> READY -begin-> IN_TRANSACTION -commit-> COMMITTING -> READY
 *                                          ^               |  (batch or request failed: ABORTABLE_ERROR)
 *                                          +--- ABORTING <-+-abort- ABORTABLE_ERROR
 * any state -> FENCED (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, ... : every later call fails, nothing is written)
 * </pre>
 *
 * <p>Rules: a batch goes out only once its partition is enrolled ({@link #mayDrain}); queued batches fail at once
 * when the transaction aborts or is fenced ({@link #queuedBatchError}); EndTxn waits until no Produce request is
 * in flight; an abort that left unresolved sequences bumps the epoch (InitProducerId with the current id and
 * epoch) before the next transaction.
 *
 * <p>Sender thread only, except {@link #state()} and {@link #error()}, volatile reads for the application's
 * threads (send's check).
 */
final class TransactionManager {
    private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);

    enum State { UNINITIALIZED, INITIALIZING, READY, IN_TRANSACTION, COMMITTING, ABORTING, ABORTABLE_ERROR, FENCED }

    private enum Op { INIT, COMMIT, ABORT, OFFSETS }

    private final String clientId;
    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final BrokerFeatures features;
    /** Chosen when initTransactions() completes, from the coordinator's finalized transaction.version. */
    private volatile TransactionProtocol protocol = TransactionProtocol.CLASSIC;
    private final Idempotence idempotence;
    private final TxnCall calls;
    private final EventSink events;
    private final Time time;
    private final Runnable wake;
    private final CoordinatorKey coordinatorKey;

    private volatile State state = State.UNINITIALIZED;
    private volatile BrookException error;
    private final Set<TopicPartition> enrolled = new HashSet<>();
    private final Set<TopicPartition> waiting = new LinkedHashSet<>();
    private boolean enrolInFlight;
    private boolean offsetsSent;
    private Op op;
    private CompletableFuture<Void> opFuture;
    /** The end of the transaction waits for in-flight requests; set once EndTxn (or the skip) was decided. */
    private boolean endStarted;
    /** Counts transactions, so that a late answer about an earlier transaction's enrolment is ignored. */
    private long generation;

    TransactionManager(String clientId, String transactionalId, int transactionTimeoutMs, Idempotence idempotence,
            TxnCall calls, BrokerFeatures features, EventSink events, Time time, Runnable wake) {
        this.features = features;
        this.clientId = clientId;
        this.transactionalId = transactionalId;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.idempotence = idempotence;
        this.calls = calls;
        this.events = events;
        this.time = time;
        this.wake = wake;
        this.coordinatorKey = transactionalId == null ? null : CoordinatorKey.transaction(transactionalId);
    }

    boolean transactional() {
        return transactionalId != null;
    }

    /** The state; any thread. */
    State state() {
        return state;
    }

    /** The abortable or fencing error, or null; any thread. */
    BrookException error() {
        return error;
    }

    /** Produce versions for this producer's batches, or null when it is not transactional. */
    VersionRange produceVersions() {
        return transactional() ? protocol.produceVersions() : null;
    }

    // ---- the application's operations (queued onto the sender thread) ----------------------------------------------

    void init(CompletableFuture<Void> done) {
        if (!start(Op.INIT, done, state == State.UNINITIALIZED, "initTransactions() may be called once")) {
            return;
        }
        state = State.INITIALIZING;
        initProducerId(-1L, (short) -1, this::chooseProtocol);
    }

    /** Picks the transaction protocol from what the coordinator offers; then the producer is ready. */
    private void chooseProtocol() {
        features.of(calls.lastCoordinator()).whenComplete((versions, e) -> {
            protocol = e != null ? TransactionProtocol.CLASSIC : TransactionProtocol.choose(versions);
            log.info("[{}] Transactional id '{}' uses transaction protocol {}", clientId, transactionalId,
                    protocol);
            state = State.READY;
            finishOp(null);
        });
    }

    /** The transaction protocol in use (CLASSIC until initTransactions() completed). */
    TransactionProtocol protocol() {
        return protocol;
    }

    void begin(CompletableFuture<Void> done) {
        if (state != State.READY || op != null) {
            done.completeExceptionally(misuse("beginTransaction()"));
            return;
        }
        state = State.IN_TRANSACTION;
        generation++;
        enrolled.clear();
        offsetsSent = false;
        if (events.enabled()) {
            events.emit(new TransactionBeganEvent(clientId, time.milliseconds(), transactionalId,
                    idempotence.producerId(), idempotence.epoch()));
        }
        done.complete(null);
    }

    /** Called once the application's flush returned: every record of the transaction completed. */
    void commit(CompletableFuture<Void> done) {
        // An abortable transaction whose fencing is being checked answers once the coordinator did (fenced or not).
        boolean allowed = state == State.IN_TRANSACTION && error == null
                || state == State.ABORTABLE_ERROR && enrolInFlight;
        if (!start(Op.COMMIT, done, allowed, "commitTransaction()")) {
            return;
        }
        if (state == State.IN_TRANSACTION) {
            state = State.COMMITTING;
        }
        endStarted = false;
        wake.run();
    }

    void abort(CompletableFuture<Void> done) {
        boolean allowed = state == State.IN_TRANSACTION || state == State.ABORTABLE_ERROR;
        if (!start(Op.ABORT, done, allowed, "abortTransaction()")) {
            return;
        }
        state = State.ABORTING;
        endStarted = false;
        wake.run();
    }

    void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group,
            CompletableFuture<Void> done) {
        if (!start(Op.OFFSETS, done, state == State.IN_TRANSACTION && error == null,
                "sendOffsetsToTransaction()")) {
            return;
        }
        if (offsets.isEmpty()) {
            finishOp(null);
            return;
        }
        if (protocol.enrolsGroupWithOffsets()) {
            offsetsSent = true;
            commitOffsets(offsets, group);
            return;
        }
        calls.run(coordinatorKey, "AddOffsetsToTxn",
                () -> TxnRequests.addOffsets(transactionalId, idempotence.producerId(), idempotence.epoch(),
                        group.groupId()),
                r -> Errors.forCode(((AddOffsetsToTxnResponse) r).errorCode()),
                r -> {
                    offsetsSent = true;
                    commitOffsets(offsets, group);
                },
                this::stepFailed);
    }

    private void commitOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        calls.run(CoordinatorKey.group(group.groupId()), "TxnOffsetCommit",
                () -> TxnRequests.txnOffsetCommit(protocol, transactionalId, idempotence.producerId(),
                        idempotence.epoch(), group, offsets),
                r -> firstError((TxnOffsetCommitResponse) r),
                r -> finishOp(null),
                this::stepFailed);
    }

    private static Errors firstError(TxnOffsetCommitResponse response) {
        for (TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic t : response.topics()) {
            for (TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition p : t.partitions()) {
                if (p.errorCode() != 0) {
                    return Errors.forCode(p.errorCode());
                }
            }
        }
        return Errors.NONE;
    }

    /**
     * Starts {@code kind} unless not {@code allowed}, or joins it when the same operation is already running (a
     * call repeated after its wait timed out; for offsets, the running call's offsets are the ones sent).
     */
    private boolean start(Op kind, CompletableFuture<Void> done, boolean allowed, String what) {
        if (op == kind && opFuture != null) {
            opFuture.whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(null);
                }
            });
            return false;
        }
        if (!allowed || op != null) {
            done.completeExceptionally(state == State.ABORTABLE_ERROR && kind != Op.ABORT || state == State.FENCED
                    ? error : misuse(what));
            return false;
        }
        op = kind;
        opFuture = done;
        return true;
    }

    private RuntimeException misuse(String what) {
        if (state == State.FENCED) {
            return error;
        }
        String running = op == null ? "" : " while " + op + " is in progress";
        return new IllegalStateException("Cannot call " + what + " in transaction state " + state + running
                + " (transactional.id '" + transactionalId + "')");
    }

    private void finishOp(BrookException failure) {
        CompletableFuture<Void> f = opFuture;
        op = null;
        opFuture = null;
        if (f != null) {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }

    // ---- sender cycle ----------------------------------------------------------------------------------------------

    /** Whether a batch of {@code partition} may go out: only once the partition is enrolled in the transaction. */
    boolean mayDrain(TopicPartition partition) {
        if (!transactional() || enrolled.contains(partition)) {
            return true;
        }
        boolean open = state == State.IN_TRANSACTION || state == State.COMMITTING;
        if (open && protocol.enrolsPartitionsWithProduce()) {
            enrolled.add(partition); // the Produce itself enrols it
            return true;
        }
        if (open) {
            waiting.add(partition);
        }
        return false;
    }

    /** The error queued batches fail with now (aborting, abortable error, fenced), or null. */
    BrookException queuedBatchError() {
        State s = state;
        if (s == State.FENCED || s == State.ABORTABLE_ERROR) {
            return error;
        }
        if (s == State.ABORTING) {
            return new TransactionAbortedException("The transaction of transactional.id '" + transactionalId
                    + "' was aborted before this record was sent");
        }
        return null;
    }

    /**
     * Sends the enrolment of waiting partitions and ends the transaction once nothing is in flight (and, for a
     * commit, nothing is queued).
     *
     * @return when to run again, or {@link Long#MAX_VALUE}
     */
    long poll(long nowMs, int produceInFlight, boolean batchesQueued) {
        if (!transactional()) {
            return Long.MAX_VALUE;
        }
        boolean open = state == State.IN_TRANSACTION || state == State.COMMITTING;
        if (open && !waiting.isEmpty() && !enrolInFlight) {
            enrol();
        }
        if ((op == Op.COMMIT || op == Op.ABORT) && !endStarted && produceInFlight == 0 && !enrolInFlight) {
            if (op == Op.COMMIT && error != null) {
                if (state != State.FENCED) {
                    state = State.ABORTABLE_ERROR;
                }
                finishOp(error);
            } else if (op == Op.COMMIT && (!waiting.isEmpty() || batchesQueued)) {
                return Long.MAX_VALUE; // records of the transaction still to enrol or send
            } else {
                endStarted = true;
                end(op == Op.COMMIT);
            }
        }
        return Long.MAX_VALUE;
    }

    private void enrol() {
        List<TopicPartition> batch = new ArrayList<>(waiting);
        long transaction = generation;
        addPartitions(batch, () -> {
            if (transaction != generation) {
                return; // that transaction ended meanwhile
            }
            batch.forEach(waiting::remove);
            enrolled.addAll(batch);
            log.debug("[{}] Partitions {} added to the transaction", clientId, batch);
        }, this::enrolFailed);
    }

    /** AddPartitionsToTxn for {@code partitions}; {@code enrolInFlight} until it ends. */
    private void addPartitions(List<TopicPartition> partitions, Runnable succeeded,
            java.util.function.Consumer<BrookException> failed) {
        enrolInFlight = true;
        calls.run(coordinatorKey, "AddPartitionsToTxn",
                () -> TxnRequests.addPartitions(protocol, transactionalId, idempotence.producerId(),
                        idempotence.epoch(), partitions),
                r -> enrolled((AddPartitionsToTxnResponse) r),
                r -> {
                    enrolInFlight = false;
                    succeeded.run();
                    wake.run();
                },
                e -> {
                    enrolInFlight = false;
                    failed.accept(e);
                    wake.run();
                });
    }

    private static Errors enrolled(AddPartitionsToTxnResponse response) {
        Errors first = Errors.NONE;
        for (AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult t : response.resultsByTopicV3AndBelow()) {
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult p : t.resultsByPartition()) {
                Errors e = Errors.forCode(p.partitionErrorCode());
                // OPERATION_NOT_ATTEMPTED only says another partition failed: report that one.
                if (e != Errors.NONE && (first == Errors.NONE || first == Errors.OPERATION_NOT_ATTEMPTED)) {
                    first = e;
                }
            }
        }
        return first;
    }

    private void end(boolean commit) {
        int partitions = enrolled.size();
        if (partitions == 0 && !offsetsSent) {
            ended(commit, partitions); // nothing was written: the coordinator has no transaction to end
            return;
        }
        calls.run(coordinatorKey, "EndTxn",
                () -> TxnRequests.endTxn(protocol, transactionalId, idempotence.producerId(), idempotence.epoch(),
                        commit),
                r -> Errors.forCode(((EndTxnResponse) r).errorCode()),
                r -> {
                    EndTxnResponse response = (EndTxnResponse) r;
                    if (protocol.bumpsEpochPerTransaction() && response.producerEpoch() >= 0) {
                        // Version 2: the next transaction writes under the epoch the coordinator just gave.
                        idempotence.assign(response.producerId(), response.producerEpoch());
                    }
                    ended(commit, partitions);
                },
                this::stepFailed);
    }

    private void ended(boolean commit, int partitions) {
        BrookException cause = error;
        boolean sentOffsets = offsetsSent;
        enrolled.clear();
        waiting.clear();
        offsetsSent = false;
        if (commit) {
            log.debug("[{}] Transaction committed ({} partitions)", clientId, partitions);
            if (events.enabled()) {
                events.emit(new TransactionCommittedEvent(clientId, time.milliseconds(), transactionalId, partitions,
                        sentOffsets));
            }
        } else if (events.enabled()) {
            events.emit(new TransactionAbortedEvent(clientId, time.milliseconds(), transactionalId, partitions,
                    cause == null ? null : cause.toString()));
        }
        if (!commit && idempotence.bumpPending() && !protocol.bumpsEpochPerTransaction()) {
            // Batches failed after they were numbered: their sequences are gaps the broker would refuse to skip.
            initProducerId(idempotence.producerId(), idempotence.epoch(), this::ready);
        } else {
            ready();
        }
    }

    private void ready() {
        error = null;
        state = State.READY;
        finishOp(null);
    }

    private void initProducerId(long currentId, short currentEpoch, Runnable then) {
        calls.run(coordinatorKey, "InitProducerId",
                () -> TxnRequests.initProducerId(transactionalId, transactionTimeoutMs, currentId, currentEpoch),
                r -> Errors.forCode(((InitProducerIdResponse) r).errorCode()),
                r -> {
                    InitProducerIdResponse response = (InitProducerIdResponse) r;
                    idempotence.assign(response.producerId(), response.producerEpoch());
                    log.info("[{}] Transactional id '{}': producer id {}, epoch {}", clientId, transactionalId,
                            response.producerId(), response.producerEpoch());
                    then.run();
                },
                e -> {
                    if (state == State.INITIALIZING) {
                        state = State.UNINITIALIZED;
                    }
                    stepFailed(e);
                });
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    /**
     * A batch of the transaction failed for good: the transaction can only abort (or the producer is fenced).
     *
     * @return the error to fail the batch's records with: the fencing error when the broker answered that a newer
     *     epoch exists, else {@code failure}
     */
    Throwable batchFailed(Throwable failure) {
        if (!transactional()) {
            return failure;
        }
        BrookException e = failure instanceof BrookException be ? be
                : new BrookException("A record of the transaction failed: " + failure, failure);
        if (isFatal(e)) {
            fence(e);
            return error;
        }
        if (state == State.IN_TRANSACTION || state == State.COMMITTING) {
            becomeAbortable(e);
            if (e instanceof InvalidTxnStateException) {
                probeFencing();
            }
        }
        return failure;
    }

    /**
     * A partition enrolled in this transaction is not in it for the broker (INVALID_TXN_STATE on Produce, which
     * brokers that verify enrolment, KIP-890 part 1, answer a zombie): the transaction was ended by someone else,
     * most often a newer instance that fenced this one. Enrolling one partition again asks the coordinator, which
     * answers PRODUCER_FENCED if so; a commit or abort waits for the answer, so the application gets the fencing
     * error. Harmless otherwise: the transaction is abortable and can only be aborted. Classic protocol only.
     */
    private void probeFencing() {
        if (protocol.enrolsPartitionsWithProduce() || enrolled.isEmpty() || enrolInFlight) {
            return;
        }
        addPartitions(List.of(enrolled.iterator().next()), () -> { }, e -> {
            if (isFatal(e)) {
                fence(e);
            }
        });
    }

    /**
     * The enrolment of partitions failed for good. It is no operation of the application's: the transaction becomes
     * abortable (a commit waiting for it then fails), unless it is being aborted anyway.
     */
    private void enrolFailed(BrookException e) {
        if (isFatal(e)) {
            fence(e);
        } else if (state == State.IN_TRANSACTION || state == State.COMMITTING) {
            becomeAbortable(e);
        } else {
            log.debug("[{}] Enrolment failed while {}: {}", clientId, state, e.toString());
        }
    }

    /** A request of the running operation failed for good (after its retries): the operation fails with it. */
    private void stepFailed(BrookException e) {
        if (isFatal(e)) {
            fence(e);
            return;
        }
        if (state == State.IN_TRANSACTION || state == State.COMMITTING || state == State.ABORTING) {
            // An abort that failed may be called again: ABORTABLE_ERROR allows it.
            becomeAbortable(e);
        }
        finishOp(e);
    }

    private void becomeAbortable(BrookException e) {
        if (error == null) {
            error = e;
        }
        state = State.ABORTABLE_ERROR;
        log.warn("[{}] Transaction of '{}' must be aborted: {}", clientId, transactionalId, e.toString());
    }

    private void fence(BrookException e) {
        if (state == State.FENCED) {
            return;
        }
        BrookException fenced = e instanceof ProducerFencedException || !isFencing(e) ? e
                : new ProducerFencedException("Producer with transactional.id '" + transactionalId + "' was fenced "
                        + "by a newer instance with the same id: " + e.getMessage(), e);
        error = fenced;
        state = State.FENCED;
        log.error("[{}] {}", clientId, fenced.getMessage());
        if (isFencing(fenced) && events.enabled()) {
            events.emit(new ProducerFencedEvent(clientId, time.milliseconds(), transactionalId, fenced.toString()));
        }
        finishOp(fenced);
        wake.run();
    }

    /** Whether {@code e} says a newer instance of the transactional id took over. */
    static boolean isFencing(Throwable e) {
        return e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof io.brook.common.errors.TransactionCoordinatorFencedException;
    }

    /** Whether {@code e} ends the producer's transactional life: fencing, or no right to the transactional id. */
    static boolean isFatal(Throwable e) {
        return isFencing(e) || e instanceof io.brook.common.errors.TransactionalIdAuthorizationException
                || e instanceof io.brook.common.errors.ClusterAuthorizationException;
    }
}
