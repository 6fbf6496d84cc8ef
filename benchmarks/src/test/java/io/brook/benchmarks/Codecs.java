package io.brook.benchmarks;

import io.brook.protocol.compress.Compression;

/**
 * Maps a JMH {@code @Param} codec name ({@code none}, {@code gzip}, {@code snappy}, {@code lz4}, {@code zstd}) to
 * each client's compression setting, both at the codec's default level (gzip: zlib's default, lz4: 9, which both
 * clients map to lz4's fast compressor, zstd: 3).
 */
final class Codecs {
    private Codecs() {}

    static Compression brook(String name) {
        return switch (name) {
            case "none" -> Compression.none();
            case "gzip" -> Compression.gzip();
            case "snappy" -> Compression.snappy();
            case "lz4" -> Compression.lz4();
            case "zstd" -> Compression.zstd();
            default -> throw new IllegalArgumentException("unknown codec " + name);
        };
    }

    static org.apache.kafka.common.compress.Compression kafka(String name) {
        return switch (name) {
            case "none" -> org.apache.kafka.common.compress.Compression.NONE;
            case "gzip" -> org.apache.kafka.common.compress.Compression.gzip().build();
            case "snappy" -> org.apache.kafka.common.compress.Compression.snappy().build();
            case "lz4" -> org.apache.kafka.common.compress.Compression.lz4().build();
            case "zstd" -> org.apache.kafka.common.compress.Compression.zstd().build();
            default -> throw new IllegalArgumentException("unknown codec " + name);
        };
    }
}
