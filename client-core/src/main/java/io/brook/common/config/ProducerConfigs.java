package io.brook.common.config;

import static io.brook.common.config.ConfigUnit.BYTES;
import static io.brook.common.config.ConfigUnit.MILLISECONDS;
import static io.brook.common.config.Importance.HIGH;
import static io.brook.common.config.Importance.LOW;
import static io.brook.common.config.Importance.MEDIUM;

import io.brook.protocol.compress.CompressionType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The producer's keys: the {@link CommonConfigs} (with Kafka's producer default for {@code receive.buffer.bytes})
 * plus every standard key of Kafka's Java producer, with its default. Keys of Kafka's producer that have no
 * meaning in Brook ({@link #NO_EFFECT}) are accepted, so that a pasted kafka-clients configuration works, and
 * logged once at WARN by the producer saying why they have no effect.
 */
public final class ProducerConfigs {
    /** Filled while the no-effect keys below are defined: declared first so that it exists by then. */
    private static final Map<String, String> NO_EFFECT_REASONS = new LinkedHashMap<>();
    /** The accepted spellings of {@code acks}. */
    private static final Set<String> ACKS_VALUES = Set.of("all", "-1", "0", "1");

    public static final ConfigKey<String> ACKS = ConfigKey.builder("acks", ConfigType.STRING)
            .defaultValue("all").validator(oneOfText(ACKS_VALUES, "all, -1, 0, 1")).importance(HIGH)
            .documentation("How many replicas must have the records before a send completes. 0: none, the send "
                    + "completes once written to the socket (offset -1, no retries can help); 1: the leader; "
                    + "all (or -1): every in-sync replica, as min.insync.replicas asks.")
            .build();

    public static final ConfigKey<Long> BUFFER_MEMORY = ConfigKey.builder("buffer.memory", ConfigType.LONG)
            .defaultValue(32L * 1024 * 1024).unit(BYTES).validator(Validators.atLeast(0)).importance(HIGH)
            .documentation("The bytes of records the producer holds, serialized, before they are acknowledged "
                    + "(batches waiting, in flight, and records waiting for their topic's metadata). When full, "
                    + "send waits up to max.block.ms for room, then fails with a TimeoutException.")
            .build();

    public static final ConfigKey<Integer> RETRIES = ConfigKey.builder("retries", ConfigType.INT)
            .defaultValue(Integer.MAX_VALUE).validator(Validators.between(0, Integer.MAX_VALUE)).importance(HIGH)
            .documentation("How many times a batch that failed with a retriable error is sent again. "
                    + "delivery.timeout.ms usually ends retrying first. 0 disables retries (and implicit "
                    + "idempotence).")
            .build();

    public static final ConfigKey<CompressionType> COMPRESSION_TYPE = ConfigKey.builder("compression.type",
                    ConfigType.enumOf(CompressionType.class))
            .defaultValue(CompressionType.NONE).importance(HIGH)
            .documentation("The codec record batches are compressed with: none, gzip, snappy, lz4 or zstd.")
            .build();

    public static final ConfigKey<Integer> COMPRESSION_GZIP_LEVEL = ConfigKey.builder("compression.gzip.level",
                    ConfigType.INT)
            .defaultValue(-1).validator(levels(CompressionType.GZIP, "-1 or 1..9")).importance(MEDIUM)
            .documentation("The gzip level: 1 (fastest) to 9 (smallest), or -1 for zlib's default (6).")
            .build();

    public static final ConfigKey<Integer> COMPRESSION_LZ4_LEVEL = ConfigKey.builder("compression.lz4.level",
                    ConfigType.INT)
            .defaultValue(9).validator(levels(CompressionType.LZ4, "1..17")).importance(MEDIUM)
            .documentation("The lz4 level, 1 to 17. The default, 9, uses lz4's fast compressor; any other "
                    + "level its slower high-compression one, as in Kafka's client.")
            .build();

    public static final ConfigKey<Integer> COMPRESSION_ZSTD_LEVEL = ConfigKey.builder("compression.zstd.level",
                    ConfigType.INT)
            .defaultValue(3).validator(levels(CompressionType.ZSTD, "-131072..22")).importance(MEDIUM)
            .documentation("The zstd level, -131072 (fastest) to 22 (smallest).")
            .build();

    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.builder("batch.size", ConfigType.INT)
            .defaultValue(16_384).unit(BYTES).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The size a batch of records for one partition grows to before it is sent (a record "
                    + "larger than this gets a batch of its own). 0 sends every record in a batch of its own. Also "
                    + "how many bytes a record without key sends to one partition before moving to the next.")
            .build();

    public static final ConfigKey<Boolean> PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE = ConfigKey.builder(
                    "partitioner.adaptive.partitioning.enable", ConfigType.BOOLEAN)
            .defaultValue(true).importance(LOW)
            .documentation("Records without key go more often to partitions whose queue is short, so that a slow "
                    + "broker gets less (KIP-794). When false, they are spread evenly over partitions with a leader.")
            .build();

    public static final ConfigKey<Long> PARTITIONER_AVAILABILITY_TIMEOUT_MS = ConfigKey.builder(
                    "partitioner.availability.timeout.ms", ConfigType.LONG)
            .defaultValue(0L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("With adaptive partitioning, a partition whose leader has had batches ready but none "
                    + "sent for this long gets no records without key until it catches up. 0 turns this off.")
            .build();

    public static final ConfigKey<Boolean> PARTITIONER_IGNORE_KEYS = ConfigKey.builder("partitioner.ignore.keys",
                    ConfigType.BOOLEAN)
            .defaultValue(false).importance(MEDIUM)
            .documentation("When true, keys do not choose the partition: every record without an explicit "
                    + "partition is placed as a record without key.")
            .build();

    public static final ConfigKey<Long> LINGER_MS = ConfigKey.builder("linger.ms", ConfigType.LONG)
            .defaultValue(5L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("How long a batch waits for more records before it is sent, unless it fills up first "
                    + "or flush or close is called.")
            .build();

    public static final ConfigKey<Integer> DELIVERY_TIMEOUT_MS = ConfigKey.builder("delivery.timeout.ms",
                    ConfigType.INT)
            .defaultValue(120_000).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The time a record has, from send, to be acknowledged, retries included; then its "
                    + "future fails with a TimeoutException. Must be at least linger.ms + request.timeout.ms.")
            .build();

    public static final ConfigKey<Integer> MAX_REQUEST_SIZE = ConfigKey.builder("max.request.size", ConfigType.INT)
            .defaultValue(1_048_576).unit(BYTES).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The largest produce request the producer sends, and so the largest record: a record "
                    + "whose batch would exceed it fails at once in send with a RecordTooLargeException.")
            .build();

    public static final ConfigKey<Long> MAX_BLOCK_MS = ConfigKey.builder("max.block.ms", ConfigType.LONG)
            .defaultValue(60_000L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The longest send waits for room in buffer.memory (then its future fails with a "
                    + "TimeoutException); also how long a record waits for its topic's metadata (then it fails "
                    + "with UnknownTopicOrPartitionException). send never waits for metadata itself.")
            .build();

    public static final ConfigKey<Long> METADATA_MAX_IDLE_MS = ConfigKey.builder("metadata.max.idle.ms",
                    ConfigType.LONG)
            .defaultValue(300_000L).unit(MILLISECONDS).validator(Validators.atLeast(5_000)).importance(LOW)
            .documentation("A topic nothing was sent to for this long is dropped from the metadata the producer "
                    + "keeps; the next send to it waits for its metadata again.")
            .build();

    public static final ConfigKey<Integer> MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = ConfigKey.builder(
                    "max.in.flight.requests.per.connection", ConfigType.INT)
            .defaultValue(5).validator(Validators.atLeast(1)).importance(LOW)
            .documentation("Produce requests sent to one broker and not yet answered, at most. With idempotence, "
                    + "at most 5; order is kept per partition. Without it, a retry may reorder records unless "
                    + "this is 1.")
            .build();

    public static final ConfigKey<String> KEY_SERIALIZER = ConfigKey.builder("key.serializer", ConfigType.STRING)
            .defaultValue(null).importance(HIGH)
            .documentation("The key serializer when none is passed to the producer: a class implementing "
                    + "io.brook.common.Serializer, or Kafka's String, ByteArray, ByteBuffer, Integer, Long, Short, "
                    + "Float, Double, UUID or Void serializer by its Kafka class name. A serializer passed in "
                    + "code wins.")
            .build();

    public static final ConfigKey<String> VALUE_SERIALIZER = ConfigKey.builder("value.serializer", ConfigType.STRING)
            .defaultValue(null).importance(HIGH)
            .documentation("The value serializer when none is passed to the producer; as key.serializer.")
            .build();

    public static final ConfigKey<String> PARTITIONER_CLASS = ConfigKey.builder("partitioner.class",
                    ConfigType.STRING)
            .defaultValue(null).importance(MEDIUM)
            .documentation("A class implementing io.brook.producer.Partitioner (public, with a public no-argument "
                    + "constructor), or Kafka's RoundRobinPartitioner by its Kafka class name. Unset: keyed "
                    + "records by murmur2 of the key, as Kafka's client, and the others uniform sticky.")
            .build();

    public static final ConfigKey<Boolean> ENABLE_IDEMPOTENCE = ConfigKey.builder("enable.idempotence",
                    ConfigType.BOOLEAN)
            .defaultValue(true).importance(LOW)
            .documentation("Each partition's records are written exactly once and in order, even when retried: "
                    + "the producer gets a producer id and numbers its batches. Needs acks=all, retries > 0 and "
                    + "max.in.flight.requests.per.connection <= 5; if those are set otherwise and this key is not "
                    + "set, idempotence is turned off, and if it is set to true, creating the producer fails.")
            .build();

    public static final ConfigKey<Integer> TRANSACTION_TIMEOUT_MS = ConfigKey.builder("transaction.timeout.ms",
                    ConfigType.INT)
            .defaultValue(60_000).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(LOW)
            .documentation("How long the transaction coordinator lets a transaction stay open before aborting it. "
                    + "Used with transactional.id.")
            .build();

    public static final ConfigKey<String> TRANSACTIONAL_ID = ConfigKey.builder("transactional.id", ConfigType.STRING)
            .defaultValue(null).validator(Validators.nonBlank()).importance(LOW)
            .documentation("The id that makes a producer transactional (initTransactions, beginTransaction, "
                    + "commitTransaction, ...). A new instance with the same id fences the older ones. Needs "
                    + "idempotence (acks=all, retries > 0, at most 5 requests in flight).")
            .build();

    public static final ConfigKey<Boolean> TRANSACTION_TWO_PHASE_COMMIT_ENABLE = ConfigKey.builder(
                    "transaction.two.phase.commit.enable", ConfigType.BOOLEAN)
            .defaultValue(false).importance(LOW)
            .documentation("Lets an external transaction manager complete transactions (KIP-939). Not supported "
                    + "by Brook: true fails creating the producer.")
            .build();

    // ---- keys of Kafka's producer that have no effect in Brook -------------------------------------------------

    public static final ConfigKey<List<String>> METRIC_REPORTERS = noEffect(ConfigKey.builder("metric.reporters",
            ConfigType.LIST).defaultValue(List.of()), "Brook has no metrics reporters of its own: pass a Micrometer "
            + "MeterRegistry to the producer's builder instead.");

    public static final ConfigKey<Long> METRICS_SAMPLE_WINDOW_MS = noEffect(ConfigKey.builder(
            "metrics.sample.window.ms", ConfigType.LONG).defaultValue(30_000L).unit(MILLISECONDS),
            "Brook's meters are Micrometer meters; the registry decides how they are sampled.");

    public static final ConfigKey<Integer> METRICS_NUM_SAMPLES = noEffect(ConfigKey.builder("metrics.num.samples",
            ConfigType.INT).defaultValue(2), "Brook's meters are Micrometer meters; the registry decides how they "
            + "are sampled.");

    public static final ConfigKey<String> METRICS_RECORDING_LEVEL = noEffect(ConfigKey.builder(
            "metrics.recording.level", ConfigType.STRING).defaultValue("INFO"), "Brook records every meter it has "
            + "whenever a MeterRegistry is given.");

    public static final ConfigKey<List<String>> INTERCEPTOR_CLASSES = noEffect(ConfigKey.builder(
            "interceptor.classes", ConfigType.LIST).defaultValue(List.of()), "Brook has no interceptors: wrap the "
            + "producer, or chain on the futures send returns.");

    public static final ConfigKey<Boolean> ENABLE_METRICS_PUSH = noEffect(ConfigKey.builder("enable.metrics.push",
            ConfigType.BOOLEAN).defaultValue(true), "Brook does not push client metrics to brokers (KIP-714).");

    public static final ConfigKey<Boolean> AUTO_INCLUDE_JMX_REPORTER = noEffect(ConfigKey.builder(
            "auto.include.jmx.reporter", ConfigType.BOOLEAN).defaultValue(true), "Brook registers no JMX beans; "
            + "Micrometer can publish to JMX if wanted.");

    /** The keys accepted for compatibility with Kafka's producer that change nothing, with the reason. */
    public static final Map<String, String> NO_EFFECT = Collections.unmodifiableMap(NO_EFFECT_REASONS);

    /** The producer's key set. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder("producer")
            .include(CommonConfigs.DEFINITION)
            .override(CommonConfigs.RECEIVE_BUFFER_BYTES, 32 * 1024)
            .add(ACKS)
            .add(BUFFER_MEMORY)
            .add(RETRIES)
            .add(COMPRESSION_TYPE)
            .add(COMPRESSION_GZIP_LEVEL)
            .add(COMPRESSION_LZ4_LEVEL)
            .add(COMPRESSION_ZSTD_LEVEL)
            .add(BATCH_SIZE)
            .add(LINGER_MS)
            .add(DELIVERY_TIMEOUT_MS)
            .add(MAX_REQUEST_SIZE)
            .add(MAX_BLOCK_MS)
            .add(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)
            .add(ENABLE_IDEMPOTENCE)
            .add(PARTITIONER_CLASS)
            .add(PARTITIONER_IGNORE_KEYS)
            .add(PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE)
            .add(PARTITIONER_AVAILABILITY_TIMEOUT_MS)
            .add(KEY_SERIALIZER)
            .add(VALUE_SERIALIZER)
            .add(METADATA_MAX_IDLE_MS)
            .add(TRANSACTIONAL_ID)
            .add(TRANSACTION_TIMEOUT_MS)
            .add(TRANSACTION_TWO_PHASE_COMMIT_ENABLE)
            .add(METRIC_REPORTERS)
            .add(METRICS_SAMPLE_WINDOW_MS)
            .add(METRICS_NUM_SAMPLES)
            .add(METRICS_RECORDING_LEVEL)
            .add(INTERCEPTOR_CLASSES)
            .add(ENABLE_METRICS_PUSH)
            .add(AUTO_INCLUDE_JMX_REPORTER)
            .build();

    private ProducerConfigs() {}

    /** Builds a key documented as having no effect in Brook, and records why. */
    private static <T> ConfigKey<T> noEffect(ConfigKey.Builder<T> builder, String reason) {
        ConfigKey<T> key = builder.importance(LOW).documentation("No effect in Brook (accepted so that a Kafka "
                + "client configuration works; a WARN is logged when set). " + reason).build();
        NO_EFFECT_REASONS.put(key.name(), reason);
        return key;
    }

    private static Validator<String> oneOfText(Set<String> allowed, String shown) {
        return new Validator<>() {
            @Override
            public String check(String value) {
                return value == null || allowed.contains(value.trim().toLowerCase(java.util.Locale.ROOT)) ? null
                        : "one of " + shown;
            }

            @Override
            public String describe() {
                return shown;
            }
        };
    }

    private static Validator<Number> levels(CompressionType type, String shown) {
        return new Validator<>() {
            @Override
            public String check(Number value) {
                return value == null || type.isValidLevel(value.intValue()) ? null : "a " + type + " level, " + shown;
            }

            @Override
            public String describe() {
                return shown;
            }
        };
    }
}
