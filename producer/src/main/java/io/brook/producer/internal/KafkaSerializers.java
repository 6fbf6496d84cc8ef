package io.brook.producer.internal;

import io.brook.common.Serializer;
import io.brook.common.Serializers;
import io.brook.common.config.ConfigException;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * Resolves {@code key.serializer} / {@code value.serializer}: Kafka's built-in serializer class names map to
 * serializers with the same output, so a pasted kafka-clients configuration works; any other name must be a class
 * implementing {@link Serializer} with a public no-argument constructor. Stateless.
 */
final class KafkaSerializers {
    private static final String KAFKA = "org.apache.kafka.common.serialization.";
    private static final Map<String, Serializer<?>> BUILT_IN = Map.of(
            KAFKA + "StringSerializer", Serializers.string(),
            KAFKA + "ByteArraySerializer", Serializers.bytes(),
            KAFKA + "IntegerSerializer", Serializers.integers(),
            KAFKA + "LongSerializer", Serializers.longs(),
            KAFKA + "ShortSerializer", (Serializer<Short>) (topic, v) -> v == null ? null
                    : new byte[] {(byte) (v >>> 8), (byte) (short) v},
            KAFKA + "FloatSerializer", (Serializer<Float>) (topic, v) -> v == null ? null
                    : ByteBuffer.allocate(4).putFloat(v).array(),
            KAFKA + "DoubleSerializer", (Serializer<Double>) (topic, v) -> v == null ? null
                    : ByteBuffer.allocate(8).putDouble(v).array(),
            KAFKA + "UUIDSerializer", (Serializer<UUID>) (topic, v) -> v == null ? null
                    : v.toString().getBytes(StandardCharsets.UTF_8),
            KAFKA + "VoidSerializer", (Serializer<Void>) (topic, v) -> null,
            KAFKA + "ByteBufferSerializer", (Serializer<ByteBuffer>) KafkaSerializers::byteBuffer);

    private KafkaSerializers() {}

    /**
     * @param key the configuration key, for messages
     * @param className its value
     * @throws ConfigException if the class is unknown, not a serializer, or cannot be created
     */
    static Serializer<?> resolve(String key, String className) {
        Serializer<?> builtIn = BUILT_IN.get(className.trim());
        if (builtIn != null) {
            return builtIn;
        }
        Object instance = Instances.create(key, className.trim(), Serializer.class,
                "Kafka's built-in serializers (" + KAFKA + "StringSerializer, ...) map to Brook's; other classes "
                        + "must implement io.brook.common.Serializer");
        return (Serializer<?>) instance;
    }

    private static byte[] byteBuffer(String topic, ByteBuffer value) {
        if (value == null) {
            return null;
        }
        ByteBuffer b = value.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Creating configured classes by name. */
    static final class Instances {
        private Instances() {}

        static Object create(String key, String className, Class<?> expected, String hint) {
            Class<?> type;
            try {
                type = Class.forName(className, true, classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigException(key, "Invalid value '" + className + "' for configuration key '" + key
                        + "': no such class (" + hint + ")");
            }
            if (!expected.isAssignableFrom(type)) {
                throw new ConfigException(key, "Invalid value '" + className + "' for configuration key '" + key
                        + "': the class does not implement " + expected.getName() + " (" + hint + ")");
            }
            try {
                Constructor<?> constructor = type.getConstructor();
                return constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ConfigException(key, "Invalid value '" + className + "' for configuration key '" + key
                        + "': could not create an instance with a public no-argument constructor (" + e + ")");
            }
        }

        private static ClassLoader classLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : KafkaSerializers.class.getClassLoader();
        }
    }
}
