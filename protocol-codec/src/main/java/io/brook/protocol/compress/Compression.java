package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;

/**
 * A compression codec with its level: what a producer uses to compress record batches. Immutable and
 * thread-safe.
 *
 * <p>Obtain one with {@link #none()}, {@link #gzip()}, {@link #gzip(int)}, {@link #snappy()}, {@link #lz4()},
 * {@link #lz4(int)}, {@link #zstd()}, {@link #zstd(int)} or {@link #of(CompressionType, Integer)}.
 */
public final class Compression {
    private static final Compression NONE = new Compression(CompressionType.NONE, 0);
    private static final Compression SNAPPY = new Compression(CompressionType.SNAPPY, 0);

    private final CompressionType type;
    private final int level;

    private Compression(CompressionType type, int level) {
        this.type = type;
        this.level = level;
    }

    public static Compression none() {
        return NONE;
    }

    public static Compression gzip() {
        return gzip(CompressionType.GZIP.defaultLevel());
    }

    /** Gzip at {@code level} (1-9, or -1 for zlib's default). */
    public static Compression gzip(int level) {
        return withLevel(CompressionType.GZIP, level);
    }

    public static Compression snappy() {
        return SNAPPY;
    }

    public static Compression lz4() {
        return lz4(CompressionType.LZ4.defaultLevel());
    }

    /** Lz4 at {@code level} (1-17); the default level 9 uses lz4's fast compressor, others its HC compressor. */
    public static Compression lz4(int level) {
        return withLevel(CompressionType.LZ4, level);
    }

    public static Compression zstd() {
        return zstd(CompressionType.ZSTD.defaultLevel());
    }

    /** Zstd at {@code level} (-131072 to 22). */
    public static Compression zstd(int level) {
        return withLevel(CompressionType.ZSTD, level);
    }

    /**
     * The codec {@code type} at {@code level}, or at the codec's default level when {@code level} is null.
     *
     * @throws IllegalArgumentException when a level is given for a codec without levels, or is out of range
     */
    public static Compression of(CompressionType type, Integer level) {
        if (!type.hasLevels()) {
            if (level != null) {
                throw new IllegalArgumentException(type + " does not take a compression level");
            }
            return type == CompressionType.NONE ? NONE : SNAPPY;
        }
        return withLevel(type, level == null ? type.defaultLevel() : level);
    }

    private static Compression withLevel(CompressionType type, int level) {
        if (!type.isValidLevel(level)) {
            throw new IllegalArgumentException(type + " compression level " + level + " is outside "
                    + type.minLevel() + ".." + type.maxLevel());
        }
        return new Compression(type, level);
    }

    public CompressionType type() {
        return type;
    }

    /** The level; 0 for codecs without levels. */
    public int level() {
        return level;
    }

    /**
     * Appends the compressed form of {@code src}'s readable bytes to {@code dst}, growing {@code dst} as needed.
     *
     * <p>Neither buffer's reference count changes and {@code src}'s indices stay as they are; {@code dst}'s writer
     * index advances past the compressed bytes. Temporary buffers come from {@code dst.alloc()} and are released
     * before returning, also on failure. The output is the framing Kafka's Java client reads: a gzip member, the
     * xerial snappy block stream, an LZ4 frame with 64 KiB independent blocks, or a zstd frame.
     *
     * @throws CompressionException if the codec fails (its native library cannot load, for example); {@code dst}
     *     then holds partial output after its original writer index
     */
    public void compress(ByteBuf src, ByteBuf dst) {
        Codecs.compress(this, src, dst);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Compression c && c.type == type && c.level == level;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + level;
    }

    @Override
    public String toString() {
        return type.hasLevels() ? type + "(level " + level + ")" : type.toString();
    }
}
