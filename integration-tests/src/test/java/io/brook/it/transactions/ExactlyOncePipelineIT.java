package io.brook.it.transactions;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exactly-once pipeline on the shared single-node cluster, with an instance replaced in mid-run. */
@ExtendWith(KafkaClusterExtension.class)
class ExactlyOncePipelineIT {

    @Test
    void everyInputRecordAppearsOnceInTheOutputAcrossAnInstanceTakeover(KafkaCluster cluster) throws Exception {
        try (TxnSide kafka = new TxnSide(cluster.bootstrapServers())) {
            new PipelineScenario(cluster.bootstrapServers(), kafka, 1).run(3_000, null);
        }
    }

    @Test
    void everyInputRecordAppearsOnceAcrossRebalancesAndAFailedTransform(KafkaCluster cluster) throws Exception {
        try (TxnSide kafka = new TxnSide(cluster.bootstrapServers())) {
            new PipelineScenario(cluster.bootstrapServers(), kafka, 1).runRebalancing(3_000);
        }
    }
}
