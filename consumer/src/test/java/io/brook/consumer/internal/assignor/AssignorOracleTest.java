package io.brook.consumer.internal.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.junit.jupiter.api.Test;

/** Brook's assignors against kafka-clients' on the same groups: identical results, or as balanced and sticky. */
class AssignorOracleTest {
    private static final int SCENARIOS = 300;

    @Test
    void rangeMatchesKafkaOnRandomGroups() {
        Random random = new Random(7);
        for (int i = 0; i < SCENARIOS; i++) {
            Scenario s = Scenario.random(random);
            assertThat(sets(new RangeAssignor().assign(s.partitions, s.members)))
                    .as("scenario %d: %s", i, s)
                    .isEqualTo(KafkaOracle.assign(new org.apache.kafka.clients.consumer.RangeAssignor(), s.partitions,
                            s.members));
        }
    }

    @Test
    void roundRobinMatchesKafkaOnRandomGroups() {
        Random random = new Random(11);
        for (int i = 0; i < SCENARIOS; i++) {
            Scenario s = Scenario.random(random);
            assertThat(sets(new RoundRobinAssignor().assign(s.partitions, s.members)))
                    .as("scenario %d: %s", i, s)
                    .isEqualTo(KafkaOracle.assign(new org.apache.kafka.clients.consumer.RoundRobinAssignor(),
                            s.partitions, s.members));
        }
    }

    @Test
    void cooperativeStickyIsAsBalancedAndAsStickyAsKafkaThroughMembershipChanges() {
        Random random = new Random(13);
        for (int run = 0; run < 40; run++) {
            Map<String, Integer> partitions = Map.of("a", 1 + random.nextInt(8), "b", 1 + random.nextInt(8));
            boolean sameTopics = run % 2 == 0;
            Map<String, List<String>> group = new TreeMap<>();
            Map<String, Set<TopicPartition>> brookOwned = new HashMap<>();
            Map<String, Set<TopicPartition>> kafkaOwned = new HashMap<>();
            for (int generation = 1; generation <= 8; generation++) {
                changeMembership(random, group, sameTopics, generation);
                brookOwned.keySet().retainAll(group.keySet());
                kafkaOwned.keySet().retainAll(group.keySet());
                // Each rebalance may need a follow-up round to hand out withheld partitions.
                for (int round = 0; round < 2; round++) {
                    int g = generation * 10 + round;
                    Map<String, Set<TopicPartition>> brook = sets(new CooperativeStickyAssignor().assign(partitions,
                            members(group, brookOwned, g - 1)));
                    Map<String, Set<TopicPartition>> kafka = KafkaOracle.assign(
                            new org.apache.kafka.clients.consumer.CooperativeStickyAssignor(), partitions,
                            members(group, kafkaOwned, g - 1));
                    assertNoHandOverWithoutRevoke(brookOwned, brook);
                    assertThat(moved(brookOwned, brook)).as("run %d gen %d: moved", run, g)
                            .isLessThanOrEqualTo(moved(kafkaOwned, kafka));
                    brookOwned = brook;
                    kafkaOwned = kafka;
                }
                assertValid(partitions, group, brookOwned, true);
                if (sameTopics) {
                    assertThat(spread(brookOwned)).as("run %d gen %d", run, generation)
                            .isLessThanOrEqualTo(Math.max(1, spread(kafkaOwned)));
                }
            }
        }
    }

