package io.brook.testkit;

import io.brook.testkit.internal.ClusterFactory;
import io.brook.testkit.internal.ClusterSpec;
import io.brook.testkit.internal.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link KafkaCluster}. Not thread-safe; {@link #build()} copies the settings, so a builder can be
 * reused.
 *
 * <p>Defaults come from system properties where one is set, so a build can steer every test at once:
 * <table>
 *   <caption>System properties read by the builder</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code brook.kafka.version}</td><td>{@value Settings#DEFAULT_KAFKA_VERSION}</td>
 *       <td>Kafka version launched ({@link #kafkaVersion})</td></tr>
 *   <tr><td>{@code brook.testkit.source}</td><td>{@code AUTO}</td>
 *       <td>{@link ClusterSource} name; also the environment variable {@code BROOK_TESTKIT_SOURCE}</td></tr>
 *   <tr><td>{@code brook.testkit.logDir}</td><td>{@code target/kafka-logs} of the working directory</td>
 *       <td>where launched brokers' logs go ({@link #logDirectory})</td></tr>
 *   <tr><td>{@code brook.kafka.classpath.file.<version>}</td><td>none</td>
 *       <td>a file holding the broker class path for that version (as {@code dependency:build-classpath} writes
 *       it); when absent, the class path is resolved by running Maven and cached</td></tr>
 *   <tr><td>{@code brook.testkit.cacheDir}</td><td>{@code ~/.cache/brook-testkit}</td>
 *       <td>where resolved broker class paths are cached, one file per Kafka version</td></tr>
 *   <tr><td>{@code brook.mvn.executable}</td><td>{@code $MAVEN_HOME/bin/mvn}, else {@code mvn} on the PATH</td>
 *       <td>the Maven used to resolve a broker class path; {@code brook.mvn.repoLocal} and
 *       {@code brook.mvn.offline} are passed on to it</td></tr>
 * </table>
 */
public final class KafkaClusterBuilder {

    private int nodes = 1;
    private String kafkaVersion = Settings.kafkaVersion();
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private ClusterSource source = Settings.source();
    private Duration startTimeout = Duration.ofSeconds(120);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private Path logDirectory = Settings.logDirectory();
    private String brokerHeap = "512m";
    private final List<String> brokerJvmOptions = new ArrayList<>();
    private final Set<Listener> listeners = EnumSet.noneOf(Listener.class);
    private final Map<String, String> saslUsers = new LinkedHashMap<>();
    private final Map<String, Integer> features = new LinkedHashMap<>();

    KafkaClusterBuilder() {
    }

    /** The number of nodes, each broker and controller: 1 (default) or 3; 2, 4 and 5 also work. */
    public KafkaClusterBuilder nodes(int nodes) {
        if (nodes < 1 || nodes > 5) {
            throw new IllegalArgumentException("nodes must be between 1 and 5, was " + nodes);
        }
        this.nodes = nodes;
        return this;
    }

    /** The Apache Kafka version to launch, e.g. {@code "4.1.1"} or {@code "3.9.1"} (KRaft: 3.7 or later). */
    public KafkaClusterBuilder kafkaVersion(String kafkaVersion) {
        this.kafkaVersion = Settings.requireVersion(kafkaVersion);
        return this;
    }

    /** Sets one broker property on every node, replacing the testkit's default for that key, if any. */
    public KafkaClusterBuilder brokerProperty(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        brokerProperties.put(key, value);
        return this;
    }

    /**
     * Starts every node with Kafka's {@code StandardAuthorizer} (ACLs kept in the KRaft metadata, for brokers and
     * controllers alike) and {@code super.users}, so that ACL calls work and principals without ACLs are denied.
     * {@code User:ANONYMOUS} is always a super user: it is who the brokers and controllers are to each other, and
     * who every client of the PLAINTEXT listener is, so the cluster and the tests that do not care about ACLs keep
     * working; ACLs then restrict the principals of authenticated listeners (SASL users, TLS client certificates).
     * Starting the cluster costs no more than without an authorizer.
     *
     * @param superUsers further super users, as {@code Type:name} ({@code User:admin})
     * @throws IllegalArgumentException if a super user does not look like {@code Type:name} or holds a {@code ;}
     */
    public KafkaClusterBuilder standardAuthorizer(String... superUsers) {
        Set<String> users = new LinkedHashSet<>();
        users.add("User:ANONYMOUS");
        for (String user : superUsers) {
            if (user == null || !user.matches("[A-Za-z]+:[^;]+")) {
                throw new IllegalArgumentException("a super user looks like User:name, was " + user);
            }
            users.add(user);
        }
        brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        brokerProperty("super.users", String.join(";", users));
        return this;
    }

    /** Where the brokers come from; {@link ClusterSource#AUTO} by default. */
    public KafkaClusterBuilder source(ClusterSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** How long {@link KafkaCluster#start()} and {@link KafkaCluster#restart} wait for nodes to be ready. */
    public KafkaClusterBuilder startTimeout(Duration startTimeout) {
        this.startTimeout = requirePositive(startTimeout, "startTimeout");
        return this;
    }

    /** How long a graceful stop waits for a node to exit before killing it. */
    public KafkaClusterBuilder stopTimeout(Duration stopTimeout) {
        this.stopTimeout = requirePositive(stopTimeout, "stopTimeout");
        return this;
    }

    /**
     * The directory under which a launched cluster keeps its nodes' logs, one sub-directory per cluster, kept
     * after {@link KafkaCluster#close()} for diagnosis.
     */
    public KafkaClusterBuilder logDirectory(Path logDirectory) {
        this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
        return this;
    }

    /** The maximum heap of each launched broker JVM, as for {@code -Xmx}; {@code 512m} by default. */
    public KafkaClusterBuilder brokerHeap(String brokerHeap) {
        if (!brokerHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("brokerHeap must look like 512m, was " + brokerHeap);
        }
        this.brokerHeap = brokerHeap;
        return this;
    }

    /** Adds a JVM option for each launched broker, after the testkit's own (so it can override them). */
    public KafkaClusterBuilder brokerJvmOption(String option) {
        brokerJvmOptions.add(Objects.requireNonNull(option, "option"));
        return this;
    }

    /**
     * Opens a secured listener on every node besides the PLAINTEXT one, which stays (the controller and the brokers
     * use it among themselves). TLS listeners use certificates of a test authority the cluster creates when it
     * starts ({@link KafkaCluster#certificates()}). Only for launched ({@link ClusterSource#LOCAL}) clusters: with
     * {@link ClusterSource#AUTO} the cluster is then launched even where Docker is available.
     */
    public KafkaClusterBuilder listener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * A user of the SASL listeners: accepted with PLAIN, and registered for SCRAM-SHA-256 and SCRAM-SHA-512 when the
     * storage is formatted. Names and passwords are letters, digits, '-' and '_' (they pass through the storage
     * tool's argument syntax unquoted).
     */
    public KafkaClusterBuilder saslUser(String name, String password) {
        for (String value : new String[] {name, password}) {
            if (value == null || !value.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("SASL user names and passwords must be [A-Za-z0-9_-]+");
            }
        }
        saslUsers.put(name, password);
        return this;
    }

    /**
     * Formats the storage of a launched cluster with {@code name} at {@code level} instead of the version's default
     * ({@code kafka-storage format --feature name=level}), e.g. {@code feature("transaction.version", 1)} for a
     * cluster without transaction protocol version 2. Only for launched ({@link ClusterSource#LOCAL}) clusters.
     */
    public KafkaClusterBuilder feature(String name, int level) {
        if (name == null || !name.matches("[a-z][a-z0-9._-]*")) {
            throw new IllegalArgumentException("A feature name is lower-case letters, digits, '.', '_' and '-': "
                    + name);
        }
        if (level < 0) {
            throw new IllegalArgumentException("A feature level is >= 0: " + name + "=" + level);
        }
        features.put(name, level);
        return this;
    }

    /** Builds the cluster without starting it; call {@link KafkaCluster#start()} next. */
    public KafkaCluster build() {
        ClusterSpec spec = new ClusterSpec(nodes, kafkaVersion, brokerProperties, startTimeout, stopTimeout,
                logDirectory, brokerHeap, brokerJvmOptions, listeners, saslUsers, features);
        return ClusterFactory.create(source == ClusterSource.AUTO && (!listeners.isEmpty() || !features.isEmpty())
                && ClusterFactory.choose() != ClusterSource.EXTERNAL ? ClusterSource.LOCAL : source, spec);
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
