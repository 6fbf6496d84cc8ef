package io.brook.it.transactions;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.ClusterSize;
import io.brook.testkit.junit.KafkaClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-once pipeline on the 3-node cluster: an instance replaced in mid-run, and a broker killed while the
 * new instance works (topics and the transaction log replicated 3 times, min ISR 2).
 */
@ExtendWith(KafkaClusterExtension.class)
class ExactlyOncePipelineFailoverIT {

    @Test
    void everyInputRecordAppearsOnceDespiteATakeoverAndABrokerKilled(@ClusterSize(3) KafkaCluster cluster)
            throws Exception {
        try (TxnSide kafka = new TxnSide(cluster.bootstrapServers())) {
            new PipelineScenario(cluster.bootstrapServers(), kafka, 3).run(6_000, () -> cluster.kill(1));
        }
    }
}
