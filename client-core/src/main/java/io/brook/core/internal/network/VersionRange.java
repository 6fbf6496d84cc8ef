package io.brook.core.internal.network;

/**
 * An inclusive range of API versions. Immutable.
 *
 * @param min the lowest version, {@code >= 0}
 * @param max the highest version, {@code >= min}
 */
public record VersionRange(short min, short max) {
    public VersionRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bad version range " + min + "-" + max);
        }
    }

    /** The range holding exactly {@code version}. */
    public static VersionRange exactly(short version) {
        return new VersionRange(version, version);
    }

    public static VersionRange of(int min, int max) {
        if (min > Short.MAX_VALUE || max > Short.MAX_VALUE) {
            throw new IllegalArgumentException("bad version range " + min + "-" + max);
        }
        return new VersionRange((short) min, (short) max);
    }

    public boolean contains(short version) {
        return version >= min && version <= max;
    }

    @Override
    public String toString() {
        return min == max ? Short.toString(min) : min + "-" + max;
    }
}
