package io.brook.core.internal.metadata;

import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.brook.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.brook.protocol.message.MetadataResponse.MetadataResponseTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds Metadata responses for tests, tersely. */
final class MetadataResponses {
    private final List<MetadataResponseBroker> brokers = new ArrayList<>();
    private final List<MetadataResponseTopic> topics = new ArrayList<>();
    private String clusterId = "cluster-a";
    private int controllerId = -1;
    private Errors error = Errors.NONE;

    static MetadataResponses response() {
        return new MetadataResponses();
    }

    /** Brokers {@code ids}, at {@code broker<id>:9092}. */
    MetadataResponses brokers(int... ids) {
        for (int id : ids) {
            brokers.add(MetadataResponseBroker.builder().nodeId(id).host("broker" + id).port(9092).rack("rack-" + id)
                    .build());
        }
        return this;
    }

    MetadataResponses controller(int id) {
        this.controllerId = id;
        return this;
    }

    MetadataResponses clusterId(String id) {
        this.clusterId = id;
        return this;
    }

    MetadataResponses error(Errors error) {
        this.error = error;
        return this;
    }

    /** A topic whose partition {@code i} is led by {@code leaders[i]} at {@code epoch}, replicas = [leader]. */
    MetadataResponses topic(String name, UUID id, int epoch, int... leaders) {
        List<MetadataResponsePartition> partitions = new ArrayList<>();
        for (int i = 0; i < leaders.length; i++) {
            partitions.add(partition(i, leaders[i], epoch, Errors.NONE));
        }
        return topic(name, id, Errors.NONE, partitions);
    }

    MetadataResponses topic(String name, UUID id, Errors error, List<MetadataResponsePartition> partitions) {
        topics.add(MetadataResponseTopic.builder().name(name).topicId(id).errorCode(error.code())
                .isInternal(name.startsWith("__")).partitions(partitions).build());
        return this;
    }

    static MetadataResponsePartition partition(int index, int leader, int epoch, Errors error) {
        List<Integer> replicas = leader < 0 ? List.of(1) : List.of(leader);
        return MetadataResponsePartition.builder().partitionIndex(index).leaderId(leader).leaderEpoch(epoch)
                .errorCode(error.code()).replicaNodes(replicas).isrNodes(leader < 0 ? List.of() : replicas)
                .offlineReplicas(List.of()).build();
    }

    MetadataResponse build() {
        return MetadataResponse.builder().brokers(brokers).topics(topics).clusterId(clusterId)
                .controllerId(controllerId).errorCode(error.code()).build();
    }
}
