package io.brook.admin;

/**
 * How an ACL's resource name matches resource names, with the wire codes. {@link #ANY} and {@link #MATCH} only in
 * filters.
 */
public enum PatternType {
    /** A type this version of Brook does not know. */
    UNKNOWN((byte) 0),
    /** Filters: any pattern type. */
    ANY((byte) 1),
    /** Filters: every ACL that applies to the named resource (literal, wildcard or matching prefix). */
    MATCH((byte) 2),
    /** The name is the resource's name, or {@code *} for every resource. */
    LITERAL((byte) 3),
    /** The name is a prefix of the resources' names. */
    PREFIXED((byte) 4);

    private final byte code;

    PatternType(byte code) {
        this.code = code;
    }

    /** The code ACL requests and responses carry. */
    public byte code() {
        return code;
    }

    /** The value with wire code {@code code}; {@link #UNKNOWN} for a code Brook does not know. */
    public static PatternType forCode(byte code) {
        for (PatternType v : values()) {
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
