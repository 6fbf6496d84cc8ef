package io.brook.it.transactions;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transactional producer on the shared cluster: transaction protocol version 2 on Kafka 4.x (the default
 * {@code transaction.version} of a new 4.x cluster), the classic protocol on 3.9.
 */
@ExtendWith(KafkaClusterExtension.class)
class TransactionalProducerIT extends TransactionalProducerContract {
    private final String bootstrap;

    TransactionalProducerIT(KafkaCluster cluster) {
        this.bootstrap = cluster.bootstrapServers();
    }

    @Override
    String bootstrapServers() {
        return bootstrap;
    }
}
