package io.brook.protocol.wire;

import java.util.Arrays;

/** A tagged field this version of Brook does not know; kept so that a round trip writes it back unchanged. */
public record RawTaggedField(int tag, byte[] data) {
    public RawTaggedField {
        if (tag < 0) {
            throw new IllegalArgumentException("tag must be non-negative: " + tag);
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawTaggedField other && tag == other.tag && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawTaggedField(tag=" + tag + ", " + data.length + " bytes)";
    }
}
