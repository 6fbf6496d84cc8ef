package io.brook.common.config;

import static io.brook.common.config.ConfigUnit.BYTES;
import static io.brook.common.config.ConfigUnit.MILLISECONDS;
import static io.brook.common.config.Importance.HIGH;
import static io.brook.common.config.Importance.LOW;
import static io.brook.common.config.Importance.MEDIUM;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer's keys: the {@link CommonConfigs} plus every standard key of Kafka's Java consumer, with its
 * defaults. Keys that configure parts of kafka-clients Brook does not have (its metrics library, interceptors,
 * telemetry push) are accepted so that a pasted kafka-clients configuration works, have no effect, say so in
 * their documentation and are logged once at WARN when set ({@link #NO_EFFECT}).
 */
public final class ConsumerConfigs {
    /** Brook's assignor names, and the kafka-clients class names that mean the same assignor. */
    private static final Map<String, String> ASSIGNOR_SPELLINGS = assignorSpellings();
    /** Kafka's built-in deserializer classes Brook maps to its own deserializers, by class name. */
    public static final Set<String> KAFKA_DESERIALIZERS = Set.of(
            "org.apache.kafka.common.serialization.StringDeserializer",
            "org.apache.kafka.common.serialization.ByteArrayDeserializer",
            "org.apache.kafka.common.serialization.LongDeserializer",
            "org.apache.kafka.common.serialization.IntegerDeserializer");

    public static final ConfigKey<String> GROUP_ID = ConfigKey.builder("group.id", ConfigType.STRING)
            .defaultValue(null).validator(Validators.nonBlank()).importance(HIGH)
            .documentation("The consumer group this consumer belongs to. Needed by subscribe() and by offset "
                    + "commits and lookups; a consumer without it can only assign() partitions and seek.")
            .build();

    public static final ConfigKey<String> GROUP_INSTANCE_ID = ConfigKey.builder("group.instance.id",
                    ConfigType.STRING)
            .defaultValue(null).validator(Validators.nonBlank()).importance(MEDIUM)
            .documentation("Makes the member static: a restart with the same id within session.timeout.ms gets "
                    + "its partitions back without a rebalance, and close() does not leave the group.")
            .build();

    public static final ConfigKey<Integer> SESSION_TIMEOUT_MS = ConfigKey.builder("session.timeout.ms",
                    ConfigType.INT)
            .defaultValue(45_000).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(HIGH)
            .documentation("A member whose heartbeats stop for this long is removed from the group and its "
                    + "partitions move. Must lie within the broker's group.min/max.session.timeout.ms.")
            .build();

    public static final ConfigKey<Integer> HEARTBEAT_INTERVAL_MS = ConfigKey.builder("heartbeat.interval.ms",
                    ConfigType.INT)
            .defaultValue(3_000).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(HIGH)
            .documentation("How often the background thread heartbeats to the group coordinator; keep it well "
                    + "below session.timeout.ms (a third or less).")
            .build();

    public static final ConfigKey<List<String>> PARTITION_ASSIGNMENT_STRATEGY = ConfigKey.builder(
                    "partition.assignment.strategy", ConfigType.LIST)
            .defaultValue(List.of("range", "cooperative-sticky")).validator(assignorList()).importance(MEDIUM)
            .documentation("The assignors this member offers, in order of preference: range, roundrobin, sticky, "
                    + "cooperative-sticky (kafka-clients' class names are accepted too). The group uses the first "
                    + "one every member offers; the rebalance is cooperative only if every listed assignor is.")
            .build();

    public static final ConfigKey<Boolean> ENABLE_AUTO_COMMIT = ConfigKey.builder("enable.auto.commit",
                    ConfigType.BOOLEAN)
            .defaultValue(true).importance(MEDIUM)
            .documentation("Commit the positions of the records poll() returned, from poll() every "
                    + "auto.commit.interval.ms, before partitions are revoked and on close. Needs group.id.")
            .build();

    public static final ConfigKey<Integer> AUTO_COMMIT_INTERVAL_MS = ConfigKey.builder("auto.commit.interval.ms",
                    ConfigType.INT)
            .defaultValue(5_000).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The least time between two automatic commits.")
            .build();

    public static final ConfigKey<String> CLIENT_RACK = ConfigKey.builder("client.rack", ConfigType.STRING)
            .defaultValue("").importance(LOW)
            .documentation("The rack of this consumer, sent in its group subscription (rack-aware assignment) "
                    + "and in Fetch requests so that a broker may name a closer replica to read from.")
            .build();

    public static final ConfigKey<Integer> MAX_PARTITION_FETCH_BYTES = ConfigKey.builder(
                    "max.partition.fetch.bytes", ConfigType.INT)
            .defaultValue(1_048_576).unit(BYTES).validator(Validators.atLeast(0)).importance(HIGH)
            .documentation("The most data one Fetch returns per partition (at least one batch is returned even if "
                    + "larger, so that the consumer always makes progress).")
            .build();

    public static final ConfigKey<Integer> FETCH_MIN_BYTES = ConfigKey.builder("fetch.min.bytes", ConfigType.INT)
            .defaultValue(1).unit(BYTES).validator(Validators.atLeast(0)).importance(HIGH)
            .documentation("The broker holds a Fetch until this much data is available or fetch.max.wait.ms "
                    + "passed.")
            .build();

    public static final ConfigKey<Integer> FETCH_MAX_BYTES = ConfigKey.builder("fetch.max.bytes", ConfigType.INT)
            .defaultValue(52_428_800).unit(BYTES).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The most data one Fetch response carries (at least one batch is returned even if "
                    + "larger). Brook also bounds the data it has fetched and not yet handed out by this much, "
                    + "over all brokers: no fetch is sent while that much is buffered.")
            .build();

    public static final ConfigKey<Integer> FETCH_MAX_WAIT_MS = ConfigKey.builder("fetch.max.wait.ms",
                    ConfigType.INT)
            .defaultValue(500).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The longest the broker holds a Fetch waiting for fetch.min.bytes.")
            .build();

    public static final ConfigKey<String> AUTO_OFFSET_RESET = ConfigKey.builder("auto.offset.reset",
                    ConfigType.STRING)
            .defaultValue("latest").validator(offsetResetStrategy()).importance(MEDIUM)
            .documentation("Where to start when a partition has no committed offset or its position is out of "
                    + "range: earliest, latest, by_duration:<ISO-8601 duration> (the first record at most that "
                    + "old), or none (poll() and position() throw an error naming the partitions).")
            .build();

    public static final ConfigKey<Boolean> CHECK_CRCS = ConfigKey.builder("check.crcs", ConfigType.BOOLEAN)
            .defaultValue(true).importance(LOW)
            .documentation("Verify the CRC-32C of every fetched record batch; a mismatch fails poll() with "
                    + "CorruptRecordException naming the partition and offset.")
            .build();

    public static final ConfigKey<String> KEY_DESERIALIZER = ConfigKey.builder("key.deserializer",
                    ConfigType.STRING)
            .defaultValue(null).validator(kafkaDeserializer()).importance(HIGH)
            .documentation("Only needed when no key Deserializer is passed to Consumer.create: one of Kafka's "
                    + "StringDeserializer, ByteArrayDeserializer, LongDeserializer or IntegerDeserializer (class "
                    + "name or Class), mapped to Brook's own.")
            .build();

    public static final ConfigKey<String> VALUE_DESERIALIZER = ConfigKey.builder("value.deserializer",
                    ConfigType.STRING)
            .defaultValue(null).validator(kafkaDeserializer()).importance(HIGH)
            .documentation("As key.deserializer, for values.")
            .build();

    public static final ConfigKey<Integer> MAX_POLL_RECORDS = ConfigKey.builder("max.poll.records",
                    ConfigType.INT)
            .defaultValue(500).validator(Validators.atLeast(1)).importance(MEDIUM)
            .documentation("The most records one poll() returns.")
            .build();

    public static final ConfigKey<Integer> MAX_POLL_INTERVAL_MS = ConfigKey.builder("max.poll.interval.ms",
                    ConfigType.INT)
            .defaultValue(300_000).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(MEDIUM)
            .documentation("A group member that does not call poll() for this long leaves the group (its "
                    + "partitions move); its next poll() throws PollIntervalExceededException and the one after "
                    + "rejoins. Also the rebalance timeout sent to the coordinator.")
            .build();

    public static final ConfigKey<Boolean> EXCLUDE_INTERNAL_TOPICS = ConfigKey.builder("exclude.internal.topics",
                    ConfigType.BOOLEAN)
            .defaultValue(true).importance(MEDIUM)
            .documentation("Whether a Pattern subscription leaves out internal topics (__consumer_offsets, ...). "
                    + "Naming an internal topic in subscribe() always works.")
            .build();

    public static final ConfigKey<IsolationLevel> ISOLATION_LEVEL = ConfigKey.builder("isolation.level",
                    ConfigType.enumOf(IsolationLevel.class))
            .defaultValue(IsolationLevel.READ_UNCOMMITTED).importance(MEDIUM)
            .documentation("read_uncommitted: every record up to the high watermark. read_committed: only up to "
                    + "the last stable offset, skipping the records of aborted transactions.")
            .build();

    public static final ConfigKey<Boolean> ALLOW_AUTO_CREATE_TOPICS = ConfigKey.builder("allow.auto.create.topics",
                    ConfigType.BOOLEAN)
            .defaultValue(true).importance(MEDIUM)
            .documentation("Whether subscribing to a missing topic may create it, if the broker's "
                    + "auto.create.topics.enable allows it.")
            .build();

    public static final ConfigKey<GroupProtocol> GROUP_PROTOCOL = ConfigKey.builder("group.protocol",
                    ConfigType.enumOf(GroupProtocol.class))
            .defaultValue(GroupProtocol.CLASSIC)
            .validator(Validators.oneOf("Brook implements the classic group protocol only",
                    List.of(GroupProtocol.CLASSIC)))
            .importance(HIGH)
            .documentation("The group protocol. Brook implements classic (JoinGroup/SyncGroup/Heartbeat with "
                    + "client-side assignors), which kafka-clients members of the same group also use by default.")
            .build();

    // ---- accepted for compatibility, no effect --------------------------------------------------------------

    public static final ConfigKey<String> GROUP_REMOTE_ASSIGNOR = noEffect(ConfigKey.builder("group.remote.assignor",
                    ConfigType.STRING).defaultValue(null),
            "configures the server-side assignor of group.protocol=consumer");
    public static final ConfigKey<Boolean> ENABLE_METRICS_PUSH = noEffect(ConfigKey.builder("enable.metrics.push",
                    ConfigType.BOOLEAN).defaultValue(true),
            "Brook does not push client telemetry (KIP-714)");
    public static final ConfigKey<Long> METRICS_SAMPLE_WINDOW_MS = noEffect(ConfigKey.builder(
                    "metrics.sample.window.ms", ConfigType.LONG).defaultValue(30_000L).unit(MILLISECONDS)
                    .validator(Validators.atLeast(0)),
            "configures kafka-clients' metrics library; Brook reports through Micrometer");
    public static final ConfigKey<Integer> METRICS_NUM_SAMPLES = noEffect(ConfigKey.builder("metrics.num.samples",
                    ConfigType.INT).defaultValue(2).validator(Validators.atLeast(1)),
            "configures kafka-clients' metrics library; Brook reports through Micrometer");
    public static final ConfigKey<String> METRICS_RECORDING_LEVEL = noEffect(ConfigKey.builder(
                    "metrics.recording.level", ConfigType.STRING).defaultValue("INFO"),
            "configures kafka-clients' metrics library; Brook reports through Micrometer");
    public static final ConfigKey<List<String>> METRIC_REPORTERS = noEffect(ConfigKey.builder("metric.reporters",
                    ConfigType.LIST).defaultValue(List.of()),
            "names kafka-clients metrics reporter classes; Brook reports through Micrometer");
    public static final ConfigKey<List<String>> INTERCEPTOR_CLASSES = noEffect(ConfigKey.builder(
                    "interceptor.classes", ConfigType.LIST).defaultValue(List.of()),
            "names kafka-clients interceptor classes; Brook has an event listener instead");
    public static final ConfigKey<String> SECURITY_PROVIDERS = noEffect(ConfigKey.builder("security.providers",
                    ConfigType.STRING).defaultValue(null),
            "names kafka-clients security provider classes");
    public static final ConfigKey<String> SHARE_ACKNOWLEDGEMENT_MODE = noEffect(ConfigKey.builder(
                    "share.acknowledgement.mode", ConfigType.STRING).defaultValue("implicit"),
            "applies to share consumers (KIP-932) only");

    /** Keys accepted for compatibility with kafka-clients configurations that do nothing in Brook. */
    public static final List<ConfigKey<?>> NO_EFFECT = List.of(GROUP_REMOTE_ASSIGNOR, ENABLE_METRICS_PUSH,
            METRICS_SAMPLE_WINDOW_MS, METRICS_NUM_SAMPLES, METRICS_RECORDING_LEVEL, METRIC_REPORTERS,
            INTERCEPTOR_CLASSES, SECURITY_PROVIDERS, SHARE_ACKNOWLEDGEMENT_MODE);

    /** The consumer's key set. */
    public static final ConfigDefinition DEFINITION = buildDefinition();

    private ConsumerConfigs() {}

    /**
     * Brook's name of the assignor {@code spelling} stands for: {@code range}, {@code roundrobin}, {@code sticky}
     * or {@code cooperative-sticky}; kafka-clients' class names (with or without a {@code "class "} prefix) map to
     * the same names.
     */
    public static Optional<String> assignorName(String spelling) {
        String s = spelling.trim();
        if (s.startsWith("class ")) {
            s = s.substring("class ".length()).trim();
        }
        return Optional.ofNullable(ASSIGNOR_SPELLINGS.get(s.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses {@code auto.offset.reset}'s {@code by_duration:} form.
     *
     * @return the duration, or empty for earliest, latest and none
     */
    public static Optional<Duration> resetDuration(String autoOffsetReset) {
        String v = autoOffsetReset.trim().toLowerCase(Locale.ROOT);
        if (!v.startsWith("by_duration:")) {
            return Optional.empty();
        }
        return Optional.of(Duration.parse(autoOffsetReset.trim().substring("by_duration:".length()).trim()));
    }

    private static ConfigDefinition buildDefinition() {
        ConfigDefinition.Builder b = ConfigDefinition.builder("consumer")
                .include(CommonConfigs.DEFINITION)
                .add(GROUP_ID)
                .add(GROUP_INSTANCE_ID)
                .add(GROUP_PROTOCOL)
                .add(SESSION_TIMEOUT_MS)
                .add(HEARTBEAT_INTERVAL_MS)
                .add(MAX_POLL_INTERVAL_MS)
                .add(PARTITION_ASSIGNMENT_STRATEGY)
                .add(ENABLE_AUTO_COMMIT)
                .add(AUTO_COMMIT_INTERVAL_MS)
                .add(AUTO_OFFSET_RESET)
                .add(MAX_POLL_RECORDS)
                .add(FETCH_MIN_BYTES)
                .add(FETCH_MAX_BYTES)
                .add(FETCH_MAX_WAIT_MS)
                .add(MAX_PARTITION_FETCH_BYTES)
                .add(CHECK_CRCS)
                .add(ISOLATION_LEVEL)
                .add(CLIENT_RACK)
                .add(EXCLUDE_INTERNAL_TOPICS)
                .add(ALLOW_AUTO_CREATE_TOPICS)
                .add(KEY_DESERIALIZER)
                .add(VALUE_DESERIALIZER);
        NO_EFFECT.forEach(b::add);
        return b.build();
    }

    private static <T> ConfigKey<T> noEffect(ConfigKey.Builder<T> builder, String why) {
        return builder.importance(LOW)
                .documentation("No effect in Brook (accepted so that kafka-clients configurations work; logged at "
                        + "WARN when set): it " + why + ".")
                .build();
    }

    private static Map<String, String> assignorSpellings() {
        Map<String, String> m = new LinkedHashMap<>();
        String pkg = "org.apache.kafka.clients.consumer.";
        for (String[] pair : new String[][] {{"range", "RangeAssignor"}, {"roundrobin", "RoundRobinAssignor"},
            {"sticky", "StickyAssignor"}, {"cooperative-sticky", "CooperativeStickyAssignor"}}) {
            m.put(pair[0], pair[0]);
            m.put((pkg + pair[1]).toLowerCase(Locale.ROOT), pair[0]);
        }
        return Map.copyOf(m);
    }

    private static Validator<List<String>> assignorList() {
        return new Validator<>() {
            @Override
            public String check(List<String> value) {
                if (value == null) {
                    return null;
                }
                if (value.isEmpty()) {
                    return "at least one assignor";
                }
                for (String entry : value) {
                    if (assignorName(entry).isEmpty()) {
                        return "assignors among range, roundrobin, sticky, cooperative-sticky (or kafka-clients' "
                                + "RangeAssignor, RoundRobinAssignor, StickyAssignor, CooperativeStickyAssignor class "
                                + "names); '" + entry + "' is none of them";
                    }
                }
                return null;
            }

            @Override
            public String describe() {
                return "range, roundrobin, sticky, cooperative-sticky";
            }
        };
    }

    private static Validator<String> offsetResetStrategy() {
        return new Validator<>() {
            @Override
            public String check(String value) {
                if (value == null) {
                    return null;
                }
                String v = value.toLowerCase(Locale.ROOT);
                if (v.equals("earliest") || v.equals("latest") || v.equals("none")) {
                    return null;
                }
                try {
                    Optional<Duration> d = resetDuration(value);
                    if (d.isPresent() && !d.get().isNegative()) {
                        return null;
                    }
                } catch (DateTimeParseException e) {
                    // fall through to the expectation
                }
                return "earliest, latest, none or by_duration:<non-negative ISO-8601 duration, e.g. PT1H>";
            }

            @Override
            public String describe() {
                return "earliest, latest, none, by_duration:PnDTnHnMn.nS";
            }
        };
    }

    private static Validator<String> kafkaDeserializer() {
        return new Validator<>() {
            @Override
            public String check(String value) {
                if (value == null || KAFKA_DESERIALIZERS.contains(value)) {
                    return null;
                }
                return "one of Kafka's String, ByteArray, Long or Integer deserializer class names (Brook cannot "
                        + "load Kafka deserializer classes; pass an io.brook.common.Deserializer to "
                        + "Consumer.create instead)";
            }

            @Override
            public String describe() {
                return "Kafka's String/ByteArray/Long/IntegerDeserializer";
            }
        };
    }
}
