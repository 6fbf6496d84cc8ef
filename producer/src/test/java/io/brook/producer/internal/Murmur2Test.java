package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Brook's keyed partitioning against kafka-clients' own functions, as the oracle. */
class Murmur2Test {

    @Test
    void hashMatchesKafkaForEveryLengthAndManyValues() {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            for (int n = 0; n < 200; n++) {
                byte[] key = new byte[length];
                random.nextBytes(key);
                assertThat(Murmur2.hash(key)).as("length %d", length).isEqualTo(Utils.murmur2(key));
            }
        }
    }

    @Test
    void partitionMatchesKafkasProducerForTextKeys() {
        for (int partitions : new int[] {1, 3, 6, 7, 64, 1000}) {
            for (int i = 0; i < 5_000; i++) {
                byte[] key = ("order-" + i).getBytes(StandardCharsets.UTF_8);
                int kafka = Utils.toPositive(Utils.murmur2(key)) % partitions;
                assertThat(Murmur2.partition(key, partitions)).isEqualTo(kafka);
            }
        }
    }

    @Test
    void aHashOfIntegerMinValueStillGivesAValidPartition() {
        // Kafka masks the sign bit rather than taking Math.abs, so no hash can give a negative partition.
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            byte[] key = new byte[8];
            random.nextBytes(key);
            assertThat(Murmur2.partition(key, 13)).isBetween(0, 12);
        }
    }
}
