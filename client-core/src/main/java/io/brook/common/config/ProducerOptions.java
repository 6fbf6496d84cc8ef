package io.brook.common.config;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.CompressionType;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The producer's validated configuration ({@link ProducerConfigs#DEFINITION}).
 *
 * <pre>{@code
 * ProducerOptions options = ProducerOptions.builder().bootstrapServers("localhost:9092")
 *         .compression(CompressionType.LZ4).linger(Duration.ofMillis(10)).build();
 * ProducerOptions same = ProducerOptions.fromMap(Map.of("bootstrap.servers", "localhost:9092",
 *         "compression.type", "lz4", "linger.ms", 10));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProducerOptions extends ClientOptions {
    private ProducerOptions(ClientConfig config) {
        super(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a map of Kafka-style keys.
     *
     * @throws ConfigException naming the first unknown key, bad value or missing required key
     */
    public static ProducerOptions fromMap(Map<String, ?> config) {
        return new ProducerOptions(ProducerConfigs.DEFINITION.parse(config));
    }

    /** {@code acks} as the wire value: 0, 1 or -1 (all). */
    public short acks() {
        String acks = config().get(ProducerConfigs.ACKS).trim().toLowerCase(Locale.ROOT);
        return acks.equals("all") ? (short) -1 : Short.parseShort(acks);
    }

    public long bufferMemory() {
        return config().get(ProducerConfigs.BUFFER_MEMORY);
    }

    public int retries() {
        return config().get(ProducerConfigs.RETRIES);
    }

    /** The codec with the level of its {@code compression.<type>.level} key. */
    public Compression compression() {
        CompressionType type = config().get(ProducerConfigs.COMPRESSION_TYPE);
        return switch (type) {
            case GZIP -> Compression.gzip(config().get(ProducerConfigs.COMPRESSION_GZIP_LEVEL));
            case LZ4 -> Compression.lz4(config().get(ProducerConfigs.COMPRESSION_LZ4_LEVEL));
            case ZSTD -> Compression.zstd(config().get(ProducerConfigs.COMPRESSION_ZSTD_LEVEL));
            default -> Compression.of(type, null);
        };
    }

    public int batchSize() {
        return config().get(ProducerConfigs.BATCH_SIZE);
    }

    public Duration linger() {
        return Duration.ofMillis(config().get(ProducerConfigs.LINGER_MS));
    }

    public Duration deliveryTimeout() {
        return Duration.ofMillis(config().get(ProducerConfigs.DELIVERY_TIMEOUT_MS));
    }

    public int maxRequestSize() {
        return config().get(ProducerConfigs.MAX_REQUEST_SIZE);
    }

    public Duration maxBlock() {
        return Duration.ofMillis(config().get(ProducerConfigs.MAX_BLOCK_MS));
    }

    public Duration metadataMaxIdle() {
        return Duration.ofMillis(config().get(ProducerConfigs.METADATA_MAX_IDLE_MS));
    }

    public int maxInFlightRequestsPerConnection() {
        return config().get(ProducerConfigs.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    }

    public boolean partitionerIgnoreKeys() {
        return config().get(ProducerConfigs.PARTITIONER_IGNORE_KEYS);
    }

    public boolean adaptivePartitioning() {
        return config().get(ProducerConfigs.PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE);
    }

    public Duration partitionerAvailabilityTimeout() {
        return Duration.ofMillis(config().get(ProducerConfigs.PARTITIONER_AVAILABILITY_TIMEOUT_MS));
    }

    /** Builds {@link ProducerOptions}. Not thread-safe. */
    public static final class Builder extends ClientOptions.Builder<Builder, ProducerOptions> {
        private Builder() {
            super(ProducerConfigs.DEFINITION);
        }

        /** {@code acks}: "all", "-1", "0" or "1". */
        public Builder acks(String acks) {
            return set(ProducerConfigs.ACKS, acks);
        }

        public Builder bufferMemory(long bytes) {
            return set(ProducerConfigs.BUFFER_MEMORY, bytes);
        }

        public Builder retries(int retries) {
            return set(ProducerConfigs.RETRIES, retries);
        }

        public Builder compression(CompressionType type) {
            return set(ProducerConfigs.COMPRESSION_TYPE, type);
        }

        public Builder batchSize(int bytes) {
            return set(ProducerConfigs.BATCH_SIZE, bytes);
        }

        public Builder linger(Duration linger) {
            return set(ProducerConfigs.LINGER_MS.name(), linger);
        }

        public Builder deliveryTimeout(Duration timeout) {
            return set(ProducerConfigs.DELIVERY_TIMEOUT_MS.name(), timeout);
        }

        public Builder maxRequestSize(int bytes) {
            return set(ProducerConfigs.MAX_REQUEST_SIZE, bytes);
        }

        public Builder maxBlock(Duration maxBlock) {
            return set(ProducerConfigs.MAX_BLOCK_MS.name(), maxBlock);
        }

        public Builder maxInFlightRequestsPerConnection(int requests) {
            return set(ProducerConfigs.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, requests);
        }

        public Builder enableIdempotence(boolean enable) {
            return set(ProducerConfigs.ENABLE_IDEMPOTENCE, enable);
        }

        public Builder partitionerIgnoreKeys(boolean ignore) {
            return set(ProducerConfigs.PARTITIONER_IGNORE_KEYS, ignore);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected ProducerOptions create(ClientConfig config) {
            return new ProducerOptions(config);
        }
    }
}
