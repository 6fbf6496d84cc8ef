package io.brook.benchmarks;

import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataResponseData;

/**
 * The same MetadataResponse built with each client's generated classes: a 6-broker cluster (hosts, ports, racks)
 * with {@value #TOPICS} topics of {@value #PARTITIONS} partitions, each replicated 3 times and fully in sync: what
 * a client sees when it asks a mid-sized cluster for all topics. Stateless.
 */
final class MetadataFixture {
    static final int BROKERS = 6;
    static final int TOPICS = 50;
    static final int PARTITIONS = 12;
    static final int REPLICAS = 3;
    static final String CLUSTER_ID = "hX3kT0bdQZ6vUuJ1rP9mWg";

    private MetadataFixture() {}

    static MetadataResponse brook() {
        List<MetadataResponse.MetadataResponseBroker> brokers = new ArrayList<>();
        for (int b = 0; b < BROKERS; b++) {
            brokers.add(MetadataResponse.MetadataResponseBroker.builder()
                    .nodeId(b).host(host(b)).port(9092).rack(rack(b)).build());
        }
        List<MetadataResponse.MetadataResponseTopic> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            List<MetadataResponse.MetadataResponsePartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(MetadataResponse.MetadataResponsePartition.builder()
                        .partitionIndex(p).leaderId(leader(t, p)).leaderEpoch(leaderEpoch(t, p))
                        .replicaNodes(replicas(t, p)).isrNodes(replicas(t, p)).offlineReplicas(List.of())
                        .build());
            }
            topics.add(MetadataResponse.MetadataResponseTopic.builder()
                    .name(topicName(t)).topicId(topicId(t)).isInternal(false).partitions(partitions).build());
        }
        return MetadataResponse.builder()
                .throttleTimeMs(0).brokers(brokers).clusterId(CLUSTER_ID).controllerId(1).topics(topics).build();
    }

    static MetadataResponseData kafka() {
        MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
        for (int b = 0; b < BROKERS; b++) {
            brokers.add(new MetadataResponseData.MetadataResponseBroker()
                    .setNodeId(b).setHost(host(b)).setPort(9092).setRack(rack(b)));
        }
        MetadataResponseData.MetadataResponseTopicCollection topics =
                new MetadataResponseData.MetadataResponseTopicCollection();
        for (int t = 0; t < TOPICS; t++) {
            List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new MetadataResponseData.MetadataResponsePartition()
                        .setPartitionIndex(p).setLeaderId(leader(t, p)).setLeaderEpoch(leaderEpoch(t, p))
                        .setReplicaNodes(replicas(t, p)).setIsrNodes(replicas(t, p)).setOfflineReplicas(List.of()));
            }
            UUID id = topicId(t);
            topics.add(new MetadataResponseData.MetadataResponseTopic()
                    .setName(topicName(t)).setTopicId(new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits()))
                    .setIsInternal(false).setPartitions(partitions));
        }
        return new MetadataResponseData()
                .setThrottleTimeMs(0).setBrokers(brokers).setClusterId(CLUSTER_ID).setControllerId(1).setTopics(topics);
    }

    private static String host(int broker) {
        return "broker-" + broker + ".kafka.prod.example.internal";
    }

    private static String rack(int broker) {
        return "eu-west-1" + (char) ('a' + broker % 3);
    }

    private static String topicName(int topic) {
        return "payments.service-" + topic + ".events";
    }

    private static UUID topicId(int topic) {
        return new UUID(0x5a17_0000_0000_0000L + topic * 7919L, 0x8c3e_0000_0000_0000L ^ (topic * 104_729L));
    }

    private static int leader(int topic, int partition) {
        return (topic + partition) % BROKERS;
    }

    private static int leaderEpoch(int topic, int partition) {
        return (topic * 31 + partition) % 17;
    }

    private static List<Integer> replicas(int topic, int partition) {
        List<Integer> replicas = new ArrayList<>(REPLICAS);
        for (int r = 0; r < REPLICAS; r++) {
            replicas.add((leader(topic, partition) + r) % BROKERS);
        }
        return replicas;
    }
}
