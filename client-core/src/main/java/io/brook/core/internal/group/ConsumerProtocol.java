package io.brook.core.internal.group;

import io.brook.common.TopicPartition;
import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The "consumer" embedded protocol: the subscription a member sends in JoinGroup metadata and the assignment the
 * leader hands out through SyncGroup, byte-compatible with kafka-clients so that Brook and Kafka members can share
 * one classic group and so that the admin can describe any consumer group.
 *
 * <p>Both formats are an int16 version followed by a non-flexible struct (Kafka's
 * {@code ConsumerProtocolSubscription} and {@code ConsumerProtocolAssignment}, versions 0-3). A version higher
 * than Brook knows is read as the highest known one: newer fields are only ever appended, so the known prefix
 * decodes and the rest is ignored, as kafka-clients does.
 *
 * <p>Writing follows kafka-clients' canonical order so the bytes are the same: the subscription's topics and owned
 * partitions are sorted (by topic, then partition); the assignment groups partitions by topic in order of first
 * appearance and keeps the order within each topic.
 *
 * <p>Stateless; the records are immutable values.
 */
public final class ConsumerProtocol {
    /** The JoinGroup protocol type of consumer groups. */
    public static final String PROTOCOL_TYPE = "consumer";
    /** The highest subscription version Brook reads and writes. */
    public static final short SUBSCRIPTION_VERSION = 3;
    /** The highest assignment version Brook reads and writes. */
    public static final short ASSIGNMENT_VERSION = 3;
    /** The generation of a member that owns nothing from an earlier generation. */
    public static final int NO_GENERATION = -1;

    private ConsumerProtocol() {}

    /**
     * A member's subscription, sent as JoinGroup protocol metadata (one copy per assignor it offers).
     *
     * @param topics the subscribed topics; never null
     * @param userData the assignor's opaque data, or null; not copied, not to be modified (as {@link
     *     io.brook.common.Header} values)
     * @param ownedPartitions the partitions the member owns from {@code generationId} (v1+); never null
     * @param generationId the generation the owned partitions come from (v2+), or {@link #NO_GENERATION}
     * @param rackId the member's rack (v3+); never null
     */
    public record Subscription(List<String> topics, byte[] userData, List<TopicPartition> ownedPartitions,
            int generationId, Optional<String> rackId) {
        public Subscription {
            topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
            ownedPartitions = List.copyOf(Objects.requireNonNull(ownedPartitions, "ownedPartitions"));
            Objects.requireNonNull(rackId, "rackId");
        }

        /** A subscription to {@code topics} with no user data, no owned partitions, no generation and no rack. */
        public Subscription(List<String> topics) {
            this(topics, null, List.of(), NO_GENERATION, Optional.empty());
        }

        /** Encodes this subscription at {@code version} (0-3), version prefix included. */
        public byte[] toBytes(short version) {
            checkWriteVersion(version, SUBSCRIPTION_VERSION, "subscription");
            ByteBuf out = Unpooled.buffer(64);
            write(out, version);
            return readableBytes(out);
        }

        /** Writes the version prefix and this subscription at {@code version} (0-3) to {@code out}. */
        public void write(ByteBuf out, short version) {
            checkWriteVersion(version, SUBSCRIPTION_VERSION, "subscription");
            out.writeShort(version);
            List<String> sortedTopics = new ArrayList<>(topics);
            Collections.sort(sortedTopics);
            out.writeInt(sortedTopics.size());
            for (String topic : sortedTopics) {
                WireFormat.writeString(out, topic, false);
            }
            WireFormat.writeBytes(out, userData, false);
            if (version >= 1) {
                List<TopicPartition> sorted = new ArrayList<>(ownedPartitions);
                Collections.sort(sorted);
                writeTopicPartitions(out, sorted);
            }
            if (version >= 2) {
                out.writeInt(generationId);
            }
            if (version >= 3) {
                WireFormat.writeString(out, rackId.orElse(null), false);
            }
        }

        /** Decodes a version-prefixed subscription (the JoinGroup metadata bytes). */
        public static Subscription read(byte[] bytes) {
            return read(Unpooled.wrappedBuffer(bytes));
        }

        /** Decodes a version-prefixed subscription from the buffer's position, advancing it past what was read. */
        public static Subscription read(ByteBuffer buffer) {
            ByteBuf in = Unpooled.wrappedBuffer(buffer);
            Subscription subscription = read(in);
            buffer.position(buffer.position() + in.readerIndex());
            return subscription;
        }

        /**
         * Decodes a version-prefixed subscription from the reader index of {@code in}.
         *
         * @throws MalformedMessageException if the bytes do not decode, naming what is wrong
         */
        public static Subscription read(ByteBuf in) {
            short version = readVersion(in, SUBSCRIPTION_VERSION, "subscription");
            List<String> topics = readTopics(in);
            byte[] userData = WireFormat.readBytes(in, false);
            List<TopicPartition> owned = version >= 1 ? readTopicPartitions(in, "owned partitions") : List.of();
            int generationId = version >= 2 ? WireFormat.readInt(in) : NO_GENERATION;
            Optional<String> rackId = version >= 3
                    ? Optional.ofNullable(WireFormat.readString(in, false)) : Optional.empty();
            return new Subscription(topics, userData, owned, generationId, rackId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subscription other && topics.equals(other.topics)
                    && Arrays.equals(userData, other.userData) && ownedPartitions.equals(other.ownedPartitions)
                    && generationId == other.generationId && rackId.equals(other.rackId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topics, Arrays.hashCode(userData), ownedPartitions, generationId, rackId);
        }

        @Override
        public String toString() {
            return "Subscription(topics=" + topics + ", userData=" + describe(userData) + ", ownedPartitions="
                    + ownedPartitions + ", generationId=" + generationId + ", rackId=" + rackId.orElse(null) + ")";
        }
    }

    /**
     * A member's assignment, sent by the leader in SyncGroup and returned to each member.
     *
     * @param partitions the assigned partitions, in the assignor's order; never null
     * @param userData the assignor's opaque data, or null; not copied, not to be modified
     */
    public record Assignment(List<TopicPartition> partitions, byte[] userData) {
        public Assignment {
            partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
        }

        /** An assignment of {@code partitions} without user data. */
        public Assignment(List<TopicPartition> partitions) {
            this(partitions, null);
        }

        /** Encodes this assignment at {@code version} (0-3), version prefix included. */
        public byte[] toBytes(short version) {
            checkWriteVersion(version, ASSIGNMENT_VERSION, "assignment");
            ByteBuf out = Unpooled.buffer(64);
            write(out, version);
            return readableBytes(out);
        }

        /** Writes the version prefix and this assignment at {@code version} (0-3) to {@code out}. */
        public void write(ByteBuf out, short version) {
            checkWriteVersion(version, ASSIGNMENT_VERSION, "assignment");
            out.writeShort(version);
            // Versions 0-3 share one layout; the later versions only mark what the members may do with it.
            writeTopicPartitions(out, partitions);
            WireFormat.writeBytes(out, userData, false);
        }

        /** Decodes a version-prefixed assignment (the SyncGroup assignment bytes). */
        public static Assignment read(byte[] bytes) {
            return read(Unpooled.wrappedBuffer(bytes));
        }

        /** Decodes a version-prefixed assignment from the buffer's position, advancing it past what was read. */
        public static Assignment read(ByteBuffer buffer) {
            ByteBuf in = Unpooled.wrappedBuffer(buffer);
            Assignment assignment = read(in);
            buffer.position(buffer.position() + in.readerIndex());
            return assignment;
        }

        /**
         * Decodes a version-prefixed assignment from the reader index of {@code in}.
         *
         * @throws MalformedMessageException if the bytes do not decode, naming what is wrong
         */
        public static Assignment read(ByteBuf in) {
            readVersion(in, ASSIGNMENT_VERSION, "assignment");
            List<TopicPartition> partitions = readTopicPartitions(in, "assigned partitions");
            byte[] userData = WireFormat.readBytes(in, false);
            return new Assignment(partitions, userData);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Assignment other && partitions.equals(other.partitions)
                    && Arrays.equals(userData, other.userData);
        }

        @Override
        public int hashCode() {
            return 31 * partitions.hashCode() + Arrays.hashCode(userData);
        }

        @Override
        public String toString() {
            return "Assignment(partitions=" + partitions + ", userData=" + describe(userData) + ")";
        }
    }

    // ---------------------------------------------------------------- shared layout

    /** Reads the int16 version; one above {@code highest} reads as {@code highest} (fields are only appended). */
    private static short readVersion(ByteBuf in, short highest, String what) {
        short version = WireFormat.readShort(in);
        if (version < 0) {
            throw new MalformedMessageException("consumer protocol " + what + " has negative version " + version);
        }
        return (short) Math.min(version, highest);
    }

    private static void checkWriteVersion(short version, short highest, String what) {
        if (version < 0 || version > highest) {
            throw new IllegalArgumentException("consumer protocol " + what + " version " + version
                    + " is outside 0-" + highest);
        }
    }

    private static List<String> readTopics(ByteBuf in) {
        int count = WireFormat.readArrayLength(in, false);
        if (count < 0) {
            throw new MalformedMessageException("consumer protocol subscription has a null topic list");
        }
        List<String> topics = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            topics.add(readTopic(in, "subscribed topics"));
        }
        return topics;
    }

