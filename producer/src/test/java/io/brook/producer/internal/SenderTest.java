package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.InvalidRecordException;
import io.brook.common.errors.NotLeaderOrFollowerException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.event.RetryEvent;
import io.brook.producer.BatchFailedEvent;
import io.brook.producer.BatchSentEvent;
import io.brook.producer.RecordMetadata;
import io.brook.producer.internal.FakeCluster.Fault;
import io.brook.producer.internal.FakeCluster.Reaction;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ProduceRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sender state machine against a fake cluster, on manual time. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SenderTest {

    @Test
    void batchesLingerThenGoAsOneRequestPerBrokerCarryingManyPartitions() {
        FakeCluster cluster = new FakeCluster(1, 2).topic("t", 1, 2, 1, 2);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(10).build()) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                sent.add(f.send("t", p, "k", "v" + p));
            }
            f.settle();
            assertThat(cluster.produceRequests()).as("nothing before linger.ms").isEmpty();
            f.advance(10);
            assertThat(cluster.produceRequests()).hasSize(2);
            for (ProduceRequest r : cluster.produceRequests()) {
                assertThat(r.topicData()).hasSize(1);
                assertThat(r.topicData().get(0).partitionData()).hasSize(2);
                assertThat(r.acks()).isEqualTo((short) -1);
            }
            for (int p = 0; p < 4; p++) {
                RecordMetadata md = done(sent.get(p));
                assertThat(md.partition()).isEqualTo(p);
                assertThat(md.offset()).isZero();
                assertThat(cluster.log("t", p)).hasSize(1);
            }
            assertThat(f.core.pool.availableBytes()).as("memory given back").isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void aFullBatchGoesWithoutWaitingForLinger() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(60_000).batchSize(1000).build()) {
            String value = "x".repeat(200);
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(f.send("t", 0, null, value));
            }
            f.settle();
            assertThat(cluster.produceRequests()).as("the full first batch went").hasSize(1);
            assertThat(sent.get(0)).isCompleted();
            assertThat(sent.get(5)).as("the second batch lingers").isNotDone();
        }
    }

    @Test
    void aRetriableErrorIsRetriedAfterTheBackoffAndTheRecordIsWrittenOnce() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).build()) {
            cluster.onNextProduce(Reaction.error("t-0", Errors.NOT_LEADER_OR_FOLLOWER));
            int metadataBefore = cluster.metadataRequests();
            CompletableFuture<RecordMetadata> sent = f.send("t", 0, "k", "v");
            f.settle();
            assertThat(sent).isNotDone();
            f.advance(100);
            assertThat(cluster.metadataRequests()).as("stale leader: metadata refreshed").isGreaterThan(metadataBefore);
            assertThat(done(sent).offset()).isZero();
            assertThat(cluster.log("t", 0)).hasSize(1);
            assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RetryEvent.class,
                    r -> assertThat(r.operation()).isEqualTo("Produce to t-0")));
        }
    }

    @Test
    void aBatchWhoseResponseWasLostIsRetriedWithItsSequenceAndNotWrittenTwice() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).build()) {
            CompletableFuture<RecordMetadata> first = f.send("t", 0, "k", "a");
            f.settle();
            cluster.onNextProduce(Reaction.fault(Fault.LOSE_RESPONSE_AFTER_WRITE));
            CompletableFuture<RecordMetadata> second = f.send("t", 0, "k", "b");
            f.settle();
            assertThat(second).isNotDone();
            f.advance(100);
            assertThat(done(first).offset()).isZero();
            assertThat(done(second).offset()).as("the offset of the first write").isEqualTo(1);
            assertThat(cluster.log("t", 0)).extracting(w -> new String(w.value(), StandardCharsets.UTF_8))
                    .containsExactly("a", "b");
            assertThat(cluster.produceRequests()).hasSize(3);
        }
    }

    @Test
    void withFiveInFlightAnEarlyFailureIsRetriedAndTheOrderKept() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).batchSize(1).maxInFlight(5).build()) {
            CompletableFuture<RecordMetadata> first = f.send("t", 0, null, "first");
            f.settle();
            done(first); // the broker knows the producer on t-0 from here on
            cluster.onNextProduce(Reaction.error("t-0", Errors.NOT_LEADER_OR_FOLLOWER));
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(f.send("t", 0, null, "r" + i));
                f.cycle();
            }
            assertThat(cluster.produceRequests()).as("five batches in five requests in flight").hasSize(6);
            f.settle();
            f.advance(100);
            f.advance(100);
            assertThat(cluster.log("t", 0)).extracting(w -> new String(w.value(), StandardCharsets.UTF_8))
                    .containsExactly("first", "r0", "r1", "r2", "r3", "r4");
            for (int i = 0; i < 5; i++) {
                assertThat(done(sent.get(i)).offset()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void untilAPartitionsFirstBatchIsAcknowledgedNoSecondGoesOutBesideIt() {
        // A real broker that does not know the producer yet accepts any first sequence: a second batch arriving
        // before a retried first one would be written and leave the first out of order for ever.
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).batchSize(1).maxInFlight(5).build()) {
            cluster.onNextProduce(Reaction.error("t-0", Errors.NOT_LEADER_OR_FOLLOWER));
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(f.send("t", 0, null, "r" + i));
                f.cycle();
            }
            assertThat(cluster.produceRequests()).as("only the first batch before its acknowledgement").hasSize(1);
            f.settle();
            f.advance(100);
            f.advance(100);
            assertThat(cluster.log("t", 0)).extracting(w -> new String(w.value(), StandardCharsets.UTF_8))
                    .containsExactly("r0", "r1", "r2");
            for (int i = 0; i < 3; i++) {
                assertThat(done(sent.get(i)).offset()).isEqualTo(i);
            }
        }
    }

    @Test
    void aBrokerThatLostTheProducersStateMakesItBumpItsEpochAndGoOn() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).build()) {
            CompletableFuture<RecordMetadata> a = f.send("t", 0, null, "a");
            f.settle();
            assertThat(done(a).offset()).isZero();
            cluster.forgetProducers();
            CompletableFuture<RecordMetadata> b = f.send("t", 0, null, "b");
            f.settle();
            f.advance(100);
            f.advance(100);
            assertThat(done(b).offset()).isEqualTo(1);
            List<FakeCluster.Written> log = cluster.log("t", 0);
            assertThat(log).hasSize(2);
            assertThat(log.get(1).epoch()).as("written under the bumped epoch").isEqualTo((short) 1);
            assertThat(log.get(1).sequence()).isZero();
        }
    }

    @Test
    void aBatchThatFailsForGoodLeavesAGapThatAnEpochBumpCloses() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).build()) {
            f.send("t", 0, null, "a");
            f.settle();
            cluster.onNextProduce(Reaction.error("t-0", Errors.INVALID_RECORD));
            CompletableFuture<RecordMetadata> bad = f.send("t", 0, null, "b");
            f.settle();
            assertThatThrownBy(() -> done(bad)).cause().isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("t-0").hasMessageContaining("INVALID_RECORD");
            CompletableFuture<RecordMetadata> c = f.send("t", 0, null, "c");
            f.settle();
            f.advance(100);
            assertThat(done(c).offset()).isEqualTo(1);
            assertThat(cluster.log("t", 0).get(1).epoch()).isEqualTo((short) 1);
            assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOf(BatchFailedEvent.class));
        }
    }

    @Test
    void batchesWithoutALeaderExpireAfterTheDeliveryTimeout() {
        FakeCluster cluster = new FakeCluster(1).topic("t", -1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").deliveryTimeout(5_000).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("t", 0, "k", "v");
            f.advance(4_000);
            assertThat(sent).isNotDone();
            f.advance(1_000);
            assertThatThrownBy(() -> done(sent)).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("Expiring 1 record(s) for t-0").hasMessageContaining("delivery.timeout.ms");
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void retriesStopAfterTheConfiguredNumber() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).retries(1).build()) {
            cluster.onNextProduce(Reaction.error("t-0", Errors.NOT_LEADER_OR_FOLLOWER));
            cluster.onNextProduce(Reaction.error("t-0", Errors.NOT_LEADER_OR_FOLLOWER));
            CompletableFuture<RecordMetadata> sent = f.send("t", 0, "k", "v");
            f.settle();
            f.advance(100);
            assertThatThrownBy(() -> done(sent)).cause().isInstanceOf(NotLeaderOrFollowerException.class);
            assertThat(cluster.produceRequests()).hasSize(2);
        }
    }

    @Test
    void aBatchTheBrokerFindsTooLargeIsSplitAndEveryRecordWrittenInOrder() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1).maxMessageBytes(300);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").batchSize(10_000).build()) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(f.send("t", 0, null, i + "-" + "y".repeat(90)));
            }
            f.advance(10);
            f.advance(100);
            f.advance(100);
            f.advance(100);
            for (int i = 0; i < 8; i++) {
                assertThat(done(sent.get(i)).offset()).isEqualTo(i);
            }
            assertThat(cluster.log("t", 0)).extracting(w -> new String(w.value(), StandardCharsets.UTF_8).charAt(0))
                    .containsExactly('0', '1', '2', '3', '4', '5', '6', '7');
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void acksZeroCompletesWithoutAnOffset() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").acks(0).idempotent(false).linger(0).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("t", 0, "k", "v");
            f.settle();
            assertThat(done(sent).offset()).isEqualTo(RecordMetadata.UNKNOWN_OFFSET);
            assertThat(done(sent).hasOffset()).isFalse();
            assertThat(cluster.produceRequests().get(0).acks()).isZero();
            assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOf(BatchSentEvent.class));
        }
    }

    @Test
    void whileEveryBrokerHasItsMaximumInFlightNewBatchesDoNotWakeTheSenderAndTheNextResponseSendsThem() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).batchSize(1).maxInFlight(1).build()) {
            CompletableFuture<RecordMetadata> first = f.send("t", 0, null, "a");
            f.cycle();
            assertThat(cluster.undelivered()).as("one request in flight: the maximum").isEqualTo(1);
            int wakeups = f.wakeups;
            CompletableFuture<RecordMetadata> second = f.send("t", 0, null, "b");
            assertThat(f.wakeups).as("no wake-up: nothing could be sent anyway").isEqualTo(wakeups);
            cluster.deliver();
            assertThat(f.wakeups).as("the response wakes the sender").isGreaterThan(wakeups);
            f.settle();
            assertThat(done(first).offset()).isZero();
            assertThat(done(second).offset()).isEqualTo(1);
        }
    }

    @Test
    void abortFailsEverythingAndFreesTheMemoryOfInFlightBatchesWhenTheirRequestEnds() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1, 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").linger(0).build()) {
            CompletableFuture<RecordMetadata> inFlight = f.send("t", 0, "k", "v");
            f.cycle();
            assertThat(cluster.undelivered()).isEqualTo(1);
            f.core.sender.abort(new IllegalStateException("closing"));
            assertThat(inFlight).isCompletedExceptionally();
            assertThat(f.core.pool.availableBytes()).as("still held by the request")
                    .isLessThan(f.core.pool.totalBytes());
            cluster.deliver();
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    /** The future's value; fails (instead of waiting) if it is not complete. */
    private static <T> T done(CompletableFuture<T> future) {
        assertThat(future).as("completed").isDone();
        return future.join();
    }
}
