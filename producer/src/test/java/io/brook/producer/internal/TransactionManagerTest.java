package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ProducerFencedException;
import io.brook.common.errors.TopicAuthorizationException;
import io.brook.producer.ProducerFencedEvent;
import io.brook.producer.RecordMetadata;
import io.brook.producer.TransactionAbortedEvent;
import io.brook.producer.TransactionAbortedException;
import io.brook.producer.TransactionBeganEvent;
import io.brook.producer.TransactionCommittedEvent;
import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.AddOffsetsToTxnRequest;
import io.brook.protocol.message.AddPartitionsToTxnRequest;
import io.brook.protocol.message.EndTxnRequest;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.TxnOffsetCommitRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The transaction state machine driven through the real sender on manual time and a fake cluster with scripted
 * coordinators: enrolment in batches before Produce, CONCURRENT_TRANSACTIONS and coordinator moves retried,
 * fencing, abortable errors, offsets in the transaction.
 */
class TransactionManagerTest {

    private static FakeCluster cluster() {
        return new FakeCluster(1, 2).topic("t", 1, 2);
    }

    private static CoreFixture fixture(FakeCluster cluster) {
        return CoreFixture.builder(cluster).known("t").transactional("tx").linger(0).build();
    }

    /** A fixture on a fake cluster whose coordinators are broker 1, with a transaction begun. */
    private record Txn(FakeCluster cluster, FakeCoordinator coordinator, CoreFixture f) implements AutoCloseable {
        static Txn begun() {
            FakeCluster cluster = TransactionManagerTest.cluster();
            FakeCoordinator coordinator = new FakeCoordinator(cluster, 1);
            CoreFixture f = fixture(cluster);
            initAndBegin(f);
            return new Txn(cluster, coordinator, f);
        }

        @Override
        public void close() {
            f.close();
        }
    }

