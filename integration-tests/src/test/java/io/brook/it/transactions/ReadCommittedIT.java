package io.brook.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Brook's consumer at {@code isolation.level=read_committed} against transactions written by kafka-clients:
 * committed records only, in order, no control records, stopping at the last stable offset while a transaction is
 * open; read_uncommitted sees every data record.
 */
@ExtendWith(KafkaClusterExtension.class)
class ReadCommittedIT {
    private static final int PARTITIONS = 2;
    private String bootstrap;
    private TxnSide kafka;

    @BeforeEach
    void connect(KafkaCluster cluster) {
        bootstrap = cluster.bootstrapServers();
        kafka = new TxnSide(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Writes {@code prefix-<partition>-<i>} for i in [from, to) to every partition in one transaction. */
    private static void transaction(KafkaProducer<String, String> p, String topic, String prefix, int from, int to,
            boolean commit) {
        p.beginTransaction();
        for (int i = from; i < to; i++) {
            for (int part = 0; part < PARTITIONS; part++) {
                p.send(new ProducerRecord<>(topic, part, "k" + i, prefix + "-" + part + "-" + i));
            }
        }
        if (commit) {
            p.commitTransaction();
        } else {
            p.flush(); // written to the log, then aborted (kafka-clients drops unsent records on abort)
            p.abortTransaction();
        }
    }

    @Test
    void readCommittedSeesOnlyCommittedTransactionsOfKafkaClients() throws Exception {
        String topic = "rc-" + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS, 1);
        try (KafkaProducer<String, String> p = kafka.transactionalProducer("rc-" + UUID.randomUUID())) {
            transaction(p, topic, "c", 0, 30, true);
            transaction(p, topic, "a", 0, 20, false);
            transaction(p, topic, "c", 30, 60, true);
            transaction(p, topic, "a", 20, 25, false);
            transaction(p, topic, "c", 60, 70, true);
        }
        Map<Integer, List<String>> committed = BrookReader.readAll(bootstrap, topic, PARTITIONS, "read_committed");
        Map<Integer, List<String>> all = BrookReader.readAll(bootstrap, topic, PARTITIONS, "read_uncommitted");
        for (int part = 0; part < PARTITIONS; part++) {
            assertThat(committed.get(part)).as("read_committed, partition %d", part)
                    .containsExactlyElementsOf(TxnSide.values("c", part, 0, 70))
                    .isEqualTo(kafka.readAll(topic, PARTITIONS, "read_committed").get(part));
            List<String> expectedAll = new ArrayList<>(TxnSide.values("c", part, 0, 30));
            expectedAll.addAll(TxnSide.values("a", part, 0, 20));
            expectedAll.addAll(TxnSide.values("c", part, 30, 60));
            expectedAll.addAll(TxnSide.values("a", part, 20, 25));
            expectedAll.addAll(TxnSide.values("c", part, 60, 70));
            assertThat(all.get(part)).as("read_uncommitted, partition %d", part)
                    .containsExactlyElementsOf(expectedAll);
        }
    }

    @Test
    void interleavedTransactionsOfTwoProducersAreFilteredPerProducer() throws Exception {
        String topic = "interleaved-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, 1);
        try (KafkaProducer<String, String> a = kafka.transactionalProducer("a-" + UUID.randomUUID());
                KafkaProducer<String, String> b = kafka.transactionalProducer("b-" + UUID.randomUUID())) {
            a.beginTransaction();
            b.beginTransaction();
            for (int i = 0; i < 30; i++) {
                a.send(new ProducerRecord<>(topic, 0, null, "a-" + i));
                b.send(new ProducerRecord<>(topic, 0, null, "b-" + i));
                if (i % 10 == 9) {
                    a.flush();
                    b.flush(); // several batches of each producer, interleaved in the log
                }
            }
            b.abortTransaction();
            a.commitTransaction();
            b.beginTransaction();
            b.send(new ProducerRecord<>(topic, 0, null, "b-committed"));
            b.commitTransaction();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("a-" + i);
        }
        expected.add("b-committed");
        assertThat(BrookReader.readAll(bootstrap, topic, 1, "read_committed").get(0))
                .containsExactlyElementsOf(expected)
                .isEqualTo(kafka.readAll(topic, 1, "read_committed").get(0));
        assertThat(BrookReader.readAll(bootstrap, topic, 1, "read_uncommitted").get(0)).hasSize(61);
    }

    @Test
    void readCommittedStopsAtTheLastStableOffsetOfAnOpenTransaction() throws Exception {
        String topic = "lso-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> p = kafka.transactionalProducer("lso-" + UUID.randomUUID())) {
            p.beginTransaction();
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(topic, 0, null, "done-" + i));
            }
            p.commitTransaction();
            p.beginTransaction();
            for (int i = 0; i < 4; i++) {
                p.send(new ProducerRecord<>(topic, 0, null, "open-" + i));
            }
            p.flush(); // written, not committed: the LSO stays at the open transaction's first offset
            try (Consumer<String, String> rc = Consumer.create(BrookReader.config(bootstrap, "read_committed"),
                    Deserializers.string(), Deserializers.string());
                    Consumer<String, String> ru = Consumer.create(BrookReader.config(bootstrap, "read_uncommitted"),
                            Deserializers.string(), Deserializers.string())) {
                rc.assign(List.of(tp));
                ru.assign(List.of(tp));
                // 5 records + commit marker at offset 5: the open transaction starts at 6.
                assertThat(rc.endOffsets(List.of(tp))).containsEntry(tp, 6L);
                assertThat(ru.endOffsets(List.of(tp))).containsEntry(tp, 10L);
                List<String> seen = pollUntil(rc, tp, 6);
                assertThat(seen).containsExactly("done-0", "done-1", "done-2", "done-3", "done-4");
                // Nothing past the LSO arrives while the transaction is open, and lag counts to the LSO.
                assertThat(rc.poll(Duration.ofMillis(700)).count()).isZero();
                assertThat(rc.position(tp)).isEqualTo(6L);
                assertThat(rc.currentLag(tp)).isEqualTo(OptionalLong.of(0));
                assertThat(pollUntil(ru, tp, 10)).hasSize(9).endsWith("open-3");
                assertThat(ru.currentLag(tp)).isEqualTo(OptionalLong.of(0));

                p.abortTransaction();
                // After the abort: the LSO passes the aborted records and the abort marker, none of which shows.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (rc.position(tp) < 11 && System.nanoTime() < deadline) {
                    assertThat(rc.poll(Duration.ofMillis(200)).count()).isZero();
                }
                assertThat(rc.position(tp)).isEqualTo(11L);
                assertThat(rc.currentLag(tp)).isEqualTo(OptionalLong.of(0));
            }
        }
    }

    private static List<String> pollUntil(Consumer<String, String> c, TopicPartition tp, long position) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TxnSide.TIMEOUT_S);
        while (c.position(tp) < position) {
            assertThat(System.nanoTime()).as("reaching offset %d of %s", position, tp).isLessThan(deadline);
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                out.add(r.value());
            }
        }
        return out;
    }
}
