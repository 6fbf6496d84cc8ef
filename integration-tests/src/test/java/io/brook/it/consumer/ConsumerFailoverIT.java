package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.ClusterSize;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Brook group consumes a replicated topic on the 3-node cluster while the broker that coordinates the group (and
 * leads some partitions) is killed: the members find the new coordinator and the new leaders, and every record the
 * producer wrote is delivered; none is skipped.
 */
@ExtendWith(KafkaClusterExtension.class)
@ClusterSize(3)
class ConsumerFailoverIT {
    private static final int PARTITIONS = 6;

    @Test
    void everyRecordIsDeliveredWhenTheCoordinatorBrokerIsKilled(KafkaCluster cluster) throws Exception {
        String topic = "failover-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        ConcurrentLinkedQueue<GroupWorker.Consumed> log = new ConcurrentLinkedQueue<>();
        Map<TopicPartition, Set<Long>> written = new ConcurrentHashMap<>();
        List<GroupWorker> workers = new ArrayList<>();
        try (KafkaSide kafka = new KafkaSide(cluster.bootstrapServers())) {
            kafka.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(60, TimeUnit.SECONDS);
            Map<String, Object> config = ConsumerItBase.groupConfig(cluster.bootstrapServers(), group);
            config.put("request.timeout.ms", 5_000);
            workers.add(new GroupWorker("a", config, List.of(topic), log));
            workers.add(new GroupWorker("b", config, List.of(topic), log));
            ConsumerGroupIT.awaitTrue(() -> ConsumerGroupIT.exactlyOnce(workers, PARTITIONS), 90,
                    "both members own three partitions");

            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread producer = new Thread(() -> produce(cluster, topic, producing, sent, written), "failover-producer");
            producer.start();
            ConsumerGroupIT.awaitTrue(() -> sent.get() >= 3_000, 60, "3000 records written before the kill");

            int coordinator = kafka.admin().describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS)
                    .get(group).coordinator().id();
            cluster.kill(coordinator);
            ConsumerGroupIT.awaitTrue(() -> sent.get() >= 9_000, 120, "9000 records written after the kill");
            producing.set(false);
            producer.join(TimeUnit.SECONDS.toMillis(60));

            ConsumerGroupIT.awaitTrue(() -> allDelivered(written, log), 120, "every written record consumed");
            for (GroupWorker w : workers) {
                assertThat(w.failure()).as("member %s", w.name()).isNull();
            }
        } finally {
            for (GroupWorker w : workers) {
                w.close();
            }
        }
    }

    private static boolean allDelivered(Map<TopicPartition, Set<Long>> written,
            ConcurrentLinkedQueue<GroupWorker.Consumed> log) {
        Map<TopicPartition, Set<Long>> consumed = new HashMap<>();
        for (GroupWorker.Consumed c : log) {
            consumed.computeIfAbsent(c.partition(), tp -> new HashSet<>()).add(c.offset());
        }
        for (Map.Entry<TopicPartition, Set<Long>> e : written.entrySet()) {
            if (!consumed.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void produce(KafkaCluster cluster, String topic, AtomicBoolean producing, AtomicInteger sent,
            Map<TopicPartition, Set<Long>> written) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int i = 0;
            while (producing.get()) {
                int partition = i % PARTITIONS;
                producer.send(new ProducerRecord<>(topic, partition, null, KafkaSide.value(partition, i)),
                        (metadata, error) -> {
                            if (error == null) {
                                written.computeIfAbsent(new TopicPartition(topic, metadata.partition()),
                                        tp -> ConcurrentHashMap.newKeySet()).add(metadata.offset());
                                sent.incrementAndGet();
                            }
                        });
                i++;
                if (i % 100 == 0) {
                    Thread.sleep(20);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
