package io.brook.common;

/**
 * Turns the bytes of a record key or value back into an object.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Deserializer<T> {
    /**
     * @param topic the topic the record came from; never null
     * @param data the bytes; null for a null key or value. Not to be modified or kept beyond the call.
     * @return the object; the built-in deserializers map null to null
     * @throws io.brook.common.errors.SerializationException if the bytes are malformed for this type
     */
    T deserialize(String topic, byte[] data);
}
