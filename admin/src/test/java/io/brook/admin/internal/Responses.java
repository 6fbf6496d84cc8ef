package io.brook.admin.internal;

import io.brook.protocol.Errors;
import io.brook.protocol.message.CreateTopicsResponse;
import io.brook.protocol.message.DeleteTopicsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds the broker responses handler tests script. */
final class Responses {
    static final int[] THREE_BROKERS = {1, 2, 3};

    private Responses() {}

    static CreateTopicsResponse.CreatableTopicResult created(String name, int partitions) {
        return CreateTopicsResponse.CreatableTopicResult.builder().name(name).topicId(UUID.randomUUID())
                .errorCode(Errors.NONE.code()).numPartitions(partitions).replicationFactor((short) 1).build();
    }

    static CreateTopicsResponse.CreatableTopicResult createFailed(String name, Errors error, String message) {
        return CreateTopicsResponse.CreatableTopicResult.builder().name(name).errorCode(error.code())
                .errorMessage(message).build();
    }

    static CreateTopicsResponse createResponse(CreateTopicsResponse.CreatableTopicResult... results) {
        return CreateTopicsResponse.builder().topics(List.of(results)).build();
    }

    static DeleteTopicsResponse.DeletableTopicResult deleted(String name, UUID id) {
        return DeleteTopicsResponse.DeletableTopicResult.builder().name(name).topicId(id)
                .errorCode(Errors.NONE.code()).build();
    }

    static DeleteTopicsResponse.DeletableTopicResult deleteFailed(String name, Errors error) {
        return DeleteTopicsResponse.DeletableTopicResult.builder().name(name).errorCode(error.code()).build();
    }

    static DeleteTopicsResponse deleteResponse(DeleteTopicsResponse.DeletableTopicResult... results) {
        return DeleteTopicsResponse.builder().responses(List.of(results)).build();
    }

    static List<MetadataResponse.MetadataResponseBroker> brokers(int... ids) {
        List<MetadataResponse.MetadataResponseBroker> brokers = new ArrayList<>();
        for (int id : ids) {
            brokers.add(MetadataResponse.MetadataResponseBroker.builder().nodeId(id).host("broker" + id)
                    .port(9092).build());
        }
        return brokers;
    }

    /** A topic whose partitions are led by {@code leader} (-1: none), each replicated on {@code replicas}. */
    static MetadataResponse.MetadataResponseTopic topic(String name, UUID id, int partitions, int leader,
            List<Integer> replicas) {
        List<MetadataResponse.MetadataResponsePartition> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(MetadataResponse.MetadataResponsePartition.builder().partitionIndex(p).leaderId(leader)
                    .replicaNodes(replicas).isrNodes(leader >= 0 ? replicas : List.of()).build());
        }
        return MetadataResponse.MetadataResponseTopic.builder().name(name).topicId(id)
                .errorCode(Errors.NONE.code()).partitions(parts).build();
    }

    static MetadataResponse.MetadataResponseTopic topic(String name, int partitions) {
        return topic(name, UUID.randomUUID(), partitions, 1, List.of(1));
    }

    static MetadataResponse.MetadataResponseTopic topicError(String name, Errors error) {
        return MetadataResponse.MetadataResponseTopic.builder().name(name).errorCode(error.code()).build();
    }

    static MetadataResponse metadata(int[] brokerIds, MetadataResponse.MetadataResponseTopic... topics) {
        return MetadataResponse.builder().brokers(brokers(brokerIds)).clusterId("cluster-1").controllerId(1)
                .topics(List.of(topics)).build();
    }
}
