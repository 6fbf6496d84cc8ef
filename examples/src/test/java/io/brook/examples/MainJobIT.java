package io.brook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's main job, run against the test kit's broker: every record arrives exactly once, and it says so. */
@ExtendWith(KafkaClusterExtension.class)
class MainJobIT {

    @Test
    void producesAndConsumesEveryRecordOnceInAGroupOfTwo(KafkaCluster cluster) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = MainJob.run(new String[] {"--bootstrap-server", cluster.bootstrapServers(), "--records", "20000"});
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(exit).isZero();
        assertThat(output)
                .contains("Using the cluster at " + cluster.bootstrapServers())
                .containsPattern("member 1 has partitions \\[\\d")
                .containsPattern("member 2 has partitions \\[\\d")
                .contains("produce:  20,000 records")
                .containsPattern("p50 \\d+ ms, p99 \\d+ ms")
                .contains("delivery: 0 missing, 0 duplicates")
                .contains("Deleted topic brook-demo-");
    }
}
