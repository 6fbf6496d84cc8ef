package io.brook.it.golden;

import io.brook.it.support.RawKafkaSocket;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.CreateTopicsRequest;
import io.brook.protocol.message.DeleteTopicsRequest;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListOffsetsRequest;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.record.RecordBatchBuilder;
import io.brook.testkit.KafkaCluster;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A developer tool, run once by hand, that captures the golden response bytes under
 * {@code protocol-codec/src/test/resources/golden/}: it sends a request of every version Brook speaks for a set of
 * APIs to a real broker and writes each response body (header stripped) as hex. {@code GoldenBytesTest} then pins
 * Brook's decoder and encoder to those bytes: decoding and re-encoding must give them back exactly.
 *
 * <p>Run: {@code mvn -q -pl integration-tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.brook.it.golden.GoldenCapture -Dexec.args=<output folder>}. It launches a single-node broker
 * (the testkit's default version) unless {@code KAFKA_BOOTSTRAP_SERVERS} is set.
 */
public final class GoldenCapture {
    private static final String TOPIC = "golden";
    private static final String GROUP = "golden-group";

    private final RawKafkaSocket socket;
    private final Path out;
    private final String brokerVersion;
    private UUID topicId;
    private int files;

    private GoldenCapture(RawKafkaSocket socket, Path out, String brokerVersion) {
        this.socket = socket;
        this.out = out;
        this.brokerVersion = brokerVersion;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "protocol-codec/src/test/resources/golden");
        Files.createDirectories(out);
        try (KafkaCluster cluster = KafkaCluster.builder().nodes(1).build()) {
            cluster.start();
            String version = System.getProperty("brook.kafka.version", "4.1.1");
            try (RawKafkaSocket socket = RawKafkaSocket.connect(cluster.bootstrapServers())) {
                GoldenCapture capture = new GoldenCapture(socket, out, version);
                capture.captureAll();
                System.out.println("Wrote " + capture.files + " golden files to " + out.toAbsolutePath());
            }
        }
    }

    private void captureAll() throws IOException {
        each(ApiKey.API_VERSIONS, v -> ApiVersionsRequest.builder()
                .clientSoftwareName("brook-golden").clientSoftwareVersion("0.1.0").build());
        CreateTopicsRequest create = CreateTopicsRequest.builder().timeoutMs(30_000).topics(List.of(
                CreateTopicsRequest.CreatableTopic.builder().name(TOPIC).numPartitions(1)
                        .replicationFactor((short) 1).build())).build();
        socket.send(create, ApiKey.CREATE_TOPICS.highestVersion());
        waitForTopic();

        each(ApiKey.METADATA, v -> MetadataRequest.builder().allowAutoTopicCreation(v < 4).topics(List.of(
                MetadataRequest.MetadataRequestTopic.builder().name(TOPIC).build())).build());
        each(ApiKey.DESCRIBE_CLUSTER, v -> DescribeClusterRequest.builder().build());
        each(ApiKey.FIND_COORDINATOR, v -> v < 4
                ? FindCoordinatorRequest.builder().key(GROUP).keyType((byte) 0).build()
                : FindCoordinatorRequest.builder().coordinatorKeys(List.of(GROUP)).keyType((byte) 0).build());
        produceAndFetch();
        each(ApiKey.LIST_OFFSETS, v -> ListOffsetsRequest.builder().replicaId(-1).topics(List.of(
                ListOffsetsRequest.ListOffsetsTopic.builder().name(TOPIC).partitions(List.of(
                        ListOffsetsRequest.ListOffsetsPartition.builder().partitionIndex(0).timestamp(-1L)
                                .build())).build())).build());
        each(ApiKey.DESCRIBE_CONFIGS, v -> DescribeConfigsRequest.builder().resources(List.of(
                DescribeConfigsRequest.DescribeConfigsResource.builder().resourceType((byte) 2).resourceName(TOPIC)
                        .configurationKeys(List.of("cleanup.policy", "retention.ms")).build())).build());
        each(ApiKey.LIST_GROUPS, v -> ListGroupsRequest.builder().build());
        each(ApiKey.DESCRIBE_GROUPS, v -> DescribeGroupsRequest.builder().groups(List.of(GROUP)).build());
        each(ApiKey.INIT_PRODUCER_ID, v -> InitProducerIdRequest.builder().transactionalId(null)
                .transactionTimeoutMs(60_000).build());
        each(ApiKey.OFFSET_FETCH, v -> v < 8
                ? OffsetFetchRequest.builder().groupId(GROUP).topics(List.of(
                        OffsetFetchRequest.OffsetFetchRequestTopic.builder().name(TOPIC)
                                .partitionIndexes(List.of(0)).build())).build()
                : OffsetFetchRequest.builder().groups(List.of(OffsetFetchRequest.OffsetFetchRequestGroup.builder()
                        .groupId(GROUP).topics(List.of(OffsetFetchRequest.OffsetFetchRequestTopics.builder()
                                .name(TOPIC).partitionIndexes(List.of(0)).build())).build())).build());
        createAndDeleteTopics();
    }

    private void produceAndFetch() throws IOException {
        RecordBatchBuilder batch = new RecordBatchBuilder(UnpooledByteBufAllocator.DEFAULT, Compression.none(), 0L, 256);
        for (int i = 0; i < 3; i++) {
            batch.append(1_700_000_000_000L + i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i).getBytes(StandardCharsets.UTF_8), List.of());
        }
        ByteBuf records = batch.build();
        try {
            each(ApiKey.PRODUCE, v -> ProduceRequest.builder().acks((short) -1).timeoutMs(30_000).topicData(List.of(
                    ProduceRequest.TopicProduceData.builder().name(TOPIC).topicId(topicId).partitionData(List.of(
                            ProduceRequest.PartitionProduceData.builder().index(0).records(records).build()))
                            .build())).build());
        } finally {
            records.release();
        }
        each(ApiKey.FETCH, v -> FetchRequest.builder().replicaId(-1).maxWaitMs(0).minBytes(0).maxBytes(1 << 20)
                .topics(List.of(FetchRequest.FetchTopic.builder().topic(TOPIC).topicId(topicId).partitions(List.of(
                        FetchRequest.FetchPartition.builder().partition(0).fetchOffset(0L)
                                .partitionMaxBytes(1 << 20).build())).build())).build());
    }

    private void createAndDeleteTopics() throws IOException {
        for (short v = ApiKey.CREATE_TOPICS.lowestVersion(); v <= ApiKey.CREATE_TOPICS.highestVersion(); v++) {
            String name = "golden-created-v" + v;
            capture(CreateTopicsRequest.builder().timeoutMs(30_000).topics(List.of(
                    CreateTopicsRequest.CreatableTopic.builder().name(name).numPartitions(2)
                            .replicationFactor((short) 1).build())).build(), v);
        }
        short lowest = ApiKey.DELETE_TOPICS.lowestVersion();
        for (short v = lowest; v <= ApiKey.DELETE_TOPICS.highestVersion(); v++) {
            String name = "golden-created-v" + (ApiKey.CREATE_TOPICS.lowestVersion() + v - lowest);
            capture(v < 6
                    ? DeleteTopicsRequest.builder().timeoutMs(30_000).topicNames(List.of(name)).build()
                    : DeleteTopicsRequest.builder().timeoutMs(30_000).topics(List.of(
                            DeleteTopicsRequest.DeleteTopicState.builder().name(name).build())).build(), v);
        }
    }

    private void waitForTopic() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            MetadataResponse response = socket.send(MetadataRequest.builder().topics(List.of(
                    MetadataRequest.MetadataRequestTopic.builder().name(TOPIC).build())).build(),
                    ApiKey.METADATA.highestVersion());
            MetadataResponse.MetadataResponseTopic topic = response.topics().get(0);
            if (topic.errorCode() == Errors.NONE.code() && !topic.partitions().isEmpty()
                    && topic.partitions().get(0).leaderId() >= 0) {
                topicId = topic.topicId();
                return;
            }
            sleep(100);
        }
        throw new IOException("topic " + TOPIC + " never got a leader");
    }

    private void each(ApiKey key, Function<Short, ApiMessage> request) throws IOException {
        for (short v = key.lowestVersion(); v <= key.highestVersion(); v++) {
            ApiMessage message = request.apply(v);
            try {
                capture(message, v);
            } finally {
                if (message instanceof io.brook.protocol.Releasable r) {
                    r.release(); // a built message with records holds its own references
                }
            }
        }
    }

    private void capture(ApiMessage request, short version) throws IOException {
        byte[] body = socket.exchange(request, version);
        String name = request.apiKey().apiName() + "-response-v" + version + ".hex";
        String hex = HexFormat.of().formatHex(body).replaceAll("(.{128})", "$1\n");
        Files.writeString(out.resolve(name), "# " + request.apiKey().apiName() + " response v" + version
                + ", captured from Apache Kafka " + brokerVersion + " by GoldenCapture\n" + hex + "\n");
        files++;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
