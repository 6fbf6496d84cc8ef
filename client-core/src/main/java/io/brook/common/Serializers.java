package io.brook.common;

import java.nio.charset.StandardCharsets;

/**
 * The built-in serializers. Each maps a null value to null, so that a null key or value stays null on the wire.
 * All are stateless and thread-safe.
 */
public final class Serializers {
    private static final Serializer<String> STRING =
            (topic, value) -> value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    private static final Serializer<byte[]> BYTES = (topic, value) -> value;
    private static final Serializer<Long> LONGS = (topic, value) -> value == null ? null : bigEndian(value, 8);
    private static final Serializer<Integer> INTEGERS =
            (topic, value) -> value == null ? null : bigEndian(value, 4);

    private Serializers() {}

    /** UTF-8 text. */
    public static Serializer<String> string() {
        return STRING;
    }

    /** The bytes unchanged (not copied). */
    public static Serializer<byte[]> bytes() {
        return BYTES;
    }

    /** 8 bytes, big-endian (Kafka's {@code LongSerializer} format). */
    public static Serializer<Long> longs() {
        return LONGS;
    }

    /** 4 bytes, big-endian (Kafka's {@code IntegerSerializer} format). */
    public static Serializer<Integer> integers() {
        return INTEGERS;
    }

    private static byte[] bigEndian(long value, int length) {
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
