package io.brook.admin;

/** The kinds of resource an ACL protects, with their wire codes. {@link #ANY} only in filters. */
public enum ResourceType {
    /** A type this version of Brook does not know. */
    UNKNOWN((byte) 0),
    /** Matches any type (filters only). */
    ANY((byte) 1),
    TOPIC((byte) 2),
    GROUP((byte) 3),
    /** The cluster itself (its name is {@code kafka-cluster}). */
    CLUSTER((byte) 4),
    TRANSACTIONAL_ID((byte) 5),
    DELEGATION_TOKEN((byte) 6),
    USER((byte) 7);

    private final byte code;

    ResourceType(byte code) {
        this.code = code;
    }

    /** The code ACL requests and responses carry. */
    public byte code() {
        return code;
    }

    /** The value with wire code {@code code}; {@link #UNKNOWN} for a code Brook does not know. */
    public static ResourceType forCode(byte code) {
        for (ResourceType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return UNKNOWN;
    }

    /** Whether this value only makes sense in a filter ({@code ANY}, {@code MATCH}) or is unknown. */
    public boolean isFilterOnly() {
        return this == UNKNOWN || name().equals("ANY") || name().equals("MATCH");
    }
}