    /** Runs a transactional operation on the (test) sender thread and settles. */
    private static CompletableFuture<Void> run(CoreFixture f, Consumer<CompletableFuture<Void>> op) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        op.accept(done);
        f.settle();
        return done;
    }

    private static void initAndBegin(CoreFixture f) {
        assertThat(run(f, f.core.transactions::init)).isCompleted();
        assertThat(run(f, f.core.transactions::begin)).isCompleted();
    }

    @Test
    void partitionsAreEnrolledTogetherBeforeTheirBatchesAndTheCommitEndsTheTransaction() {
        FakeCluster cluster = cluster();
        FakeCoordinator coordinator = new FakeCoordinator(cluster, 2);
        try (CoreFixture f = fixture(cluster)) {
            initAndBegin(f);
            InitProducerIdRequest init = coordinator.requests(InitProducerIdRequest.class).get(0);
            assertThat(init.transactionalId()).isEqualTo("tx");
            assertThat(init.transactionTimeoutMs()).isEqualTo(60_000);
            assertThat(coordinator.requests(FindCoordinatorRequest.class)).singleElement()
                    .satisfies(r -> assertThat(r.keyType()).isEqualTo((byte) 1));

            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            CompletableFuture<RecordMetadata> b = f.send("t", 1, "k", "b");
            f.settle();
            assertThat(a).isCompleted();
            assertThat(b).isCompleted();
            List<AddPartitionsToTxnRequest> adds = coordinator.requests(AddPartitionsToTxnRequest.class);
            assertThat(adds).singleElement().satisfies(r -> {
                assertThat(r.v3AndBelowTransactionalId()).isEqualTo("tx");
                assertThat(r.v3AndBelowTopics()).singleElement()
                        .satisfies(t -> assertThat(t.partitions()).containsExactlyInAnyOrder(0, 1));
            });
            assertThat(cluster.produceRequests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.transactionalId()).isEqualTo("tx"));
            assertThat(cluster.log("t", 0)).singleElement()
                    .satisfies(w -> assertThat(w.producerId()).isEqualTo(coordinator.producerId()));

            // A partition already enrolled is not enrolled again in the same transaction.
            f.send("t", 0, "k", "c");
            f.settle();
            assertThat(coordinator.requests(AddPartitionsToTxnRequest.class)).hasSize(1);

            assertThat(run(f, f.core.transactions::commit)).isCompleted();
            assertThat(coordinator.requests(EndTxnRequest.class)).singleElement()
                    .satisfies(r -> assertThat(r.committed()).isTrue());
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.READY);
            assertThat(f.events).hasAtLeastOneElementOfType(TransactionBeganEvent.class)
                    .hasAtLeastOneElementOfType(TransactionCommittedEvent.class);
        }
    }

    @Test
    void concurrentTransactionsAndCoordinatorMovesAreRetried() {
        FakeCluster cluster = cluster();
        FakeCoordinator coordinator = new FakeCoordinator(cluster, 1);
        coordinator.failNext(ApiKey.INIT_PRODUCER_ID, Errors.CONCURRENT_TRANSACTIONS, Errors.COORDINATOR_LOAD_IN_PROGRESS);
        try (CoreFixture f = fixture(cluster)) {
            CompletableFuture<Void> init = run(f, f.core.transactions::init);
            assertThat(init).isNotDone();
            f.advance(100);
            f.advance(100);
            assertThat(init).isCompleted();
            assertThat(coordinator.requests(InitProducerIdRequest.class)).hasSize(3);
            assertThat(run(f, f.core.transactions::begin)).isCompleted();

            coordinator.failNext(ApiKey.ADD_PARTITIONS_TO_TXN, Errors.CONCURRENT_TRANSACTIONS);
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            f.settle();
            assertThat(a).isNotDone();
            f.advance(100);
            assertThat(a).isCompleted();

            coordinator.coordinator(2);
            coordinator.failNext(ApiKey.END_TXN, Errors.NOT_COORDINATOR);
            CompletableFuture<Void> commit = run(f, f.core.transactions::commit);
            f.advance(100);
            assertThat(commit).isCompleted();
            assertThat(coordinator.requests(FindCoordinatorRequest.class)).hasSize(2);
            assertThat(coordinator.requests(EndTxnRequest.class)).hasSize(2);
        }
    }

    @Test
    void aFencedProducerFailsEveryLaterCallAndQueuedRecords() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            FakeCluster cluster = txn.cluster();
            coordinator.failNext(ApiKey.ADD_PARTITIONS_TO_TXN, Errors.PRODUCER_FENCED);
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            f.settle();
            assertThat(a).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause()
                    .isInstanceOf(ProducerFencedException.class);
            assertThat(cluster.produceRequests()).isEmpty();
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.FENCED);
            assertFailsWith(run(f, f.core.transactions::commit), ProducerFencedException.class);
            assertFailsWith(run(f, f.core.transactions::abort), ProducerFencedException.class);
            assertFailsWith(run(f, f.core.transactions::begin), ProducerFencedException.class);
            assertThat(f.events).filteredOn(e -> e instanceof ProducerFencedEvent).hasSize(1);
        }
    }

    @Test
    void anInvalidEpochOnEndTxnIsReportedAsFencing() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            f.send("t", 0, "k", "a");
            f.settle();
            coordinator.failNext(ApiKey.END_TXN, Errors.INVALID_PRODUCER_EPOCH);
            assertFailsWith(run(f, f.core.transactions::commit), ProducerFencedException.class);
        }
    }

    @Test
    void anAbortableErrorFailsTheCommitAndTheProducerAbortsAndContinues() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            coordinator.failNext(ApiKey.ADD_PARTITIONS_TO_TXN, Errors.TOPIC_AUTHORIZATION_FAILED);
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            f.settle();
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.ABORTABLE_ERROR);
            assertThat(a).isCompletedExceptionally();
            assertFailsWith(run(f, f.core.transactions::commit), TopicAuthorizationException.class);
            assertThat(run(f, f.core.transactions::begin)).isCompletedExceptionally();

            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            // Nothing was enrolled, so there was no transaction at the coordinator to end.
            assertThat(coordinator.requests(EndTxnRequest.class)).isEmpty();
            assertThat(f.events).filteredOn(e -> e instanceof TransactionAbortedEvent).singleElement()
                    .satisfies(e -> assertThat(((TransactionAbortedEvent) e).cause())
                            .contains("TOPIC_AUTHORIZATION_FAILED"));

            assertThat(run(f, f.core.transactions::begin)).isCompleted();
            CompletableFuture<RecordMetadata> b = f.send("t", 0, "k", "b");
            f.settle();
            assertThat(b).isCompleted();
            assertThat(run(f, f.core.transactions::commit)).isCompleted();
        }
    }

    @Test
    void abortFailsRecordsNotYetSentAndEndsTheTransaction() {
        FakeCluster cluster = cluster();
        FakeCoordinator coordinator = new FakeCoordinator(cluster, 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").transactional("tx").linger(60_000).build()) {
            initAndBegin(f);
            CompletableFuture<RecordMetadata> sent = f.send("t", 1, "k", "sent");
            f.core.accumulator.beginFlush();
            f.settle();
            f.core.accumulator.endFlush();
            assertThat(sent).isCompleted();
            CompletableFuture<RecordMetadata> queued = f.send("t", 0, "k", "queued"); // lingers
            f.settle();
            assertThat(queued).isNotDone();
            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            assertThat(queued).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause()
                    .isInstanceOf(TransactionAbortedException.class);
            assertThat(coordinator.requests(EndTxnRequest.class)).singleElement()
                    .satisfies(r -> assertThat(r.committed()).isFalse());
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.READY);
        }
    }

    @Test
    void offsetsGoToTheGroupCoordinatorWithTheMembersGeneration() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            ConsumerGroupMetadata group = new ConsumerGroupMetadata("g", 7, "member-1", Optional.empty());
            coordinator.failNext(ApiKey.TXN_OFFSET_COMMIT, Errors.COORDINATOR_LOAD_IN_PROGRESS);
            CompletableFuture<Void> offsets = run(f, done -> f.core.transactions.sendOffsets(
                    Map.of(new TopicPartition("in", 3), new OffsetAndMetadata(42, "m")), group, done));
            f.advance(100);
            assertThat(offsets).isCompleted();
            assertThat(coordinator.requests(AddOffsetsToTxnRequest.class)).singleElement()
                    .satisfies(r -> assertThat(r.groupId()).isEqualTo("g"));
            List<TxnOffsetCommitRequest> commits = coordinator.requests(TxnOffsetCommitRequest.class);
            assertThat(commits).hasSize(2).last().satisfies(r -> {
                assertThat(r.generationId()).isEqualTo(7);
                assertThat(r.memberId()).isEqualTo("member-1");
                assertThat(r.topics()).singleElement().satisfies(t -> assertThat(t.partitions()).singleElement()
                        .satisfies(p -> assertThat(p.committedOffset()).isEqualTo(42)));
            });
            // Offsets alone make a transaction: the abort is sent to the coordinator.
            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            assertThat(coordinator.requests(EndTxnRequest.class)).hasSize(1);
        }
    }

    @Test
    void callsOutOfOrderAreRefused() {
        FakeCluster cluster = cluster();
        new FakeCoordinator(cluster, 1);
        try (CoreFixture f = fixture(cluster)) {
            assertFailsWith(run(f, f.core.transactions::begin), IllegalStateException.class);
            assertFailsWith(run(f, f.core.transactions::commit), IllegalStateException.class);
            assertThat(run(f, f.core.transactions::init)).isCompleted();
            assertFailsWith(run(f, f.core.transactions::init), IllegalStateException.class);
            assertFailsWith(run(f, f.core.transactions::abort), IllegalStateException.class);
        }
    }

    @Test
    void theClassicProtocolStaysBelowTheVersionsOfTransactionProtocolTwo() {
        TransactionProtocol classic = TransactionProtocol.CLASSIC;
        assertThat(classic.produceVersions().max()).isLessThan(
                io.brook.core.internal.network.Capability.PRODUCE_IMPLICIT_TXN_PARTITIONS.since());
        assertThat(classic.endTxnVersions().max()).isLessThan(
                io.brook.core.internal.network.Capability.END_TXN_EPOCH_BUMP.since());
        assertThat(classic.txnOffsetCommitVersions().max()).isLessThan(
                io.brook.core.internal.network.Capability.TXN_OFFSET_COMMIT_IMPLICIT_GROUP.since());
    }

    @Test
    void version2EnrolsPartitionsWithProduceAndTakesTheEpochEndTxnReturns() {
        FakeCluster cluster = cluster();
        FakeCoordinator coordinator = new FakeCoordinator(cluster, 1);
        coordinator.bumpsEpochPerTransaction = true;
        Map<ApiKey, VersionRange> apis = everyApi();
        BrokerApiVersions tv2 = BrokerApiVersions.of(apis, Map.of("transaction.version", (short) 2));
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").transactional("tx").linger(0)
                .brokerVersions(tv2).build()) {
            initAndBegin(f);
            assertThat(f.core.transactions.protocol()).isEqualTo(TransactionProtocol.V2);
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            f.settle();
            assertThat(a).isCompleted();
            assertThat(coordinator.requests(AddPartitionsToTxnRequest.class)).isEmpty();
            ConsumerGroupMetadata group = new ConsumerGroupMetadata("g", 3, "m", Optional.empty());
            assertThat(run(f, done -> f.core.transactions.sendOffsets(
                    Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5)), group, done))).isCompleted();
            assertThat(coordinator.requests(AddOffsetsToTxnRequest.class)).isEmpty();
            assertThat(coordinator.requests(TxnOffsetCommitRequest.class)).hasSize(1);
            assertThat(run(f, f.core.transactions::commit)).isCompleted();
            assertThat(f.core.idempotence.epoch()).isEqualTo((short) 1);

            // The next transaction writes under the new epoch, from sequence 0.
            assertThat(run(f, f.core.transactions::begin)).isCompleted();
            f.send("t", 0, "k", "b");
            f.settle();
            assertThat(cluster.log("t", 0)).hasSize(2).last().satisfies(w -> {
                assertThat(w.epoch()).isEqualTo((short) 1);
                assertThat(w.sequence()).isZero();
            });
            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            assertThat(f.core.idempotence.epoch()).isEqualTo((short) 2);
        }
    }

    @Test
    void theClassicProtocolIsChosenWithoutTransactionVersion2() {
        Map<ApiKey, VersionRange> apis = everyApi();
        assertThat(TransactionProtocol.choose(BrokerApiVersions.of(apis, Map.of("transaction.version", (short) 1))))
                .isEqualTo(TransactionProtocol.CLASSIC);
        assertThat(TransactionProtocol.choose(BrokerApiVersions.of(apis))).isEqualTo(TransactionProtocol.CLASSIC);
        apis.put(ApiKey.END_TXN, new VersionRange((short) 0, (short) 4));
        assertThat(TransactionProtocol.choose(BrokerApiVersions.of(apis, Map.of("transaction.version", (short) 2))))
                .as("a broker without EndTxn v5").isEqualTo(TransactionProtocol.CLASSIC);
    }

    @Test
    void anAbortRefusedByTheCoordinatorCanBeCalledAgain() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            f.send("t", 0, "k", "a");
            f.settle();
            coordinator.failNext(ApiKey.END_TXN, Errors.INVALID_TXN_STATE);
            assertFailsWith(run(f, f.core.transactions::abort), io.brook.common.errors.InvalidTxnStateException.class);
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.ABORTABLE_ERROR);
            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            assertThat(coordinator.requests(EndTxnRequest.class)).hasSize(2)
                    .allSatisfy(r -> assertThat(r.committed()).isFalse());
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.READY);
        }
    }

    @Test
    void aCommitWaitsForEnrolmentAndFailsWhenItFails() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            coordinator.failNext(ApiKey.ADD_PARTITIONS_TO_TXN, Errors.CONCURRENT_TRANSACTIONS,
                    Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            CompletableFuture<Void> commit = run(f, f.core.transactions::commit);
            assertThat(commit).isNotDone();
            f.advance(100);
            assertFailsWith(commit, io.brook.common.errors.TransactionalIdAuthorizationException.class);
            assertThat(a).isCompletedExceptionally();
            assertThat(f.core.transactions.state()).as("no right to the id: fatal")
                    .isEqualTo(TransactionManager.State.FENCED);
            assertThat(f.events).noneMatch(e -> e instanceof ProducerFencedEvent);
        }
    }

    @Test
    void anInvalidTxnStateOnProduceIsCheckedWithTheCoordinatorAndReportedAsFencing() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            FakeCluster cluster = txn.cluster();
            f.send("t", 0, "k", "a");
            f.settle();
            // A newer instance ended the transaction: the broker refuses the next batch, the coordinator the epoch.
            cluster.onNextProduce(FakeCluster.Reaction.error("t-0", Errors.INVALID_TXN_STATE));
            coordinator.failNext(ApiKey.ADD_PARTITIONS_TO_TXN, Errors.PRODUCER_FENCED);
            CompletableFuture<RecordMetadata> late = f.send("t", 0, "k", "late");
            f.settle();
            assertThat(late).isCompletedExceptionally();
            assertThat(coordinator.requests(AddPartitionsToTxnRequest.class)).hasSize(2);
            assertFailsWith(run(f, f.core.transactions::commit), ProducerFencedException.class);
            assertThat(coordinator.requests(EndTxnRequest.class)).isEmpty();
        }
    }

    @Test
    void anAbortAfterANumberedBatchFailedBumpsTheEpochInTheClassicProtocol() {
        try (Txn txn = Txn.begun()) {
            CoreFixture f = txn.f();
            FakeCoordinator coordinator = txn.coordinator();
            txn.cluster().onNextProduce(FakeCluster.Reaction.error("t-0", Errors.INVALID_RECORD));
            CompletableFuture<RecordMetadata> a = f.send("t", 0, "k", "a");
            f.settle();
            assertThat(a).isCompletedExceptionally();
            assertThat(f.core.transactions.state()).isEqualTo(TransactionManager.State.ABORTABLE_ERROR);
            assertThat(run(f, f.core.transactions::abort)).isCompleted();
            // The failed batch left a sequence gap: InitProducerId with the current id and epoch bumps the epoch.
            List<InitProducerIdRequest> inits = coordinator.requests(InitProducerIdRequest.class);
            assertThat(inits).hasSize(2);
            assertThat(inits.get(1).producerId()).isEqualTo(coordinator.producerId());
            assertThat(inits.get(1).producerEpoch()).isZero();
            assertThat(f.core.idempotence.epoch()).isEqualTo((short) 1);
            assertThat(run(f, f.core.transactions::begin)).isCompleted();
            f.send("t", 0, "k", "b");
            f.settle();
            assertThat(txn.cluster().log("t", 0)).singleElement().satisfies(w -> {
                assertThat(w.epoch()).isEqualTo((short) 1);
                assertThat(w.sequence()).isZero();
            });
        }
    }

    /** Every API at every version Brook has, as a broker would list them. */
    private static Map<ApiKey, VersionRange> everyApi() {
        Map<ApiKey, VersionRange> apis = new java.util.EnumMap<>(ApiKey.class);
        for (ApiKey api : ApiKey.values()) {
            apis.put(api, new VersionRange(api.lowestVersion(), api.highestVersion()));
        }
        return apis;
    }

    private static void assertFailsWith(CompletableFuture<Void> f, Class<? extends Throwable> type) {
        assertThat(f).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(type);
    }
}
