package io.brook.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.testkit.KafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The transactional producer against a Kafka 3.9.1 broker, which has only the classic transaction protocol (no
 * EndTxn v5, TxnOffsetCommit v5 or Produce v12). Its own cluster, started once for the class.
 */
class Kafka39TransactionsIT extends TransactionalProducerContract {
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = KafkaCluster.builder().kafkaVersion("3.9.1").build();
        cluster.start();
        try (TxnSide side = new TxnSide(cluster.bootstrapServers())) {
            assertThat(side.finalizedTransactionVersion()).as("transaction.version of a 3.9 cluster").isLessThan(2);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }
}
