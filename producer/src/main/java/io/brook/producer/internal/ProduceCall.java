package io.brook.producer.internal;

import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.message.ProduceRequest.PartitionProduceData;
import io.brook.protocol.message.ProduceRequest.TopicProduceData;
import io.brook.protocol.message.ProduceResponse;
import io.brook.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.brook.protocol.message.ProduceResponse.TopicProduceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Produce request to one broker: the batches it carries (at most one per partition, many partitions), how to
 * build its body at the negotiated version (topics by name up to v12, by id from v13 when every topic has an id),
 * and how to find each batch's answer in the response.
 *
 * <p>The batches' buffers go into the body as they are: the request never owns them (the encoder copies or
 * references them while writing; the batch releases its buffer after its final outcome). Created and read on the
 * sender thread; {@link #build} runs on an event loop but only reads the immutable lists made at construction.
 */
final class ProduceCall {
    final int nodeId;
    final Endpoint endpoint;
    final List<ProducerBatch> batches;
    final long sentMs;
    final long sentNanos;
    final String transactionalId;
    private final short acks;
    private final int timeoutMs;
    /** Topic name -> its batches, in first-seen order; with the topic's id, or null if one lacks it. */
    private final Map<String, List<ProducerBatch>> byTopic = new LinkedHashMap<>();
    private final Map<String, UUID> topicIds = new HashMap<>();
    private final boolean allTopicsHaveIds;
    /** The Produce versions the transaction protocol allows, or null for a producer without transactions. */
    private final VersionRange transactionVersions;

    ProduceCall(int nodeId, Endpoint endpoint, List<ProducerBatch> batches, short acks, int timeoutMs,
            String transactionalId, VersionRange transactionVersions, long sentMs, long sentNanos) {
        this.transactionVersions = transactionVersions;
        this.nodeId = nodeId;
        this.endpoint = endpoint;
        this.batches = batches;
        this.acks = acks;
        this.timeoutMs = timeoutMs;
        this.transactionalId = transactionalId;
        this.sentMs = sentMs;
        this.sentNanos = sentNanos;
        boolean ids = true;
        for (ProducerBatch b : batches) {
            String topic = b.partition.topic();
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(b);
            TopicRouting routing = b.queue.topic.routing;
            UUID id = routing == null ? null : routing.topicId();
            if (id == null) {
                ids = false;
            } else {
                topicIds.put(topic, id);
            }
        }
        this.allTopicsHaveIds = ids;
    }

    /** The request as the network layer builds it once the version is chosen. */
    RequestBuilder request() {
        if (transactionVersions != null) {
            // The transaction protocol in use bounds the version (the classic one stays below implicit enrolment).
            int max = allTopicsHaveIds ? transactionVersions.max()
                    : Math.min(transactionVersions.max(), Capability.PRODUCE_TOPIC_IDS.since() - 1);
            return RequestBuilder.of(ApiKey.PRODUCE, VersionRange.of(transactionVersions.min(), max), this::build);
        }
        if (allTopicsHaveIds) {
            return RequestBuilder.of(ApiKey.PRODUCE, this::build);
        }
        // Without an id for every topic, stay below the versions that name topics by id.
        Capability byId = Capability.PRODUCE_TOPIC_IDS;
        return RequestBuilder.of(ApiKey.PRODUCE, VersionRange.of(ApiKey.PRODUCE.lowestVersion(), byId.since() - 1),
                this::build);
    }

    private ProduceRequest build(short version) {
        boolean byId = Capability.PRODUCE_TOPIC_IDS.at(version);
        List<TopicProduceData> topics = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<ProducerBatch>> e : byTopic.entrySet()) {
            List<PartitionProduceData> partitions = new ArrayList<>(e.getValue().size());
            for (ProducerBatch b : e.getValue()) {
                partitions.add(PartitionProduceData.builder().index(b.partition.partition()).records(b.buffer())
                        .build());
            }
            TopicProduceData.Builder topic = TopicProduceData.builder().partitionData(partitions);
            if (byId) {
                topic.topicId(topicIds.get(e.getKey()));
            } else {
                topic.name(e.getKey());
            }
            topics.add(topic.build());
        }
        return ProduceRequest.builder().transactionalId(transactionalId).acks(acks).timeoutMs(timeoutMs)
                .topicData(topics).build();
    }

    /**
     * Each batch's answer in {@code response}, in the order of {@link #batches}; null where the response has none.
     */
    List<PartitionProduceResponse> answers(ProduceResponse response) {
        Map<String, TopicProduceResponse> byName = new HashMap<>();
        Map<UUID, TopicProduceResponse> byId = new HashMap<>();
        for (TopicProduceResponse t : response.responses()) {
            if (t.name() != null && !t.name().isEmpty()) {
                byName.put(t.name(), t);
            }
            if (t.topicId() != null) {
                byId.put(t.topicId(), t);
            }
        }
        List<PartitionProduceResponse> answers = new ArrayList<>(batches.size());
        for (ProducerBatch b : batches) {
            String topic = b.partition.topic();
            TopicProduceResponse t = byName.get(topic);
            if (t == null && topicIds.containsKey(topic)) {
                t = byId.get(topicIds.get(topic));
            }
            answers.add(t == null ? null : find(t, b.partition.partition()));
        }
        return answers;
    }

    private static PartitionProduceResponse find(TopicProduceResponse topic, int partition) {
        for (PartitionProduceResponse p : topic.partitionResponses()) {
            if (p.index() == partition) {
                return p;
            }
        }
        return null;
    }

    int recordCount() {
        int n = 0;
        for (ProducerBatch b : batches) {
            n += b.recordCount();
        }
        return n;
    }
}
