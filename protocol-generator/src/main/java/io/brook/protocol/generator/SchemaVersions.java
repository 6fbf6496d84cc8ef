package io.brook.protocol.generator;

/**
 * An inclusive range of protocol versions, written {@code N+}, {@code N-M}, {@code N} or {@code none} in schema
 * files. Immutable.
 */
public record SchemaVersions(short lowest, short highest) {
    /** The upper bound {@code N+} stands for. */
    public static final short UNBOUNDED = Short.MAX_VALUE;
    public static final SchemaVersions NONE = new SchemaVersions((short) 1, (short) 0);
    public static final SchemaVersions ALL = new SchemaVersions((short) 0, UNBOUNDED);

    public SchemaVersions {
        if (lowest < 0 || highest < 0) {
            throw new IllegalArgumentException("versions must be non-negative: " + lowest + "-" + highest);
        }
    }

    /** Parses the schema syntax; throws IllegalArgumentException with a readable message on bad input. */
    public static SchemaVersions parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        try {
            if (text.endsWith("+")) {
                return new SchemaVersions(parseVersion(text.substring(0, text.length() - 1)), UNBOUNDED);
            }
            int dash = text.indexOf('-');
            if (dash > 0) {
                short lo = parseVersion(text.substring(0, dash));
                short hi = parseVersion(text.substring(dash + 1));
                if (hi < lo) {
                    throw new IllegalArgumentException("empty version range '" + text + "' (write 'none')");
                }
                return new SchemaVersions(lo, hi);
            }
            short v = parseVersion(text);
            return new SchemaVersions(v, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad version range '" + text + "': expected N+, N-M, N or none");
        }
    }

    private static short parseVersion(String s) {
        int v = Integer.parseInt(s);
        if (v < 0 || v >= UNBOUNDED) {
            throw new NumberFormatException(s);
        }
        return (short) v;
    }

    public boolean isEmpty() {
        return lowest > highest;
    }

    public boolean contains(int version) {
        return version >= lowest && version <= highest;
    }

    public boolean contains(SchemaVersions other) {
        return other.isEmpty() || (!isEmpty() && other.lowest >= lowest && other.highest <= highest);
    }

    public SchemaVersions intersect(SchemaVersions other) {
        if (isEmpty() || other.isEmpty()) {
            return NONE;
        }
        short lo = (short) Math.max(lowest, other.lowest);
        short hi = (short) Math.min(highest, other.highest);
        return lo > hi ? NONE : new SchemaVersions(lo, hi);
    }

    /**
     * A Java boolean expression over {@code var} that is true for versions in this range, simplified for
     * versions already known to lie in {@code context}: {@code "true"} when this range covers the context.
     */
    public String condition(String var, SchemaVersions context) {
        SchemaVersions r = intersect(context);
        if (r.isEmpty()) {
            return "false";
        }
        boolean checkLow = r.lowest > context.lowest;
        boolean checkHigh = r.highest < context.highest;
        if (checkLow && checkHigh) {
            return r.lowest == r.highest ? var + " == " + r.lowest
                    : var + " >= " + r.lowest + " && " + var + " <= " + r.highest;
        }
        if (checkLow) {
            return var + " >= " + r.lowest;
        }
        if (checkHigh) {
            return var + " <= " + r.highest;
        }
        return "true";
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == UNBOUNDED) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
