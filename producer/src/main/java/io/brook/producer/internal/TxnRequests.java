package io.brook.producer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.AddOffsetsToTxnRequest;
import io.brook.protocol.message.AddPartitionsToTxnRequest;
import io.brook.protocol.message.AddPartitionsToTxnRequest.AddPartitionsToTxnTopic;
import io.brook.protocol.message.EndTxnRequest;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.TxnOffsetCommitRequest;
import io.brook.protocol.message.TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition;
import io.brook.protocol.message.TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The requests of a transactional producer, built for the {@link TransactionProtocol} in use. Stateless. */
final class TxnRequests {
    private TxnRequests() {}

    /**
     * InitProducerId for {@code transactionalId}: a new epoch for the id (fencing older instances), or, with
     * {@code producerId >= 0}, the bump of that producer's epoch after an abort that left sequences unresolved.
     */
    static RequestBuilder initProducerId(String transactionalId, int transactionTimeoutMs, long producerId,
            short epoch) {
        return RequestBuilder.of(ApiKey.INIT_PRODUCER_ID, version -> {
            InitProducerIdRequest.Builder b = InitProducerIdRequest.builder().transactionalId(transactionalId)
                    .transactionTimeoutMs(transactionTimeoutMs);
            if (Capability.INIT_PRODUCER_ID_EPOCH_BUMP.at(version)) {
                b.producerId(producerId).producerEpoch(epoch);
            }
            return b.build();
        });
    }

    static RequestBuilder addPartitions(TransactionProtocol protocol, String transactionalId, long producerId,
            short epoch, Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<AddPartitionsToTxnTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((t, ps) -> topics.add(AddPartitionsToTxnTopic.builder().name(t).partitions(ps).build()));
        return RequestBuilder.of(AddPartitionsToTxnRequest.builder().v3AndBelowTransactionalId(transactionalId)
                .v3AndBelowProducerId(producerId).v3AndBelowProducerEpoch(epoch).v3AndBelowTopics(topics).build(),
                protocol.addPartitionsVersions());
    }

    static RequestBuilder addOffsets(String transactionalId, long producerId, short epoch, String groupId) {
        return RequestBuilder.of(AddOffsetsToTxnRequest.builder().transactionalId(transactionalId)
                .producerId(producerId).producerEpoch(epoch).groupId(groupId).build());
    }

    static RequestBuilder txnOffsetCommit(TransactionProtocol protocol, String transactionalId, long producerId,
            short epoch, ConsumerGroupMetadata group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<String, List<TxnOffsetCommitRequestPartition>> byTopic = new TreeMap<>();
        offsets.forEach((tp, om) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(TxnOffsetCommitRequestPartition.builder().partitionIndex(tp.partition())
                        .committedOffset(om.offset()).committedMetadata(om.metadata() == null ? "" : om.metadata())
                        .build()));
        List<TxnOffsetCommitRequestTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((t, ps) -> topics.add(TxnOffsetCommitRequestTopic.builder().name(t).partitions(ps).build()));
        return RequestBuilder.of(ApiKey.TXN_OFFSET_COMMIT, protocol.txnOffsetCommitVersions(), version -> {
            TxnOffsetCommitRequest.Builder b = TxnOffsetCommitRequest.builder().transactionalId(transactionalId)
                    .groupId(group.groupId()).producerId(producerId).producerEpoch(epoch).topics(topics);
            if (Capability.TXN_OFFSET_COMMIT_GROUP_MEMBER.at(version)) {
                // KIP-447: the coordinator refuses the offsets of a member from an older generation.
                b.generationId(group.generationId()).memberId(group.memberId())
                        .groupInstanceId(group.groupInstanceId().orElse(null));
            }
            return b.build();
        });
    }

    static RequestBuilder endTxn(TransactionProtocol protocol, String transactionalId, long producerId, short epoch,
            boolean commit) {
        return RequestBuilder.of(EndTxnRequest.builder().transactionalId(transactionalId).producerId(producerId)
                .producerEpoch(epoch).committed(commit).build(), protocol.endTxnVersions());
    }
}
