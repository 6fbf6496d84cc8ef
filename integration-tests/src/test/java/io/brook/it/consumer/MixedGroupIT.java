package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Brook and kafka-clients consumers in one group: whoever leads, the partitions are shared with each owned by
 * exactly one member, and every record is consumed once (the ConsumerProtocol formats and the assignors agree).
 */
class MixedGroupIT extends ConsumerItBase {
    @ParameterizedTest
    @CsvSource({"range, org.apache.kafka.clients.consumer.RangeAssignor",
        "cooperative-sticky, org.apache.kafka.clients.consumer.CooperativeStickyAssignor"})
    void brookAndKafkaMembersShareOneGroup(String brookAssignor, String kafkaAssignor) throws Exception {
        String topic = "mixed-" + UUID.randomUUID();
        String group = "mixed-" + UUID.randomUUID();
        kafka.createTopic(topic, 6, 1);
        ConcurrentLinkedQueue<GroupWorker.Consumed> log = new ConcurrentLinkedQueue<>();
        Map<String, Object> brookConfig = groupConfig(cluster.bootstrapServers(), group);
        brookConfig.put("partition.assignment.strategy", brookAssignor);
        List<AutoCloseable> members = new ArrayList<>();
        List<Supplier<Set<TopicPartition>>> owned = new ArrayList<>();
        try {
            // Alternate who joins first, so that both kinds lead a generation.
            KafkaWorker k0 = new KafkaWorker("kafka-0", cluster.bootstrapServers(), group, kafkaAssignor, topic, log);
            members.add(k0);
            owned.add(k0::owned);
            GroupWorker b0 = new GroupWorker("brook-0", brookConfig, List.of(topic), log);
            members.add(b0);
            owned.add(b0::owned);
            KafkaWorker k1 = new KafkaWorker("kafka-1", cluster.bootstrapServers(), group, kafkaAssignor, topic, log);
            members.add(k1);
            owned.add(k1::owned);
            GroupWorker b1 = new GroupWorker("brook-1", brookConfig, List.of(topic), log);
            members.add(b1);
            owned.add(b1::owned);
            ConsumerGroupIT.awaitTrue(() -> sharedOnce(owned, 6) && owned.stream().allMatch(o -> o.get().size() >= 1),
                    90, "six partitions shared by four members, each owned once");
            kafka.produce(topic, 6, 300, "none");
            ConsumerGroupIT.awaitTrue(() -> log.size() >= 1_800, 60, "1800 records consumed");
            Thread.sleep(500);
            Map<TopicPartition, List<Long>> consumed = GroupWorker.byPartition(log);
            for (int p = 0; p < 6; p++) {
                assertThat(consumed.get(new TopicPartition(topic, p))).as("partition %d", p)
                        .containsExactlyElementsOf(ConsumerGroupIT.range(300));
            }
            Set<String> consumers = new HashSet<>();
            log.forEach(c -> consumers.add(c.member().substring(0, 5)));
            assertThat(consumers).containsExactlyInAnyOrder("kafka", "brook");
            ConsumerGroupIT.awaitTrue(() -> {
                try {
                    return kafka.committed(group).equals(kafka.endOffsets(topic, 6));
                } catch (Exception e) {
                    return false;
                }
            }, 30, "committed offsets at the end of the log");
            // The first kafka-clients member (the leader so far) leaves: a Brook member, next in join order, leads
            // the remaining mixed group, and the kafka-clients follower reads its assignment.
            members.remove(k0);
            owned.remove(0);
            k0.close();
            ConsumerGroupIT.awaitTrue(() -> sharedOnce(owned, 6), 60, "three members share the six partitions");
            kafka.produce(topic, 6, 100, "none");
            ConsumerGroupIT.awaitTrue(() -> GroupWorker.byPartition(log).values().stream()
                    .allMatch(l -> new HashSet<>(l).size() == 400), 60, "every record of the second batch consumed");
            assertThat(b0.failure()).isNull();
            assertThat(b1.failure()).isNull();
            assertThat(k0.failure()).isNull();
            assertThat(log).filteredOn(c -> c.member().equals("kafka-1")).isNotEmpty();
            assertThat(k1.failure()).isNull();
        } finally {
            for (AutoCloseable m : members) {
                m.close();
            }
        }
    }

    private static boolean sharedOnce(List<Supplier<Set<TopicPartition>>> owned, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        owned.forEach(o -> all.addAll(o.get()));
        return all.size() == partitions && new HashSet<>(all).size() == partitions;
    }
}
