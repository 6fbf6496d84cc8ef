package io.brook.common;

import io.brook.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in deserializers, the inverses of {@link Serializers}. Each maps null to null. All are stateless and
 * thread-safe; the fixed-width ones reject data of the wrong length with a {@link SerializationException} naming
 * the topic and the length.
 */
public final class Deserializers {
    private static final Deserializer<String> STRING =
            (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    private static final Deserializer<byte[]> BYTES = (topic, data) -> data;
    private static final Deserializer<Long> LONGS =
            (topic, data) -> data == null ? null : readBigEndian(topic, data, 8, "long");
    private static final Deserializer<Integer> INTEGERS =
            (topic, data) -> data == null ? null : (int) readBigEndian(topic, data, 4, "integer");

    private Deserializers() {}

    /** UTF-8 text. */
    public static Deserializer<String> string() {
        return STRING;
    }

    /** The bytes unchanged (not copied). */
    public static Deserializer<byte[]> bytes() {
        return BYTES;
    }

    /** 8 bytes, big-endian; any other length fails. */
    public static Deserializer<Long> longs() {
        return LONGS;
    }

    /** 4 bytes, big-endian; any other length fails. */
    public static Deserializer<Integer> integers() {
        return INTEGERS;
    }

    private static long readBigEndian(String topic, byte[] data, int length, String typeName) {
        if (data.length != length) {
            throw new SerializationException("cannot deserialize a " + typeName + " from topic '" + topic
                    + "': expected " + length + " bytes but got " + data.length);
        }
        long value = 0;
        for (byte b : data) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}