    @Test
    void eagerStickyKeepsPreviousAssignmentsAsKafkaDoes() {
        Random random = new Random(17);
        for (int run = 0; run < 40; run++) {
            Map<String, Integer> partitions = Map.of("a", 1 + random.nextInt(10), "b", 1 + random.nextInt(6));
            Map<String, List<String>> group = new TreeMap<>();
            Map<String, StickyAssignor> brookMembers = new HashMap<>();
            Map<String, org.apache.kafka.clients.consumer.StickyAssignor> kafkaMembers = new HashMap<>();
            Map<String, Set<TopicPartition>> brookPrevious = new HashMap<>();
            Map<String, Set<TopicPartition>> kafkaPrevious = new HashMap<>();
            for (int generation = 1; generation <= 6; generation++) {
                changeMembership(random, group, true, generation);
                List<GroupMember> brookSubs = new ArrayList<>();
                List<GroupMember> kafkaSubs = new ArrayList<>();
                for (Map.Entry<String, List<String>> e : group.entrySet()) {
                    StickyAssignor b = brookMembers.computeIfAbsent(e.getKey(), k -> new StickyAssignor());
                    var k = kafkaMembers.computeIfAbsent(e.getKey(),
                            x -> new org.apache.kafka.clients.consumer.StickyAssignor());
                    brookSubs.add(new GroupMember(e.getKey(), Optional.empty(), new ConsumerProtocol.Subscription(
                            e.getValue(), b.subscriptionUserData(Set.copyOf(e.getValue())), List.of(), -1,
                            Optional.empty())));
                    ByteBuffer kafkaData = k.subscriptionUserData(Set.copyOf(e.getValue()));
                    kafkaSubs.add(new GroupMember(e.getKey(), Optional.empty(), new ConsumerProtocol.Subscription(
                            e.getValue(), kafkaData == null ? null : bytes(kafkaData), List.of(), -1,
                            Optional.empty())));
                }
                brookPrevious.keySet().retainAll(group.keySet());
                kafkaPrevious.keySet().retainAll(group.keySet());
                Map<String, Set<TopicPartition>> brook = sets(new StickyAssignor().assign(partitions, brookSubs));
                Map<String, Set<TopicPartition>> kafka = KafkaOracle.assign(
                        new org.apache.kafka.clients.consumer.StickyAssignor(), partitions, kafkaSubs);
                assertValid(partitions, group, brook, false);
                assertThat(spread(brook)).isLessThanOrEqualTo(spread(kafka));
                assertThat(moved(brookPrevious, brook)).as("run %d gen %d", run, generation)
                        .isLessThanOrEqualTo(moved(kafkaPrevious, kafka));
                int g = generation;
                brook.forEach((m, tps) -> brookMembers.get(m).onAssignment(List.copyOf(tps), g));
                kafka.forEach((m, tps) -> kafkaMembers.get(m).onAssignment(
                        new ConsumerPartitionAssignor.Assignment(tps.stream().map(tp ->
                                new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition())).toList()),
                        new ConsumerGroupMetadata("g", g, m, Optional.empty())));
                brookPrevious = brook;
                kafkaPrevious = kafka;
            }
        }
    }

    @Test
    void stickyUserDataIsReadTheSameByBothClients() {
        var kafka = new org.apache.kafka.clients.consumer.StickyAssignor();
        List<org.apache.kafka.common.TopicPartition> owned = List.of(
                new org.apache.kafka.common.TopicPartition("a", 2), new org.apache.kafka.common.TopicPartition("b", 0),
                new org.apache.kafka.common.TopicPartition("a", 0));
        kafka.onAssignment(new ConsumerPartitionAssignor.Assignment(owned),
                new ConsumerGroupMetadata("g", 42, "m", Optional.empty()));
        StickyUserData.Decoded decoded = StickyUserData.decode(bytes(kafka.subscriptionUserData(Set.of("a", "b"))));
        assertThat(new HashSet<>(decoded.partitions())).containsExactlyInAnyOrder(new TopicPartition("a", 2),
                new TopicPartition("b", 0), new TopicPartition("a", 0));
        assertThat(decoded.generation()).hasValue(42);

        // Brook's encoding of a stable assignment: kafka's leader keeps it as it is.
        StickyAssignor x = new StickyAssignor();
        StickyAssignor y = new StickyAssignor();
        x.onAssignment(List.of(new TopicPartition("a", 0), new TopicPartition("a", 3)), 5);
        y.onAssignment(List.of(new TopicPartition("a", 1), new TopicPartition("a", 2)), 5);
        List<GroupMember> members = List.of(
                new GroupMember("x", Optional.empty(), new ConsumerProtocol.Subscription(List.of("a"),
                        x.subscriptionUserData(Set.of("a")), List.of(), -1, Optional.empty())),
                new GroupMember("y", Optional.empty(), new ConsumerProtocol.Subscription(List.of("a"),
                        y.subscriptionUserData(Set.of("a")), List.of(), -1, Optional.empty())));
        Map<String, Set<TopicPartition>> byKafka = KafkaOracle.assign(
                new org.apache.kafka.clients.consumer.StickyAssignor(), Map.of("a", 4), members);
        assertThat(byKafka.get("x")).containsExactlyInAnyOrder(new TopicPartition("a", 0), new TopicPartition("a", 3));
        assertThat(byKafka.get("y")).containsExactlyInAnyOrder(new TopicPartition("a", 1), new TopicPartition("a", 2));
    }

    @Test
    void cooperativeUserDataIsTheGenerationAsKafkaWritesIt() {
        var kafka = new org.apache.kafka.clients.consumer.CooperativeStickyAssignor();
        kafka.onAssignment(new ConsumerPartitionAssignor.Assignment(List.of()),
                new ConsumerGroupMetadata("g", 9, "m", Optional.empty()));
        CooperativeStickyAssignor brook = new CooperativeStickyAssignor();
        brook.onAssignment(List.of(), 9);
        assertThat(brook.subscriptionUserData(Set.of("a"))).isEqualTo(bytes(kafka.subscriptionUserData(Set.of("a"))));
        assertThat(new CooperativeStickyAssignor().subscriptionUserData(Set.of("a"))).isEqualTo(bytes(
                new org.apache.kafka.clients.consumer.CooperativeStickyAssignor().subscriptionUserData(Set.of("a"))));
    }

    // ---------------------------------------------------------------- helpers

    private static void changeMembership(Random random, Map<String, List<String>> group, boolean sameTopics,
            int generation) {
        if (group.size() > 1 && random.nextInt(3) == 0) {
            List<String> ids = new ArrayList<>(group.keySet());
            group.remove(ids.get(random.nextInt(ids.size())));
        }
        int joining = group.isEmpty() ? 1 + random.nextInt(3) : random.nextInt(3);
        for (int i = 0; i < joining; i++) {
            List<String> topics = sameTopics ? List.of("a", "b")
                    : random.nextBoolean() ? List.of("a", "b") : List.of(random.nextBoolean() ? "a" : "b");
            group.put("m" + generation + "-" + i, topics);
        }
    }

    private static List<GroupMember> members(Map<String, List<String>> group, Map<String, Set<TopicPartition>> owned,
            int generation) {
        List<GroupMember> out = new ArrayList<>();
        group.forEach((id, topics) -> out.add(new GroupMember(id, Optional.empty(), new ConsumerProtocol.Subscription(
                topics, ByteBuffer.allocate(4).putInt(generation).array(),
                List.copyOf(owned.getOrDefault(id, Set.of())), generation, Optional.empty()))));
        return out;
    }

    /** A partition moving from one member to another must be revoked first: never owned by two at once. */
    private static void assertNoHandOverWithoutRevoke(Map<String, Set<TopicPartition>> before,
            Map<String, Set<TopicPartition>> after) {
        Map<TopicPartition, String> owner = new HashMap<>();
        before.forEach((m, tps) -> tps.forEach(tp -> owner.put(tp, m)));
        after.forEach((m, tps) -> tps.forEach(tp -> {
            String previous = owner.get(tp);
            assertThat(previous == null || previous.equals(m)).as("%s handed from %s to %s", tp, previous, m)
                    .isTrue();
        }));
    }

    private static void assertValid(Map<String, Integer> partitions, Map<String, List<String>> group,
            Map<String, Set<TopicPartition>> assignment, boolean complete) {
        Set<TopicPartition> seen = new HashSet<>();
        assignment.forEach((m, tps) -> tps.forEach(tp -> {
            assertThat(seen.add(tp)).as("%s assigned twice", tp).isTrue();
            assertThat(group.get(m)).as("%s not subscribed to %s", m, tp.topic()).contains(tp.topic());
        }));
        if (complete) {
            int expected = 0;
            Set<String> subscribed = new HashSet<>();
            group.values().forEach(subscribed::addAll);
            for (String t : subscribed) {
                expected += partitions.get(t);
            }
            assertThat(seen).hasSize(expected);
        }
    }

    private static int moved(Map<String, Set<TopicPartition>> before, Map<String, Set<TopicPartition>> after) {
        int moved = 0;
        for (Map.Entry<String, Set<TopicPartition>> e : before.entrySet()) {
            Set<TopicPartition> now = after.getOrDefault(e.getKey(), Set.of());
            for (TopicPartition tp : e.getValue()) {
                if (!now.contains(tp) && after.values().stream().anyMatch(s -> s.contains(tp))) {
                    moved++;
                }
            }
        }
        return moved;
    }

    private static int spread(Map<String, Set<TopicPartition>> assignment) {
        int min = assignment.values().stream().mapToInt(Set::size).min().orElse(0);
        int max = assignment.values().stream().mapToInt(Set::size).max().orElse(0);
        return max - min;
    }

    private static Map<String, Set<TopicPartition>> sets(Map<String, ConsumerProtocol.Assignment> assignment) {
        Map<String, Set<TopicPartition>> out = new HashMap<>();
        assignment.forEach((m, a) -> out.put(m, new HashSet<>(a.partitions())));
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer dup = buffer.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }

    /** A random group: 1-4 topics of 1-10 partitions, 1-6 members with random subscriptions, some static. */
    private record Scenario(Map<String, Integer> partitions, List<GroupMember> members) {
        static Scenario random(Random random) {
            Map<String, Integer> partitions = new LinkedHashMap<>();
            int topics = 1 + random.nextInt(4);
            for (int t = 0; t < topics; t++) {
                partitions.put("topic-" + (char) ('a' + t), 1 + random.nextInt(10));
            }
            List<String> names = new ArrayList<>(partitions.keySet());
            List<GroupMember> members = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int m = 0; m < count; m++) {
                List<String> subscribed = new ArrayList<>();
                for (String n : names) {
                    if (random.nextInt(3) > 0) {
                        subscribed.add(n);
                    }
                }
                if (subscribed.isEmpty()) {
                    subscribed.add(names.get(0));
                }
                Optional<String> instance = random.nextInt(3) == 0
                        ? Optional.of("instance-" + random.nextInt(100)) : Optional.empty();
                String id = "member-" + Integer.toHexString(random.nextInt());
                members.add(KafkaOracle.member(id, instance, subscribed));
            }
            // Instance ids are unique in a group.
            Set<String> instances = new HashSet<>();
            members.replaceAll(m -> m.groupInstanceId().isPresent() && !instances.add(m.groupInstanceId().get())
                    ? new GroupMember(m.memberId(), Optional.empty(), m.subscription()) : m);
            return new Scenario(partitions, members);
        }
    }
}
