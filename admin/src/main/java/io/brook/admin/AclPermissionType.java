package io.brook.admin;

/** Whether an ACL allows or denies, with the wire codes. {@link #ANY} only in filters. */
public enum AclPermissionType {
    /** A type this version of Brook does not know. */
    UNKNOWN((byte) 0),
    /** Matches both (filters only). */
    ANY((byte) 1),
    DENY((byte) 2),
    ALLOW((byte) 3);

    private final byte code;

    AclPermissionType(byte code) {
        this.code = code;
    }

    /** The code ACL requests and responses carry. */
    public byte code() {
        return code;
    }

    /** The value with wire code {@code code}; {@link #UNKNOWN} for a code Brook does not know. */
    public static AclPermissionType forCode(byte code) {
        for (AclPermissionType v : values()) {
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
