package io.brook.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record header: a string key and an opaque value.
 *
 * <p>Immutable by contract: the value array is not copied (headers sit on the path of every record), so neither the
 * caller that built the header nor any reader may modify it. Equality and hash code compare the value by content.
 *
 * @param key the header key; never null (it may be empty, as Kafka allows)
 * @param value the header value; may be null
 */
public record Header(String key, byte[] value) {
    public Header {
        if (key == null) {
            throw new IllegalArgumentException("header key must not be null");
        }
    }

    /** A header whose value is the UTF-8 encoding of {@code value}, or null when {@code value} is null. */
    public static Header of(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header other && key.equals(other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(key=" + key + ", value=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
