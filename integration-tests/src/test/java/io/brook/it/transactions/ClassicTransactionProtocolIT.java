package io.brook.it.transactions;

import io.brook.testkit.KafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The transactional producer against a cluster formatted with {@code transaction.version=1}, which offers only the
 * classic transaction protocol (AddPartitionsToTxn, AddOffsetsToTxn, one epoch per producer). Its own cluster,
 * started once for the class.
 */
class ClassicTransactionProtocolIT extends TransactionalProducerContract {
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TxnSide.startClassic(KafkaCluster.builder().feature("transaction.version", 1));
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
