package io.brook.producer.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.AddOffsetsToTxnRequest;
import io.brook.protocol.message.AddOffsetsToTxnResponse;
import io.brook.protocol.message.AddPartitionsToTxnRequest;
import io.brook.protocol.message.AddPartitionsToTxnResponse;
import io.brook.protocol.message.EndTxnRequest;
import io.brook.protocol.message.EndTxnResponse;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.InitProducerIdResponse;
import io.brook.protocol.message.TxnOffsetCommitRequest;
import io.brook.protocol.message.TxnOffsetCommitResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction and group coordinators of a {@link FakeCluster}: answers FindCoordinator (with the broker set by
 * {@link #coordinator}), InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and EndTxn, each with
 * the next scripted error of its API ({@link #failNext}) or NONE, and records every request. Test thread only.
 */
final class FakeCoordinator {
    private final FakeCluster cluster;
    private final Map<ApiKey, Deque<Errors>> script = new EnumMap<>(ApiKey.class);
    final List<ApiMessage> requests = new ArrayList<>();
    private int coordinatorId;
    private long producerId = 4000;
    private short epoch = -1;
    /** Transaction protocol version 2: every EndTxn bumps the epoch and returns it. */
    boolean bumpsEpochPerTransaction;

    FakeCoordinator(FakeCluster cluster, int coordinatorId) {
        this.cluster = cluster;
        this.coordinatorId = coordinatorId;
        cluster.handle(ApiKey.FIND_COORDINATOR, this::findCoordinator)
                .handle(ApiKey.INIT_PRODUCER_ID, this::initProducerId)
                .handle(ApiKey.ADD_PARTITIONS_TO_TXN, this::addPartitions)
                .handle(ApiKey.ADD_OFFSETS_TO_TXN, this::addOffsets)
                .handle(ApiKey.TXN_OFFSET_COMMIT, this::txnOffsetCommit)
                .handle(ApiKey.END_TXN, this::endTxn);
    }

    /** The next request(s) of {@code api} are answered with these errors, in order. */
    FakeCoordinator failNext(ApiKey api, Errors... errors) {
        Deque<Errors> q = script.computeIfAbsent(api, a -> new ArrayDeque<>());
        q.addAll(List.of(errors));
        return this;
    }

    /** The coordinator FindCoordinator names from now on. */
    void coordinator(int brokerId) {
        this.coordinatorId = brokerId;
    }

    short epoch() {
        return epoch;
    }

    long producerId() {
        return producerId;
    }

    <T extends ApiMessage> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private Errors next(ApiKey api) {
        Deque<Errors> q = script.get(api);
        Errors e = q == null ? null : q.poll();
        return e == null ? Errors.NONE : e;
    }

    private Object findCoordinator(ApiMessage body) {
        FindCoordinatorRequest r = (FindCoordinatorRequest) body;
        requests.add(r);
        Endpoint e = cluster.broker(coordinatorId);
        List<FindCoordinatorResponse.Coordinator> cs = new ArrayList<>();
        for (String key : r.coordinatorKeys()) {
            cs.add(FindCoordinatorResponse.Coordinator.builder().key(key).nodeId(e.nodeId()).host(e.host())
                    .port(e.port()).errorCode((short) 0).build());
        }
        return FindCoordinatorResponse.builder().coordinators(cs).build();
    }

    private Object initProducerId(ApiMessage body) {
        InitProducerIdRequest r = (InitProducerIdRequest) body;
        requests.add(r);
        Errors e = next(ApiKey.INIT_PRODUCER_ID);
        if (e == Errors.NONE) {
            epoch++;
        }
        return InitProducerIdResponse.builder().errorCode(e.code()).producerId(producerId).producerEpoch(epoch)
                .build();
    }

    private Object addPartitions(ApiMessage body) {
        AddPartitionsToTxnRequest r = (AddPartitionsToTxnRequest) body;
        requests.add(r);
        Errors e = next(ApiKey.ADD_PARTITIONS_TO_TXN);
        List<AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult> ts = new ArrayList<>();
        for (AddPartitionsToTxnRequest.AddPartitionsToTxnTopic t : r.v3AndBelowTopics()) {
            List<AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult> ps = new ArrayList<>();
            for (int p : t.partitions()) {
                ps.add(AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult.builder().partitionIndex(p)
                        .partitionErrorCode(e.code()).build());
            }
            ts.add(AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult.builder().name(t.name())
                    .resultsByPartition(ps).build());
        }
        return AddPartitionsToTxnResponse.builder().resultsByTopicV3AndBelow(ts).build();
    }

    private Object addOffsets(ApiMessage body) {
        requests.add((AddOffsetsToTxnRequest) body);
        return AddOffsetsToTxnResponse.builder().errorCode(next(ApiKey.ADD_OFFSETS_TO_TXN).code()).build();
    }

    private Object txnOffsetCommit(ApiMessage body) {
        TxnOffsetCommitRequest r = (TxnOffsetCommitRequest) body;
        requests.add(r);
        Errors e = next(ApiKey.TXN_OFFSET_COMMIT);
        List<TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic> ts = new ArrayList<>();
        for (TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic t : r.topics()) {
            List<TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition> ps = new ArrayList<>();
            for (TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition p : t.partitions()) {
                ps.add(TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition.builder()
                        .partitionIndex(p.partitionIndex()).errorCode(e.code()).build());
            }
            ts.add(TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic.builder().name(t.name()).partitions(ps)
                    .build());
        }
        return TxnOffsetCommitResponse.builder().topics(ts).build();
    }

    private Object endTxn(ApiMessage body) {
        requests.add((EndTxnRequest) body);
        Errors e = next(ApiKey.END_TXN);
        EndTxnResponse.Builder answer = EndTxnResponse.builder().errorCode(e.code());
        if (bumpsEpochPerTransaction && e == Errors.NONE) {
            epoch++;
            answer.producerId(producerId).producerEpoch(epoch);
        }
        return answer.build();
    }
}
