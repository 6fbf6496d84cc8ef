package io.brook.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Serializers;
import io.brook.common.errors.BrookException;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code transaction.timeout.ms}: a transaction left open longer is aborted by the coordinator (its records never
 * become visible, readers move past them) and the producer cannot commit it.
 */
@ExtendWith(KafkaClusterExtension.class)
class TransactionTimeoutIT {

    @Test
    void aTransactionOpenPastItsTimeoutIsAbortedByTheCoordinator(KafkaCluster cluster) throws Exception {
        String bootstrap = cluster.bootstrapServers();
        String topic = "timeout-" + UUID.randomUUID();
        try (TxnSide kafka = new TxnSide(bootstrap);
                Producer<String, String> p = Producer.create(Map.of("bootstrap.servers", bootstrap,
                        "transactional.id", "timeout-" + UUID.randomUUID(), "transaction.timeout.ms", 1_000),
                        Serializers.string(), Serializers.string())) {
            kafka.createTopic(topic, 1, 1);
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, 0, "k", "expired")).get(30, TimeUnit.SECONDS);
            // The coordinator looks for expired transactions every 10 s (the broker's default): wait until the
            // last stable offset passes the record, that is until the transaction was aborted.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // (record at offset 0, the coordinator's abort marker at 1).
            while (BrookReader.lastStableOffset(bootstrap, topic) < 2) {
                assertThat(System.nanoTime()).as("the coordinator aborts the transaction").isLessThan(deadline);
                Thread.sleep(500);
            }
            assertThatThrownBy(p::commitTransaction).isInstanceOf(BrookException.class);
            assertThat(kafka.readAll(topic, 1, "read_committed").get(0)).isEmpty();
            assertThat(BrookReader.readAll(bootstrap, topic, 1, "read_committed").get(0)).isEmpty();
            assertThat(kafka.readAll(topic, 1, "read_uncommitted").get(0)).isEqualTo(List.of("expired"));
        }
    }
}
