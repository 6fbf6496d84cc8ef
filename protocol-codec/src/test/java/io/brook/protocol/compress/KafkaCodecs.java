package io.brook.protocol.compress;

import org.apache.kafka.common.compress.Compression;

/** The kafka-clients codec (the interop oracle) matching a Brook codec and level. */
public final class KafkaCodecs {
    private KafkaCodecs() {}

    /** Kafka's codec for {@code type} at {@code level}, or at Kafka's default level when null. */
    public static Compression of(CompressionType type, Integer level) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> level == null ? Compression.gzip().build() : Compression.gzip().level(level).build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> level == null ? Compression.lz4().build() : Compression.lz4().level(level).build();
            case ZSTD -> level == null ? Compression.zstd().build() : Compression.zstd().level(level).build();
        };
    }
}
