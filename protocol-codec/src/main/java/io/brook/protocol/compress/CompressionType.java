package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * The record batch compression codecs, with the ids Kafka stores in bits 0-2 of a batch's attributes and the
 * names the {@code compression.type} configuration uses.
 *
 * <p>Level ranges follow Kafka's client so that a level accepted by one is accepted by the other: gzip 1-9 (or -1
 * for zlib's default), lz4 1-17 (default 9), zstd {@code Zstd.minCompressionLevel()}-22 (default 3). NONE and
 * SNAPPY have no levels.
 */
public enum CompressionType {
    NONE(0, "none", false, 0, 0, 0),
    GZIP(1, "gzip", true, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION, Deflater.DEFAULT_COMPRESSION),
    SNAPPY(2, "snappy", false, 0, 0, 0),
    LZ4(3, "lz4", true, 1, 17, 9),
    // zstd's own bounds (ZSTD_minCLevel() = -(1 << 17), ZSTD_maxCLevel() = 22), written out so that loading this
    // enum never loads zstd-jni's native library.
    ZSTD(4, "zstd", true, -131072, 22, 3);

    private final int id;
    private final String configName;
    private final boolean hasLevels;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    CompressionType(int id, String configName, boolean hasLevels, int minLevel, int maxLevel, int defaultLevel) {
        this.id = id;
        this.configName = configName;
        this.hasLevels = hasLevels;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /** The codec id stored in bits 0-2 of a record batch's attributes. */
    public int id() {
        return id;
    }

    /** The lower-case name used by the {@code compression.type} configuration ({@code "lz4"}). */
    public String configName() {
        return configName;
    }

    /** Whether this codec takes a compression level. */
    public boolean hasLevels() {
        return hasLevels;
    }

    /**
     * The lowest accepted level.
     *
     * @throws UnsupportedOperationException for NONE and SNAPPY, which have no levels
     */
    public int minLevel() {
        requireLevels();
        return minLevel;
    }

    /** The highest accepted level; throws for codecs without levels. */
    public int maxLevel() {
        requireLevels();
        return maxLevel;
    }

    /** The level used when none is configured; throws for codecs without levels. */
    public int defaultLevel() {
        requireLevels();
        return defaultLevel;
    }

    /** Whether {@code level} is accepted by this codec (gzip also accepts -1, zlib's default). */
    public boolean isValidLevel(int level) {
        return hasLevels && ((level >= minLevel && level <= maxLevel) || level == defaultLevel);
    }

    /**
     * Decompresses the readable bytes of {@code src} into a new pooled buffer from {@code alloc}.
     *
     * <p>Does not change {@code src}'s indices or reference count. The returned buffer belongs to the caller, who
     * releases it; on failure nothing is left allocated. NONE returns a retained slice of {@code src}.
     *
     * @throws CompressionException if the bytes are not a valid stream of this codec (corrupt or truncated)
     */
    public ByteBuf decompress(ByteBuf src, ByteBufAllocator alloc) {
        return Codecs.decompress(this, src, alloc);
    }

    /** The codec with this attribute id, or null when the id names no known codec. */
    public static CompressionType forId(int id) {
        for (CompressionType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /**
     * The codec with this configuration name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static CompressionType forName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CompressionType t : values()) {
            if (t.configName.equals(lower)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown compression type '" + name
                + "'; expected one of none, gzip, snappy, lz4, zstd");
    }

    private void requireLevels() {
        if (!hasLevels) {
            throw new UnsupportedOperationException(configName + " has no compression levels");
        }
    }

    @Override
    public String toString() {
        return configName;
    }
}
