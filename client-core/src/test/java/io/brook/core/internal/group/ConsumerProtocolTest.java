package io.brook.core.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import io.brook.core.internal.group.ConsumerProtocol.Subscription;
import io.brook.protocol.wire.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both embedded formats checked both ways against kafka-clients' ConsumerProtocol at every version. */
class ConsumerProtocolTest {
    /** Brook's constant (the simple name ConsumerProtocol is kafka-clients' oracle in this file). */
    private static final int NO_GENERATION = io.brook.core.internal.group.ConsumerProtocol.NO_GENERATION;
    private static final byte[] USER_DATA = "sticky-state".getBytes(StandardCharsets.UTF_8);

    static Stream<Short> versions() {
        return IntStream.rangeClosed(0, 3).mapToObj(v -> (short) v);
    }

    // ---------------------------------------------------------------- subscription

    /** Unsorted topics and owned partitions: both clients must sort them the same way. */
    private static Subscription brookSubscription(byte[] userData, Optional<String> rack) {
        return new Subscription(List.of("orders", "audit", "payments"), userData,
                List.of(tp("payments", 2), tp("audit", 5), tp("payments", 0), tp("audit", 1)), 17, rack);
    }

    private static ConsumerPartitionAssignor.Subscription kafkaSubscription(byte[] userData, Optional<String> rack) {
        return new ConsumerPartitionAssignor.Subscription(List.of("orders", "audit", "payments"),
                userData == null ? null : ByteBuffer.wrap(userData),
                List.of(ktp("payments", 2), ktp("audit", 5), ktp("payments", 0), ktp("audit", 1)), 17, rack);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void subscriptionBytesMatchKafkaAtEveryVersion(short version) {
        for (byte[] userData : new byte[][] {USER_DATA, null, new byte[0]}) {
            for (Optional<String> rack : List.of(Optional.of("rack-a"), Optional.<String>empty())) {
                byte[] brook = brookSubscription(userData, rack).toBytes(version);
                byte[] kafka = bytes(ConsumerProtocol.serializeSubscription(kafkaSubscription(userData, rack),
                        version));
                assertThat(brook).as("v%d userData=%s rack=%s", version, userData == null ? null
                        : userData.length, rack).isEqualTo(kafka);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void readsWhatKafkaWritesAtEveryVersion(short version) {
        byte[] kafka = bytes(ConsumerProtocol.serializeSubscription(kafkaSubscription(USER_DATA,
                Optional.of("rack-a")), version));

        Subscription read = Subscription.read(kafka);

        assertThat(read.topics()).containsExactly("audit", "orders", "payments");
        assertThat(read.userData()).isEqualTo(USER_DATA);
        assertThat(read.ownedPartitions()).containsExactlyElementsOf(version >= 1
                ? List.of(tp("audit", 1), tp("audit", 5), tp("payments", 0), tp("payments", 2)) : List.of());
        assertThat(read.generationId()).isEqualTo(version >= 2 ? 17 : NO_GENERATION);
        assertThat(read.rackId()).isEqualTo(version >= 3 ? Optional.of("rack-a") : Optional.empty());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void kafkaReadsWhatBrookWritesAtEveryVersion(short version) {
        byte[] brook = brookSubscription(USER_DATA, Optional.of("rack-a")).toBytes(version);

        ConsumerPartitionAssignor.Subscription read = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(brook));

        assertThat(read.topics()).containsExactly("audit", "orders", "payments");
        assertThat(bytes(read.userData())).isEqualTo(USER_DATA);
        assertThat(read.ownedPartitions()).containsExactlyElementsOf(version >= 1
                ? List.of(ktp("audit", 1), ktp("audit", 5), ktp("payments", 0), ktp("payments", 2)) : List.of());
        assertThat(read.generationId()).isEqualTo(version >= 2 ? Optional.of(17) : Optional.empty());
        assertThat(read.rackId()).isEqualTo(version >= 3 ? Optional.of("rack-a") : Optional.empty());
    }

    @Test
    void subscriptionOfALaterVersionReadsAsTheHighestKnown() {
        byte[] v3 = brookSubscription(USER_DATA, Optional.of("rack-a")).toBytes((short) 3);
        byte[] v7 = laterVersion(v3, (short) 7, new byte[] {0, 0, 0, 42, 1});

        Subscription brook = Subscription.read(v7);
        ConsumerPartitionAssignor.Subscription kafka = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(v7));

        assertThat(brook).isEqualTo(Subscription.read(v3));
        assertThat(brook.rackId()).contains("rack-a");
        assertThat(kafka.topics()).isEqualTo(brook.topics());
        assertThat(kafka.rackId()).isEqualTo(brook.rackId());
        assertThat(kafka.generationId()).contains(brook.generationId());
    }

    @Test
    void generationDefaultsAndMinimalSubscriptionMatchKafka() {
        Subscription minimal = new Subscription(List.of("t"));
        byte[] kafka = bytes(ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of("t")), (short) 3));

        assertThat(minimal.toBytes((short) 3)).isEqualTo(kafka);
        assertThat(Subscription.read(kafka)).isEqualTo(minimal);
        assertThat(minimal.generationId()).isEqualTo(-1);
    }

    // ---------------------------------------------------------------- assignment

    /** Interleaved topics and unsorted partitions: grouped by first appearance, order kept within a topic. */
    private static final List<TopicPartition> ASSIGNED = List.of(tp("payments", 4), tp("audit", 3),
            tp("payments", 1), tp("audit", 0), tp("orders", 9));

    private static List<org.apache.kafka.common.TopicPartition> kafkaAssigned() {
        return ASSIGNED.stream().map(t -> ktp(t.topic(), t.partition())).toList();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void assignmentBytesMatchKafkaAndReadBothWays(short version) {
        for (byte[] userData : new byte[][] {USER_DATA, null}) {
            byte[] brook = new Assignment(ASSIGNED, userData).toBytes(version);
            byte[] kafka = bytes(ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(
                    kafkaAssigned(), userData == null ? null : ByteBuffer.wrap(userData)), version));
            assertThat(brook).isEqualTo(kafka);

            List<TopicPartition> grouped = List.of(tp("payments", 4), tp("payments", 1), tp("audit", 3),
                    tp("audit", 0), tp("orders", 9));
            Assignment read = Assignment.read(kafka);
            assertThat(read.partitions()).containsExactlyElementsOf(grouped);
            assertThat(read.userData()).isEqualTo(userData);

            ConsumerPartitionAssignor.Assignment byKafka = ConsumerProtocol.deserializeAssignment(
                    ByteBuffer.wrap(brook));
            assertThat(byKafka.partitions()).containsExactlyElementsOf(
                    grouped.stream().map(t -> ktp(t.topic(), t.partition())).toList());
            assertThat(byKafka.userData() == null ? null : bytes(byKafka.userData())).isEqualTo(userData);
        }
    }

    @Test
    void assignmentOfALaterVersionReadsAsTheHighestKnown() {
        byte[] v3 = new Assignment(ASSIGNED, USER_DATA).toBytes((short) 3);
        byte[] v4 = laterVersion(v3, (short) 4, new byte[] {0, 0, 0, 0});

        assertThat(Assignment.read(v4)).isEqualTo(Assignment.read(v3));
        assertThat(ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(v4)).partitions())
                .hasSize(ASSIGNED.size());
    }

