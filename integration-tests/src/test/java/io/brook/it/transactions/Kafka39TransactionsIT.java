package io.brook.it.transactions;

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
        cluster = TxnSide.startClassic(KafkaCluster.builder().kafkaVersion("3.9.1"));
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
