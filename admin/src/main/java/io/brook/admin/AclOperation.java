package io.brook.admin;

/** The operations an ACL allows or denies, with their wire codes. {@link #ANY} only in filters. */
public enum AclOperation {
    /** An operation this version of Brook does not know. */
    UNKNOWN((byte) 0),
    /** Matches any operation (filters only). */
    ANY((byte) 1),
    /** Every operation. */
    ALL((byte) 2),
    READ((byte) 3),
    WRITE((byte) 4),
    CREATE((byte) 5),
    DELETE((byte) 6),
    ALTER((byte) 7),
    DESCRIBE((byte) 8),
    CLUSTER_ACTION((byte) 9),
    DESCRIBE_CONFIGS((byte) 10),
    ALTER_CONFIGS((byte) 11),
    IDEMPOTENT_WRITE((byte) 12),
    CREATE_TOKENS((byte) 13),
    DESCRIBE_TOKENS((byte) 14),
    TWO_PHASE_COMMIT((byte) 15);

    private final byte code;

    AclOperation(byte code) {
        this.code = code;
    }

    /** The code ACL requests and responses carry. */
    public byte code() {
        return code;
    }

    /** The value with wire code {@code code}; {@link #UNKNOWN} for a code Brook does not know. */
    public static AclOperation forCode(byte code) {
        for (AclOperation v : values()) {
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
