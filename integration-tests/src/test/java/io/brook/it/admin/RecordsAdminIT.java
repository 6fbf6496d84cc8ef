package io.brook.it.admin;

import static io.brook.it.admin.KafkaClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.Admin;
import io.brook.admin.CreatePartitionsOptions;
import io.brook.admin.OffsetSpec;
import io.brook.admin.PartialFailureException;
import io.brook.admin.ProducerState;
import io.brook.common.TopicPartition;
import io.brook.common.errors.InvalidPartitionsException;
import io.brook.common.errors.OffsetOutOfRangeException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Partitions, offsets and records through Brook's Admin against a real broker, every result cross-checked with
 * kafka-clients' Admin on the same broker; records are written with kafka-clients' producer.
 */
class RecordsAdminIT extends AdminItBase {
    @Override
    String clientId() {
        return "brook-records-it";
    }

    /** kafka-clients' answer to the same look-ups, in Brook's terms. */
    private Map<TopicPartition, Long> kafkaOffsets(Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs)
            throws Exception {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> asked = new HashMap<>();
        specs.forEach((tp, spec) -> asked.put(k(tp), spec));
        Map<org.apache.kafka.common.TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers =
                kafka.admin().listOffsets(asked).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((tp, info) -> offsets.put(new TopicPartition(tp.topic(), tp.partition()), info.offset()));
        return offsets;
    }

    @Test
    void createPartitionsGrowsTopicsAsKafkaClientsSees() throws Exception {
        String a = unique("grow-a");
        String b = unique("grow-b");
        kafka.createTopic(a, 1, (short) 1);
        kafka.createTopic(b, 2, (short) 1);

        get(brook.createPartitions(Map.of(a, 3, b, 4)));

        // No waiting: the call completes once every broker reports the new partitions.
        assertThat(kafka.describe(a).partitions()).hasSize(3);
        assertThat(kafka.describe(b).partitions()).hasSize(4);
        assertThat(get(brook.describeTopics(List.of(a, b)))).containsEntry(a, kafka.describe(a))
                .containsEntry(b, kafka.describe(b));
    }