    /** The {@code [topic, [partition]]} array both formats share. */
    private static List<TopicPartition> readTopicPartitions(ByteBuf in, String what) {
        int topicCount = WireFormat.readArrayLength(in, false);
        if (topicCount < 0) {
            throw new MalformedMessageException("consumer protocol " + what + " is null");
        }
        List<TopicPartition> result = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = readTopic(in, what);
            int partitionCount = WireFormat.readArrayLength(in, false);
            if (partitionCount < 0) {
                throw new MalformedMessageException("consumer protocol " + what + " of topic '" + topic
                        + "' has a null partition list");
            }
            for (int p = 0; p < partitionCount; p++) {
                int partition = WireFormat.readInt(in);
                if (partition < 0) {
                    throw new MalformedMessageException("consumer protocol " + what + " of topic '" + topic
                            + "' has negative partition " + partition);
                }
                result.add(new TopicPartition(topic, partition));
            }
        }
        return result;
    }

    private static String readTopic(ByteBuf in, String what) {
        String topic = WireFormat.readString(in, false);
        if (topic == null || topic.isBlank()) {
            throw new MalformedMessageException("consumer protocol " + what + " has a "
                    + (topic == null ? "null" : "blank") + " topic name");
        }
        return topic;
    }

    /** Writes partitions grouped by topic in order of first appearance, keeping their order within a topic. */
    private static void writeTopicPartitions(ByteBuf out, List<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        out.writeInt(byTopic.size());
        for (Map.Entry<String, List<Integer>> entry : byTopic.entrySet()) {
            WireFormat.writeString(out, entry.getKey(), false);
            out.writeInt(entry.getValue().size());
            for (int partition : entry.getValue()) {
                out.writeInt(partition);
            }
        }
    }

    private static byte[] readableBytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static String describe(byte[] data) {
        return data == null ? "null" : data.length + " bytes";
    }
}