    @Test
    void emptyAssignmentMatchesKafka() {
        byte[] kafka = bytes(ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(List.of()), (short) 3));
        assertThat(new Assignment(List.of()).toBytes((short) 3)).isEqualTo(kafka);
        assertThat(Assignment.read(kafka)).isEqualTo(new Assignment(List.of()));
    }

    // ---------------------------------------------------------------- buffers and bad input

    @Test
    void readingFromAByteBufferAdvancesItsPositionPastTheMessage() {
        byte[] message = new Assignment(ASSIGNED, USER_DATA).toBytes((short) 1);
        ByteBuffer buffer = ByteBuffer.allocate(message.length + 10);
        buffer.position(3);
        buffer.put(message);
        buffer.position(3);

        Assignment read = Assignment.read(buffer);

        assertThat(read.partitions()).hasSize(ASSIGNED.size());
        assertThat(buffer.position()).isEqualTo(3 + message.length);
    }

    @Test
    void malformedInputFailsWithATypedErrorNamingTheProblem() {
        byte[] good = brookSubscription(USER_DATA, Optional.empty()).toBytes((short) 3);
        assertThatThrownBy(() -> Subscription.read(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> Subscription.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, 0, 0}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative version");
        assertThatThrownBy(() -> Subscription.read(new byte[] {0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("null topic list");
        // v0 assignment: one topic "t" with one partition -1.
        byte[] negativePartition = {0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> Assignment.read(negativePartition))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("'t'")
                .hasMessageContaining("-1");
    }

    @Test
    void writingAnUnknownVersionIsRejected() {
        assertThatThrownBy(() -> new Assignment(ASSIGNED).toBytes((short) 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-3");
        assertThatThrownBy(() -> new Subscription(List.of("t")).toBytes((short) -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void valuesCompareUserDataByContent() {
        assertThat(new Assignment(ASSIGNED, "x".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Assignment(ASSIGNED, "x".getBytes(StandardCharsets.UTF_8)))
                .hasSameHashCodeAs(new Assignment(ASSIGNED, "x".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(new Assignment(ASSIGNED, null));
        assertThat(brookSubscription(USER_DATA.clone(), Optional.empty()))
                .isEqualTo(brookSubscription(USER_DATA.clone(), Optional.empty()))
                .isNotEqualTo(brookSubscription(USER_DATA, Optional.of("r")));
    }

    // ---------------------------------------------------------------- helpers

    /** {@code message} relabelled as {@code version} with {@code extra} appended, as a newer writer would. */
    private static byte[] laterVersion(byte[] message, short version, byte[] extra) {
        ByteBuffer out = ByteBuffer.allocate(message.length + extra.length);
        out.put(message).put(extra);
        out.putShort(0, version);
        return out.array();
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static org.apache.kafka.common.TopicPartition ktp(String topic, int partition) {
        return new org.apache.kafka.common.TopicPartition(topic, partition);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer dup = buffer.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }
}
