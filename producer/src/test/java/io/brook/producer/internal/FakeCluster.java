package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.common.errors.NetworkException;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.Releasable;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.InitProducerIdResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.brook.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.brook.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.message.ProduceResponse.TopicProduceResponse;
import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchReader;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An in-process model of a Kafka cluster behind the {@link RequestSender} seam, for the producer's unit tests: it
 * answers Metadata from its topics and leaders, InitProducerId with ids and epoch bumps, and Produce the way a broker
 * does for idempotent producers (per partition and producer: epoch check, sequence check, duplicate detection over
 * the last five batches, offsets), keeping every record written so tests can read the partition logs.
 *
 * <p>Responses are not delivered at once: they queue until the test calls {@link #deliver()}, as the sender thread
 * would receive them later. Faults are scripted per Produce request ({@link #onNextProduce}): answer an error for a
 * partition, lose the response after writing (the request fails with a network error), or fail without writing.
 *
 * <p>Not thread-safe: the test drives it from one thread.
 */
final class FakeCluster implements RequestSender {
    /** A record as a partition log holds it. */
    record Written(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers, long producerId,
            short epoch, int sequence) {}

    /** What a scripted Produce fault does. */
    enum Fault { NONE, LOSE_RESPONSE_AFTER_WRITE, FAIL_WITHOUT_WRITE }

    /** A scripted reaction to one Produce request: a fault for the whole request and/or errors per partition. */
    record Reaction(Fault fault, Map<String, Errors> errorsByPartition) {
        static Reaction fault(Fault fault) {
            return new Reaction(fault, Map.of());
        }

        static Reaction error(String topicPartition, Errors error) {
            return new Reaction(Fault.NONE, Map.of(topicPartition, error));
        }
    }

    private final Map<Integer, Endpoint> brokers = new LinkedHashMap<>();
    private final Map<String, UUID> topicIds = new HashMap<>();
    private final Map<String, int[]> leaders = new HashMap<>();
    private final Map<String, Errors> topicErrors = new HashMap<>();
    private final Map<String, List<Written>> logs = new HashMap<>();
    private final Map<String, Map<Long, ProducerState>> producers = new HashMap<>();
    private final Deque<Runnable> undelivered = new ArrayDeque<>();
    private final Map<io.brook.protocol.ApiKey, Function<ApiMessage, Object>> handlers = new HashMap<>();
    private final Deque<Function<ProduceRequest, Reaction>> produceScript = new ArrayDeque<>();
    private final List<ProduceRequest> produceRequests = new ArrayList<>();
    private final Map<Long, Short> epochs = new HashMap<>();
    private long nextProducerId = 1000;
    private int metadataRequests;
    private int maxTopicMessageBytes = Integer.MAX_VALUE;

    FakeCluster(int... brokerIds) {
        for (int id : brokerIds) {
            brokers.put(id, new Endpoint(id, "broker" + id, 9092));
        }
    }

    // ---- model -----------------------------------------------------------------------------------------------------

    /** A topic whose partition {@code i} is led by {@code leaders[i]} (-1: no leader). */
    FakeCluster topic(String name, int... leaders) {
        topicIds.putIfAbsent(name, UUID.randomUUID());
        this.leaders.put(name, leaders.clone());
        topicErrors.remove(name);
        return this;
    }

    /** The topic is answered with {@code error} (e.g. UNKNOWN_TOPIC_OR_PARTITION). */
    FakeCluster topicError(String name, Errors error) {
        leaders.remove(name);
        topicErrors.put(name, error);
        return this;
    }

    FakeCluster leader(String topic, int partition, int broker) {
        leaders.get(topic)[partition] = broker;
        return this;
    }

    /** Batches larger than this are refused with MESSAGE_TOO_LARGE. */
    FakeCluster maxMessageBytes(int bytes) {
        this.maxTopicMessageBytes = bytes;
        return this;
    }

    /** The broker forgets every producer's state (as after losing its log). */
    void forgetProducers() {
        producers.clear();
    }

    /**
     * Answers requests of {@code api} with {@code handler} (a response body, or a Throwable to fail the request
     * with) instead of the built-in behaviour.
     */
    FakeCluster handle(io.brook.protocol.ApiKey api, Function<ApiMessage, Object> handler) {
        handlers.put(api, handler);
        return this;
    }

    Endpoint broker(int id) {
        return brokers.get(id);
    }

    // ---- scripting -------------------------------------------------------------------------------------------------

    /** The next Produce request meets {@code reaction}. */
    FakeCluster onNextProduce(Reaction reaction) {
        produceScript.add(r -> reaction);
        return this;
    }

    /** Delivers every response queued so far (and those their handling produces), in order. */
    int deliver() {
        int n = 0;
        Runnable r;
        while ((r = undelivered.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    int undelivered() {
        return undelivered.size();
    }

    List<ProduceRequest> produceRequests() {
        return produceRequests;
    }

    int metadataRequests() {
        return metadataRequests;
    }

    /** The records written to a partition, in offset order. */
    List<Written> log(String topic, int partition) {
        return logs.getOrDefault(topic + "-" + partition, List.of());
    }

    // ---- the seam --------------------------------------------------------------------------------------------------

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request) {
        return send(endpoint, request, 30_000);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request,
            long timeoutMs) {
        short version = request.allowedVersions().max();
        ApiMessage body = request.build(version);
        CompletableFuture<R> future = new CompletableFuture<>();
        Object answer;
        try {
            Function<ApiMessage, Object> handler = handlers.get(request.apiKey());
            answer = handler != null ? handler.apply(body) : switch (request.apiKey()) {
                case METADATA -> metadata((MetadataRequest) body);
                case INIT_PRODUCER_ID -> initProducerId((InitProducerIdRequest) body);
                case PRODUCE -> produce((ProduceRequest) body, version);
                default -> new UnsupportedOperationException(request.apiKey().apiName());
            };
        } finally {
            // The network layer owns each body it sends and releases it once encoded.
            if (body instanceof Releasable r) {
                r.release();
            }
        }
        undelivered.add(() -> {
            if (answer instanceof Throwable t) {
                future.completeExceptionally(t);
            } else {
                future.complete((R) answer);
            }
        });
        return future;
    }

    private MetadataResponse metadata(MetadataRequest request) {
        metadataRequests++;
        List<MetadataResponseBroker> bs = new ArrayList<>();
        for (Endpoint e : brokers.values()) {
            bs.add(MetadataResponseBroker.builder().nodeId(e.nodeId()).host(e.host()).port(e.port()).build());
        }
        List<MetadataResponseTopic> ts = new ArrayList<>();
        List<String> names = request.topics() == null ? new ArrayList<>(leaders.keySet())
                : request.topics().stream().map(MetadataRequest.MetadataRequestTopic::name).toList();
        for (String name : names) {
            if (leaders.containsKey(name)) {
                List<MetadataResponsePartition> ps = new ArrayList<>();
                int[] ls = leaders.get(name);
                for (int i = 0; i < ls.length; i++) {
                    Errors e = ls[i] < 0 ? Errors.LEADER_NOT_AVAILABLE : Errors.NONE;
                    ps.add(MetadataResponsePartition.builder().partitionIndex(i).leaderId(ls[i]).leaderEpoch(1)
                            .errorCode(e.code()).replicaNodes(List.of(Math.max(ls[i], 0)))
                            .isrNodes(List.of(Math.max(ls[i], 0))).offlineReplicas(List.of()).build());
                }
                ts.add(MetadataResponseTopic.builder().name(name).topicId(topicIds.get(name))
                        .errorCode(Errors.NONE.code()).partitions(ps).build());
            } else {
                Errors e = topicErrors.getOrDefault(name, Errors.UNKNOWN_TOPIC_OR_PARTITION);
                ts.add(MetadataResponseTopic.builder().name(name).topicId(new UUID(0, 0)).errorCode(e.code())
                        .partitions(List.of()).build());
            }
        }
        return MetadataResponse.builder().brokers(bs).clusterId("fake").controllerId(brokers.keySet().iterator()
                .next()).topics(ts).build();
    }

    private InitProducerIdResponse initProducerId(InitProducerIdRequest request) {
        long id = request.producerId();
        short epoch;
        if (id >= 0 && epochs.containsKey(id) && epochs.get(id) == request.producerEpoch()) {
            epoch = (short) (request.producerEpoch() + 1);
        } else {
            id = nextProducerId++;
            epoch = 0;
        }
        epochs.put(id, epoch);
        return InitProducerIdResponse.builder().errorCode(Errors.NONE.code()).producerId(id).producerEpoch(epoch)
                .build();
    }

    private Object produce(ProduceRequest request, short version) {
        produceRequests.add(request);
        Function<ProduceRequest, Reaction> scripted = produceScript.poll();
        Reaction reaction = scripted == null ? Reaction.fault(Fault.NONE) : scripted.apply(request);
        if (reaction.fault() == Fault.FAIL_WITHOUT_WRITE) {
            return new NetworkException("fake: connection lost before the request was written");
        }
        List<TopicProduceResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicProduceData t : request.topicData()) {
            String topic = t.name().isEmpty() ? nameOf(t.topicId()) : t.name();
            List<PartitionProduceResponse> ps = new ArrayList<>();
            for (ProduceRequest.PartitionProduceData p : t.partitionData()) {
                String tp = topic + "-" + p.index();
                Errors scriptedError = reaction.errorsByPartition().get(tp);
                PartitionProduceResponse.Builder answer = PartitionProduceResponse.builder().index(p.index())
                        .logAppendTimeMs(-1);
                if (scriptedError != null) {
                    answer.errorCode(scriptedError.code()).baseOffset(-1);
                } else if (p.records().readableBytes() > maxTopicMessageBytes) {
                    answer.errorCode(Errors.MESSAGE_TOO_LARGE.code()).baseOffset(-1);
                } else {
                    append(tp, p, answer);
                }
                ps.add(answer.build());
            }
            topics.add(TopicProduceResponse.builder().name(topic).topicId(topicIds.get(topic)).partitionResponses(ps)
                    .build());
        }
        if (reaction.fault() == Fault.LOSE_RESPONSE_AFTER_WRITE) {
            return new NetworkException("fake: connection lost after the broker wrote the request");
        }
        return request.acks() == 0 ? null : ProduceResponse.builder().responses(topics).build();
    }

    private String nameOf(UUID id) {
        return topicIds.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
    }

    /** The broker's append with the idempotent producer's checks. */
    private void append(String tp, ProduceRequest.PartitionProduceData p, PartitionProduceResponse.Builder answer) {
        List<Written> log = logs.computeIfAbsent(tp, k -> new ArrayList<>());
        RecordBatchReader reader = new RecordBatchReader(p.records().duplicate(), UnpooledByteBufAllocator.DEFAULT,
                true);
        try (RecordBatch batch = reader.next()) {
            long pid = batch.producerId();
            if (pid >= 0) {
                ProducerState state = producers.computeIfAbsent(tp, k -> new HashMap<>())
                        .computeIfAbsent(pid, k -> new ProducerState());
                Errors check = state.check(batch.producerEpoch(), batch.baseSequence(), batch.recordCount());
                if (check == Errors.DUPLICATE_SEQUENCE_NUMBER) {
                    answer.errorCode(Errors.NONE.code()).baseOffset(state.offsetOf(batch.baseSequence()));
                    return;
                }
                if (check != Errors.NONE) {
                    answer.errorCode(check.code()).baseOffset(-1);
                    return;
                }
                state.appended(batch.producerEpoch(), batch.baseSequence(), batch.recordCount(), log.size());
            }
            long base = log.size();
            for (Record r : batch) {
                log.add(new Written(log.size(), r.timestamp(), r.hasKey() ? r.keyBytes() : null,
                        r.hasValue() ? r.valueBytes() : null, r.headersCopy(), pid, batch.producerEpoch(),
                        batch.baseSequence()));
            }
            answer.errorCode(Errors.NONE.code()).baseOffset(base);
        }
    }

    /** What a broker remembers of one producer on one partition. */
    private static final class ProducerState {
        short epoch = -1;
        int lastSequence = -1;
        /** The last five batches: base sequence -> base offset. */
        final LinkedHashMap<Integer, Long> recent = new LinkedHashMap<>();

        Errors check(short batchEpoch, int baseSequence, int count) {
            if (epoch < 0 && baseSequence != 0) {
                return Errors.UNKNOWN_PRODUCER_ID;
            }
            if (epoch >= 0 && batchEpoch < epoch) {
                return Errors.INVALID_PRODUCER_EPOCH;
            }
            if (batchEpoch > epoch) {
                return baseSequence == 0 ? Errors.NONE : Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
            }
            if (recent.containsKey(baseSequence)) {
                return Errors.DUPLICATE_SEQUENCE_NUMBER;
            }
            return baseSequence == lastSequence + 1 ? Errors.NONE : Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }

        void appended(short batchEpoch, int baseSequence, int count, long baseOffset) {
            if (batchEpoch != epoch) {
                recent.clear();
            }
            epoch = batchEpoch;
            lastSequence = baseSequence + count - 1;
            recent.put(baseSequence, baseOffset);
            if (recent.size() > 5) {
                recent.remove(recent.keySet().iterator().next());
            }
        }

        long offsetOf(int baseSequence) {
            return recent.get(baseSequence);
        }
    }
}
