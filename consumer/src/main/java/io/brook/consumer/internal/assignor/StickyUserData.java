package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The user data of the eager {@code sticky} assignor, as kafka-clients writes it: the member's previous assignment
 * and its generation, because eager members revoke everything before joining and so report no owned partitions.
 * Layout (kafka-clients' "StickyAssignorUserData" v1; v0 lacks the generation): an int32 count of topics, each an
 * int16-length UTF-8 name, an int32 count and that many int32 partitions; then the int32 generation.
 *
 * <p>Stateless.
 */
final class StickyUserData {
    /**
     * A member's previous assignment as its user data says.
     *
     * @param generation the generation, or empty for v0 data or undecodable data
     */
    record Decoded(List<TopicPartition> partitions, OptionalInt generation) {}

    private StickyUserData() {}

    static byte[] encode(List<TopicPartition> partitions, int generation) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        int size = 4 + 4;
        for (Map.Entry<String, List<Integer>> e : byTopic.entrySet()) {
            size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + 4 * e.getValue().size();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(byTopic.size());
        for (Map.Entry<String, List<Integer>> e : byTopic.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.putShort((short) name.length).put(name);
            out.putInt(e.getValue().size());
            e.getValue().forEach(out::putInt);
        }
        out.putInt(generation);
        return out.array();
    }

    /** Decodes v1 (or v0) data; data that decodes as neither counts as no previous assignment, as in Kafka. */
    static Decoded decode(byte[] data) {
        if (data == null || data.length == 0) {
            return new Decoded(List.of(), OptionalInt.empty());
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            int topics = in.getInt();
            checkCount(topics, in);
            for (int t = 0; t < topics; t++) {
                int nameLength = in.getShort();
                if (nameLength < 0 || nameLength > in.remaining()) {
                    throw new IllegalArgumentException("bad topic name length " + nameLength);
                }
                byte[] name = new byte[nameLength];
                in.get(name);
                String topic = new String(name, StandardCharsets.UTF_8);
                int count = in.getInt();
                checkCount(count, in);
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, in.getInt()));
                }
            }
            OptionalInt generation = in.remaining() >= 4 ? OptionalInt.of(in.getInt()) : OptionalInt.empty();
            return new Decoded(partitions, generation);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return new Decoded(List.of(), OptionalInt.of(AbstractSticky.DEFAULT_GENERATION));
        }
    }

    private static void checkCount(int count, ByteBuffer in) {
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad count " + count);
        }
    }
}