    @Test
    void createPartitionsReportsEachFailedTopicAndGrowsTheOthers() throws Exception {
        String known = unique("grow-known");
        String shrink = unique("grow-shrink");
        String missing = unique("grow-missing");
        kafka.createTopic(known, 1, (short) 1);
        kafka.createTopic(shrink, 3, (short) 1);

        Throwable error = failure(brook.createPartitions(Map.of(known, 2, shrink, 2, missing, 2)));

        assertThat(error).isInstanceOf(PartialFailureException.class);
        PartialFailureException partial = (PartialFailureException) error;
        assertThat(partial.failures().get(missing)).isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageContaining(missing).hasMessageContaining("UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(partial.failures().get(shrink)).isInstanceOf(InvalidPartitionsException.class);
        assertThat(partial.succeeded()).containsExactly(known);
        assertThat(kafka.describe(known).partitions()).hasSize(2);
        assertThat(kafka.describe(shrink).partitions()).hasSize(3);
    }

    @Test
    void validateOnlyDoesNotAddPartitions() throws Exception {
        String name = unique("grow-validate");
        kafka.createTopic(name, 1, (short) 1);

        get(brook.createPartitions(Map.of(name, 5), CreatePartitionsOptions.defaults().withValidateOnly(true)));

        assertThat(kafka.describe(name).partitions()).hasSize(1);
    }

    @Test
    void listOffsetsAgreesWithKafkaClientsForEverySpec() throws Exception {
        String topic = unique("offsets");
        kafka.createTopic(topic, 2, (short) 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        long base = System.currentTimeMillis() - 60_000;
        // Partition 0: timestamps out of order, so max timestamp is not the last record.
        KafkaClients.produce(cluster.bootstrapServers(), topic, 0, base, base + 10_000, base + 30_000, base + 20_000);

        for (long ts : new long[] {base - 1, base + 5_000, base + 20_000, base + 40_000}) {
            Map<TopicPartition, Long> byBrook = get(brook.listOffsets(Map.of(
                    p0, OffsetSpec.forTimestamp(ts), p1, OffsetSpec.forTimestamp(ts))));
            assertThat(byBrook).isEqualTo(kafkaOffsets(Map.of(
                    p0, org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(ts),
                    p1, org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(ts))));
        }
        Map<TopicPartition, Long> positions = get(brook.listOffsets(Map.of(p0, OffsetSpec.earliest(),
                p1, OffsetSpec.latest())));
        assertThat(positions).containsExactlyInAnyOrderEntriesOf(Map.of(p0, 0L, p1, 0L));
        assertThat(get(brook.listOffsets(Map.of(p0, OffsetSpec.latest())))).containsEntry(p0, 4L)
                .isEqualTo(kafkaOffsets(Map.of(p0, org.apache.kafka.clients.admin.OffsetSpec.latest())));
        assertThat(get(brook.listOffsets(Map.of(p0, OffsetSpec.maxTimestamp(), p1, OffsetSpec.maxTimestamp()))))
                .containsEntry(p0, 2L)
                .isEqualTo(kafkaOffsets(Map.of(p0, org.apache.kafka.clients.admin.OffsetSpec.maxTimestamp(),
                        p1, org.apache.kafka.clients.admin.OffsetSpec.maxTimestamp())));
    }

    @Test
    void listOffsetsOfAnUnknownTopicAmongKnownOnesIsAPartialFailure() throws Exception {
        String topic = unique("offsets-partial");
        String missing = unique("offsets-missing");
        kafka.createTopic(topic, 1, (short) 1);
        KafkaClients.produce(cluster.bootstrapServers(), topic, 0, 1L, 2L, 3L);
        TopicPartition known = new TopicPartition(topic, 0);
        TopicPartition beyond = new TopicPartition(topic, 7);
        TopicPartition unknown = new TopicPartition(missing, 0);

        Throwable error = failure(brook.listOffsets(Map.of(known, OffsetSpec.latest(), unknown, OffsetSpec.latest(),
                beyond, OffsetSpec.latest())));

        PartialFailureException partial = (PartialFailureException) error;
        assertThat(partial.failures(TopicPartition.class)).containsOnlyKeys(unknown, beyond);
        assertThat(partial.failures().values()).allSatisfy(e -> assertThat(e)
                .isInstanceOf(UnknownTopicOrPartitionException.class));
        assertThat(partial.error(unknown).code()).isEqualTo((short) 3);
        assertThat(partial.results(TopicPartition.class, Long.class))
                .isEqualTo(kafkaOffsets(Map.of(known, org.apache.kafka.clients.admin.OffsetSpec.latest())))
                .containsEntry(known, 3L);
        assertThat(partial).hasMessageContaining(missing + "-0: UNKNOWN_TOPIC_OR_PARTITION (error code 3)");
    }

    @Test
    void deleteRecordsMovesTheLowWatermarkAsKafkaClientsSees() throws Exception {
        String topic = unique("delete-records");
        kafka.createTopic(topic, 2, (short) 1);
        KafkaClients.produce(cluster.bootstrapServers(), topic, 0, 1L, 2L, 3L, 4L, 5L, 6L);
        KafkaClients.produce(cluster.bootstrapServers(), topic, 1, 1L, 2L, 3L);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);

        Map<TopicPartition, Long> lowWatermarks = get(brook.deleteRecords(Map.of(p0, 4L, p1, -1L)));

        assertThat(lowWatermarks).containsExactlyInAnyOrderEntriesOf(Map.of(p0, 4L, p1, 3L));
        assertThat(kafkaOffsets(Map.of(p0, org.apache.kafka.clients.admin.OffsetSpec.earliest(),
                p1, org.apache.kafka.clients.admin.OffsetSpec.earliest()))).isEqualTo(lowWatermarks);
        assertThat(get(brook.listOffsets(Map.of(p0, OffsetSpec.earliest())))).containsEntry(p0, 4L);
    }

    @Test
    void deleteRecordsReportsEachFailedPartition() throws Exception {
        String topic = unique("delete-records-partial");
        kafka.createTopic(topic, 2, (short) 1);
        KafkaClients.produce(cluster.bootstrapServers(), topic, 0, 1L, 2L, 3L);
        TopicPartition ok = new TopicPartition(topic, 0);
        TopicPartition beyondEnd = new TopicPartition(topic, 1);
        TopicPartition unknown = new TopicPartition(unique("no-such-topic"), 0);

        Map<TopicPartition, Long> asked = new LinkedHashMap<>();
        asked.put(ok, 2L);
        asked.put(beyondEnd, 10L);
        asked.put(unknown, 0L);
        PartialFailureException partial = (PartialFailureException) failure(brook.deleteRecords(asked));

        assertThat(partial.failures(TopicPartition.class).keySet()).containsExactly(beyondEnd, unknown);
        assertThat(partial.failures().get(beyondEnd)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(partial.failures().get(unknown)).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(partial.results()).containsExactly(Map.entry(ok, 2L));
        assertThat(kafkaOffsets(Map.of(ok, org.apache.kafka.clients.admin.OffsetSpec.earliest())))
                .containsEntry(ok, 2L);
        assertThatThrownBy(() -> brook.deleteRecords(Map.of(ok, -2L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeProducersAgreesWithKafkaClients() throws Exception {
        String topic = unique("producers");
        kafka.createTopic(topic, 1, (short) 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> idempotent = KafkaClients.producer(cluster.bootstrapServers(),
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            for (int i = 0; i < 3; i++) {
                idempotent.send(new ProducerRecord<>(topic, 0, null, new byte[] {(byte) i})).get(30, TimeUnit.SECONDS);
            }
        }

        List<ProducerState> byBrook = get(brook.describeProducers(List.of(tp))).get(tp);

        List<ProducerState> byKafka = kafka.admin().describeProducers(List.of(k(tp))).partitionResult(k(tp))
                .get(TIMEOUT_S, TimeUnit.SECONDS).activeProducers().stream()
                .map(p -> new ProducerState(p.producerId(), p.producerEpoch(), p.lastSequence(), p.lastTimestamp(),
                        p.coordinatorEpoch().orElse(-1), p.currentTransactionStartOffset().orElse(-1L)))
                .toList();
        assertThat(byBrook).hasSize(1).isEqualTo(byKafka);
        assertThat(byBrook.get(0).lastSequence()).isEqualTo(2);
        assertThat(byBrook.get(0).currentTransactionStartOffset()).isEqualTo(-1L);

        TopicPartition unknown = new TopicPartition(unique("no-producers"), 0);
        PartialFailureException partial = (PartialFailureException) failure(brook.describeProducers(
                List.of(tp, unknown)));
        assertThat(partial.failures(TopicPartition.class)).containsOnlyKeys(unknown);
        assertThat(partial.results(TopicPartition.class, List.class)).containsOnlyKeys(tp);
        assertThat(Set.copyOf(partial.succeeded())).containsExactly(tp);
    }
}
