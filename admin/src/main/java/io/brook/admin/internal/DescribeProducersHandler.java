package io.brook.admin.internal;

import io.brook.admin.ProducerState;
import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.DescribeProducersRequest;
import io.brook.protocol.message.DescribeProducersResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code describeProducers}: asks each partition's leader for the partition's active producers
 * (DescribeProducers, one request per leader).
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeProducersHandler implements CallHandler<Map<TopicPartition, List<ProducerState>>> {
    static final String CALL = "describeProducers";

    private final ResourceResults<TopicPartition, List<ProducerState>> results;
    private final PartitionLeaders leaders = new PartitionLeaders(CALL);

    /** @param partitions not empty; duplicates are described once */
    public DescribeProducersHandler(Collection<TopicPartition> partitions) {
        this.results = new ResourceResults<>(CALL, partitions);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return leaders.nextRequests(results.pending(), DescribeProducersHandler::request);
    }

    private static CallRequest request(Endpoint leader, List<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<DescribeProducersRequest.TopicRequest> topics = new ArrayList<>();
        byTopic.forEach((topic, indexes) -> topics.add(
                DescribeProducersRequest.TopicRequest.builder().name(topic).partitionIndexes(indexes).build()));
        return CallRequest.toBroker(leader, DescribeProducersRequest.builder().topics(topics).build());
    }

    @Override
    public Step<Map<TopicPartition, List<ProducerState>>> onResponse(CallRequest request, Endpoint from,
            ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            return leaders.onMetadata(metadata, results, results::finishWithMap);
        }
        ApiException reason = null;
        for (DescribeProducersResponse.TopicResponse topic : ((DescribeProducersResponse) response).topics()) {
            for (DescribeProducersResponse.PartitionResponse p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                if (results.isPending(tp)) {
                    ApiException retry = leaders.settle(results, tp, AdminErrors.forCode(p.errorCode()),
                            p.errorMessage(), producers(p));
                    reason = retry != null ? retry : reason;
                }
            }
        }
        Throwable missing = leaders.missingFromAnswer(request, results);
        return PartitionLeaders.after(results, reason != null ? reason : missing, results::finishWithMap);
    }

    @Override
    public Step<Map<TopicPartition, List<ProducerState>>> onFailure(CallRequest request, Endpoint to,
            Throwable error) {
        return leaders.onFailure(request, error, results, results::finishWithMap);
    }

    private static List<ProducerState> producers(DescribeProducersResponse.PartitionResponse p) {
        List<ProducerState> producers = new ArrayList<>();
        for (DescribeProducersResponse.ProducerState s : p.activeProducers()) {
            producers.add(new ProducerState(s.producerId(), s.producerEpoch(), s.lastSequence(), s.lastTimestamp(),
                    s.coordinatorEpoch(), s.currentTxnStartOffset()));
        }
        producers.sort(Comparator.comparingLong(ProducerState::producerId));
        return List.copyOf(producers);
    }
}
