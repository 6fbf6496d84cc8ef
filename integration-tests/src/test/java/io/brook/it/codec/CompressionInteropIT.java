package io.brook.it.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.it.support.RawKafkaSocket;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.CompressionType;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceResponse;
import io.brook.common.Header;
import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchBuilder;
import io.brook.protocol.record.RecordBatchReader;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Record batches cross the real broker in both directions, for every compression codec: a batch written by Brook
 * is accepted by the broker (which validates and, for compressed batches, decompresses it) and read back by
 * {@code kafka-clients}; a batch written by {@code kafka-clients} is fetched and decoded by Brook.
 */
@ExtendWith(KafkaClusterExtension.class)
class CompressionInteropIT {
    private static final int RECORDS = 200;
    private static final long BASE_TIMESTAMP = 1_750_000_000_000L;

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchWrittenByBrookIsReadByKafkaClients(CompressionType type, KafkaCluster cluster) throws Exception {
        String topic = "interop-brook-to-kafka-" + type.name().toLowerCase();
        createTopic(cluster, topic);
        try (RawKafkaSocket socket = RawKafkaSocket.connect(cluster.bootstrapServers())) {
            UUID topicId = topicId(socket, topic);
            ByteBuf batch = brookBatch(type);
            ProduceResponse response;
            // The request holds its own reference to the batch (as every built message with records does).
            ProduceRequest request = ProduceRequest.builder().acks((short) -1).timeoutMs(30_000)
                    .topicData(List.of(ProduceRequest.TopicProduceData.builder().name(topic).topicId(topicId)
                            .partitionData(List.of(ProduceRequest.PartitionProduceData.builder().index(0)
                                    .records(batch).build())).build())).build();
            try {
                response = socket.send(request, ApiKey.PRODUCE.highestVersion());
            } finally {
                request.release();
                batch.release();
            }
            var partition = response.responses().get(0).partitionResponses().get(0);
            assertThat(Errors.forCode(partition.errorCode())).isEqualTo(Errors.NONE);
            assertThat(partition.baseOffset()).isZero();
        }

        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafkaConsumer(cluster)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            ConsumerRecord<byte[], byte[]> r = read.get(i);
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.timestamp()).isEqualTo(BASE_TIMESTAMP + i);
            assertThat(r.key()).isEqualTo(key(i));
            assertThat(r.value()).isEqualTo(value(i));
            assertThat(r.headers().lastHeader("h").value()).isEqualTo(("header-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchWrittenByKafkaClientsIsReadByBrook(CompressionType type, KafkaCluster cluster) throws Exception {
        String topic = "interop-kafka-to-brook-" + type.name().toLowerCase();
        createTopic(cluster, topic);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, type.name().toLowerCase());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                var record = new ProducerRecord<>(topic, 0, BASE_TIMESTAMP + i, key(i), value(i));
                record.headers().add("h", ("header-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }

        List<String> seen = new ArrayList<>();
        List<CompressionType> codecs = new ArrayList<>();
        try (RawKafkaSocket socket = RawKafkaSocket.connect(cluster.bootstrapServers())) {
            UUID topicId = topicId(socket, topic);
            long offset = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (offset < RECORDS && System.nanoTime() < deadline) {
                FetchResponse response = socket.send(FetchRequest.builder().replicaId(-1).maxWaitMs(500).minBytes(1)
                        .maxBytes(8 << 20).topics(List.of(FetchRequest.FetchTopic.builder().topic(topic).topicId(topicId)
                                .partitions(List.of(FetchRequest.FetchPartition.builder().partition(0)
                                        .fetchOffset(offset).partitionMaxBytes(8 << 20).build())).build())).build(),
                        ApiKey.FETCH.highestVersion());
                try {
                    var data = response.responses().get(0).partitions().get(0);
                    assertThat(Errors.forCode(data.errorCode())).isEqualTo(Errors.NONE);
                    offset = decode(data.records(), offset, seen, codecs);
                } finally {
                    response.release();
                }
            }
        }
        assertThat(seen).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(seen.get(i)).isEqualTo(expected(i));
        }
        assertThat(codecs).isNotEmpty().containsOnly(type);
    }

    /** Decodes every complete batch from {@code offset} on; returns the next offset to fetch. */
    private static long decode(ByteBuf records, long offset, List<String> seen, List<CompressionType> codecs) {
        if (records == null) {
            return offset;
        }
        RecordBatchReader reader = new RecordBatchReader(records, PooledByteBufAllocator.DEFAULT, true);
        long next = offset;
        while (reader.hasNext()) {
            RecordBatch batch = reader.next();
            try {
                codecs.add(batch.compressionType());
                for (Record r : batch) {
                    if (r.offset() < next) {
                        continue;
                    }
                    String headers = r.headersCopy().stream()
                            .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)).toList().toString();
                    seen.add(r.offset() + "|" + r.timestamp() + "|" + new String(r.keyBytes(), StandardCharsets.UTF_8)
                            + "|" + new String(r.valueBytes(), StandardCharsets.UTF_8) + "|" + headers);
                    next = r.offset() + 1;
                }
            } finally {
                batch.release();
            }
        }
        return next;
    }

    private static String expected(int i) {
        return i + "|" + (BASE_TIMESTAMP + i) + "|" + new String(key(i), StandardCharsets.UTF_8) + "|"
                + new String(value(i), StandardCharsets.UTF_8) + "|[h=header-" + i + "]";
    }

    private static ByteBuf brookBatch(CompressionType type) {
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT,
                Compression.of(type, null), 0L, 16 * 1024);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(BASE_TIMESTAMP + i, key(i), value(i),
                    List.of(new Header("h", ("header-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return builder.build();
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        // Repetitive enough to compress, varied enough to catch an offset mix-up.
        return ("value-" + i + "-" + "abcdefghij".repeat(1 + i % 7)).getBytes(StandardCharsets.UTF_8);
    }

    private static UUID topicId(RawKafkaSocket socket, String topic) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            MetadataResponse response = socket.send(MetadataRequest.builder().topics(List.of(
                    MetadataRequest.MetadataRequestTopic.builder().name(topic).build())).build(),
                    ApiKey.METADATA.highestVersion());
            var t = response.topics().get(0);
            if (t.errorCode() == 0 && !t.partitions().isEmpty() && t.partitions().get(0).leaderId() >= 0) {
                return t.topicId();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("topic " + topic + " never got a leader");
    }

    private static void createTopic(KafkaCluster cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static KafkaConsumer<byte[], byte[]> kafkaConsumer(KafkaCluster cluster) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
