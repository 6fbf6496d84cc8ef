package io.brook.protocol.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record header to write, or a copied header read back: a non-null key and a nullable value. Immutable as far
 * as this class goes: the value array is neither copied nor to be modified after construction.
 */
public final class Header {
    private final String key;
    private final byte[] value;

    /**
     * @param key non-null header key
     * @param value header value, or null
     */
    public Header(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "header key");
        this.value = value;
    }

    public String key() {
        return key;
    }

    /** The value, or null; not a copy: do not modify it. */
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.key.equals(key) && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + ", " + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
