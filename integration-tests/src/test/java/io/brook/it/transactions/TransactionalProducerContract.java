package io.brook.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.Serializers;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ProducerFencedException;
import io.brook.common.event.ClientEvent;
import io.brook.common.event.RequestEvent;
import io.brook.producer.Producer;
import io.brook.producer.ProducerFencedEvent;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.producer.TransactionAbortedEvent;
import io.brook.producer.TransactionAbortedException;
import io.brook.producer.TransactionBeganEvent;
import io.brook.producer.TransactionCommittedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Brook's transactional producer against the real broker, with Brook and kafka-clients consumers as readers:
 * commit and abort, zombie fencing, an abortable error followed by abort and a new transaction, offsets committed
 * with the transaction only. Subclasses give the cluster: the shared one (transaction protocol version 2 on Kafka
 * 4.x, the classic one on 3.9) and one formatted with {@code transaction.version=1}. Each test also checks that
 * the protocol the broker offers is the one used (the classic protocol's AddPartitionsToTxn, or none).
 */
abstract class TransactionalProducerContract {
    private static final int PARTITIONS = 2;
    private String bootstrap;
    private TxnSide kafka;
    private boolean version2;

    /** The cluster under test. */
    abstract String bootstrapServers();

    @BeforeEach
    void connect() throws Exception {
        bootstrap = bootstrapServers();
        kafka = new TxnSide(bootstrap);
        version2 = kafka.finalizedTransactionVersion() >= 2;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Checks the events show the transaction protocol the broker offers: classic enrols with AddPartitionsToTxn. */
    private void assertProtocol(List<ClientEvent> events) {
        List<String> apis = events.stream().filter(e -> e instanceof RequestEvent).map(e -> ((RequestEvent) e).api())
                .toList();
        if (version2) {
            assertThat(apis).as("transaction protocol 2 enrols with Produce").doesNotContain("AddPartitionsToTxn",
                    "AddOffsetsToTxn");
        } else {
            assertThat(apis).as("the classic protocol enrols with AddPartitionsToTxn").contains("AddPartitionsToTxn");
        }
    }

    private Producer<String, String> producer(String transactionalId, List<ClientEvent> events) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("transactional.id", transactionalId);
        c.put("linger.ms", 2);
        c.put("max.block.ms", 30_000);
        return Producer.builder(c).keySerializer(Serializers.string()).valueSerializer(Serializers.string())
                .eventListener(events::add).build();
    }

    private static List<CompletableFuture<RecordMetadata>> send(Producer<String, String> p, String topic,
            String prefix, int from, int to) {
        List<CompletableFuture<RecordMetadata>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (int part = 0; part < PARTITIONS; part++) {
                out.add(p.send(new ProducerRecord<>(topic, part, "k" + i, prefix + "-" + part + "-" + i)));
            }
        }
        return out;
    }

    @Test
    void aRecordStillWaitingForMetadataIsAbortedWithItsTransaction() throws Exception {
        String topic = "txn-late-" + UUID.randomUUID(); // created only after the abort: the record waits for it
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        try (Producer<String, String> p = producer("txn-" + UUID.randomUUID(), events)) {
            p.initTransactions();
            p.beginTransaction();
            CompletableFuture<RecordMetadata> waiting = p.send(new ProducerRecord<>(topic, 0, "k", "aborted"));
            p.abortTransaction();
            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransactionAbortedException.class);
            kafka.createTopic(topic, 1, 1);
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "committed"));
            p.commitTransaction();
        }
        assertThat(BrookReader.readAll(bootstrap, topic, 1, "read_uncommitted").get(0)).containsExactly("committed");
        assertThat(kafka.readAll(topic, 1, "read_committed").get(0)).containsExactly("committed");
    }

    @Test
    void committedTransactionsAreVisibleAndAbortedOnesAreNot() throws Exception {
        String topic = "txn-" + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS, 1);
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        try (Producer<String, String> p = producer("txn-" + UUID.randomUUID(), events)) {
            p.initTransactions();
            p.beginTransaction();
            send(p, topic, "c", 0, 40);
            p.commitTransaction();
            p.beginTransaction();
            List<CompletableFuture<RecordMetadata>> aborted = send(p, topic, "a", 0, 25);
            p.flush(); // written to the log, then aborted
            p.abortTransaction();
            assertThat(aborted).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            p.beginTransaction();
            send(p, topic, "c", 40, 60);
            p.commitTransaction();
            p.beginTransaction(); // an empty transaction commits without contacting the coordinator's log
            p.commitTransaction();
        }
        Map<Integer, List<String>> brookCommitted = BrookReader.readAll(bootstrap, topic, PARTITIONS,
                "read_committed");
        Map<Integer, List<String>> kafkaCommitted = kafka.readAll(topic, PARTITIONS, "read_committed");
        Map<Integer, List<String>> brookAll = BrookReader.readAll(bootstrap, topic, PARTITIONS, "read_uncommitted");
        Map<Integer, List<String>> kafkaAll = kafka.readAll(topic, PARTITIONS, "read_uncommitted");
        for (int part = 0; part < PARTITIONS; part++) {
            assertThat(brookCommitted.get(part)).containsExactlyElementsOf(TxnSide.values("c", part, 0, 60));
            assertThat(kafkaCommitted.get(part)).containsExactlyElementsOf(TxnSide.values("c", part, 0, 60));
            List<String> all = new ArrayList<>(TxnSide.values("c", part, 0, 40));
            all.addAll(TxnSide.values("a", part, 0, 25));
            all.addAll(TxnSide.values("c", part, 40, 60));
            assertThat(brookAll.get(part)).containsExactlyElementsOf(all);
            assertThat(kafkaAll.get(part)).containsExactlyElementsOf(all);
        }
        assertProtocol(events);
        assertThat(events).filteredOn(e -> e instanceof TransactionBeganEvent).hasSize(4);
        assertThat(events).filteredOn(e -> e instanceof TransactionCommittedEvent).hasSize(3);
        assertThat(events).filteredOn(e -> e instanceof TransactionAbortedEvent).hasSize(1)
                .allSatisfy(e -> assertThat(((TransactionAbortedEvent) e).partitions()).isEqualTo(PARTITIONS));
    }

    @Test
    void aNewInstanceFencesTheOldOneWhichWritesNothingMore() throws Exception {
        String topic = "fence-" + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS, 1);
        String id = "fence-" + UUID.randomUUID();
        List<ClientEvent> zombieEvents = new CopyOnWriteArrayList<>();
        try (Producer<String, String> zombie = producer(id, zombieEvents);
                Producer<String, String> successor = producer(id, new CopyOnWriteArrayList<>())) {
            zombie.initTransactions();
            zombie.beginTransaction();
            send(zombie, topic, "zombie-open", 0, 10);
            zombie.flush();

            successor.initTransactions(); // fences the zombie and aborts its open transaction
            successor.beginTransaction();
            send(successor, topic, "new", 0, 10);
            successor.commitTransaction();

            List<CompletableFuture<RecordMetadata>> late = send(zombie, topic, "zombie-late", 0, 5);
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
            for (CompletableFuture<RecordMetadata> f : late) {
                // The broker's answer for the records themselves: fenced, or (brokers that verify enrolment,
                // KIP-890 part 1, such as 3.9) INVALID_TXN_STATE, after which the producer checks with the
                // coordinator and is fenced all the same (the commit above said so).
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfAny(ProducerFencedException.class,
                                io.brook.common.errors.InvalidTxnStateException.class);
            }
            // Fenced for good: every later call fails the same way, nothing more is written.
            assertThatThrownBy(zombie::beginTransaction).isInstanceOf(ProducerFencedException.class);
            assertThatThrownBy(zombie::abortTransaction).isInstanceOf(ProducerFencedException.class);
            assertThat(zombie.send(new ProducerRecord<>(topic, 0, "k", "zombie-after")))
                    .failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
                    .isInstanceOf(ProducerFencedException.class);
            assertThat(zombieEvents).filteredOn(e -> e instanceof ProducerFencedEvent).hasSize(1);
        }
        Map<Integer, List<String>> all = BrookReader.readAll(bootstrap, topic, PARTITIONS, "read_uncommitted");
        Map<Integer, List<String>> committed = kafka.readAll(topic, PARTITIONS, "read_committed");
        for (int part = 0; part < PARTITIONS; part++) {
            assertThat(all.get(part)).noneMatch(v -> v.startsWith("zombie-late") || v.startsWith("zombie-after"));
            assertThat(committed.get(part)).containsExactlyElementsOf(TxnSide.values("new", part, 0, 10));
        }
    }

    @Test
    void anAbortableErrorLeavesTheProducerAbleToAbortAndContinue() throws Exception {
        String topic = "abortable-" + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS, 1);
        kafka.setTopicConfig(topic, "max.message.bytes", "2000");
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        try (Producer<String, String> p = producer("abortable-" + UUID.randomUUID(), events)) {
            p.initTransactions();
            p.beginTransaction();
            send(p, topic, "doomed", 0, 3);
            CompletableFuture<RecordMetadata> tooLarge = p.send(new ProducerRecord<>(topic, 0, "big", "x".repeat(5000)));
            assertThatThrownBy(p::commitTransaction).isNotInstanceOf(ProducerFencedException.class)
                    .isNotInstanceOf(IllegalStateException.class);
            assertThat(tooLarge).isCompletedExceptionally();
            assertThatThrownBy(p::beginTransaction).isInstanceOf(IllegalStateException.class);
            p.abortTransaction();
            p.beginTransaction();
            send(p, topic, "after", 0, 10);
            p.commitTransaction();
        }
        Map<Integer, List<String>> committed = BrookReader.readAll(bootstrap, topic, PARTITIONS, "read_committed");
        for (int part = 0; part < PARTITIONS; part++) {
            assertThat(committed.get(part)).containsExactlyElementsOf(TxnSide.values("after", part, 0, 10));
        }
        assertProtocol(events);
        assertThat(events).filteredOn(e -> e instanceof TransactionAbortedEvent)
                .singleElement().satisfies(e -> assertThat(((TransactionAbortedEvent) e).cause()).isNotNull());
    }

    @Test
    void offsetsSentToTheTransactionAreCommittedOnlyWithIt() throws Exception {
        String topic = "offsets-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, 1);
        String group = "offsets-group-" + UUID.randomUUID();
        ConsumerGroupMetadata groupMetadata = new ConsumerGroupMetadata(group);
        TopicPartition input = new TopicPartition("input-" + UUID.randomUUID(), 0);
        kafka.createTopic(input.topic(), 1, 1);
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        try (Producer<String, String> p = producer("offsets-" + UUID.randomUUID(), events)) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "v0"));
            p.sendOffsetsToTransaction(Map.of(input, new OffsetAndMetadata(7)), groupMetadata);
            p.abortTransaction();
            assertThat(kafka.committed(group)).doesNotContainKey(0);

            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "v1"));
            p.sendOffsetsToTransaction(Map.of(input, new OffsetAndMetadata(12, "meta")), groupMetadata);
            p.commitTransaction();
            // The coordinator writes the commit marker to the offsets log after answering EndTxn: wait for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!kafka.committed(group).containsKey(0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(kafka.committed(group)).containsEntry(0, 12L);
        }
        assertThat(BrookReader.readAll(bootstrap, topic, 1, "read_committed").get(0)).containsExactly("v1");
        assertProtocol(events);
        if (!version2) {
            assertThat(events).anyMatch(e -> e instanceof RequestEvent r && r.api().equals("AddOffsetsToTxn"));
        }
    }
}
