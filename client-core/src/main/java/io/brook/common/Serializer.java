package io.brook.common;

/**
 * Turns a record key or value into bytes.
 *
 * <p>Implementations must be thread-safe: a producer may call them from several application threads at once.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> {
    /**
     * @param topic the topic the record goes to; never null
     * @param value the value to serialize; may be null
     * @return the bytes, or null to write a null key or value (the built-in serializers map null to null)
     * @throws io.brook.common.errors.SerializationException if the value cannot be serialized
     */
    byte[] serialize(String topic, T value);
}
