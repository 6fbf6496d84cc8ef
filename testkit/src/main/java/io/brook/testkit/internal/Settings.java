package io.brook.testkit.internal;

import io.brook.testkit.ClusterSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The system properties and environment variables the testkit reads, in one place. Stateless.
 */
public final class Settings {

    /** The Kafka version launched when neither the builder nor {@value #KAFKA_VERSION} names one. */
    public static final String DEFAULT_KAFKA_VERSION = "4.1.1";
    /** System property: the Kafka version to launch; Brook's poms set it from the {@code kafka.version} property. */
    public static final String KAFKA_VERSION = "brook.kafka.version";
    /** System property (and, upper-cased with underscores, environment variable): a {@link ClusterSource}. */
    public static final String SOURCE = "brook.testkit.source";
    static final String SOURCE_ENV = "BROOK_TESTKIT_SOURCE";
    /** Environment variable naming an external cluster. */
    public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** System property naming an external cluster; the environment variable wins. */
    public static final String BOOTSTRAP_SERVERS = "brook.testkit.bootstrapServers";
    /** System property: where launched brokers' logs go. */
    public static final String LOG_DIR = "brook.testkit.logDir";
    /** System property prefix: {@code <prefix><version>} names a file holding that version's broker class path. */
    public static final String CLASSPATH_FILE_PREFIX = "brook.kafka.classpath.file.";
    /** System property: where resolved broker class paths are cached. */
    public static final String CACHE_DIR = "brook.testkit.cacheDir";
    /** System property: the Maven executable used to resolve broker class paths. */
    public static final String MVN_EXECUTABLE = "brook.mvn.executable";
    /** System property: the local repository the nested Maven uses ({@code -Dmaven.repo.local}). */
    public static final String MVN_REPO_LOCAL = "brook.mvn.repoLocal";
    /** System property: {@code true} makes the nested Maven run offline. */
    public static final String MVN_OFFLINE = "brook.mvn.offline";

    private Settings() {
    }

    /** The Kafka version to launch by default. */
    public static String kafkaVersion() {
        String configured = System.getProperty(KAFKA_VERSION, "").trim();
        return configured.isEmpty() ? DEFAULT_KAFKA_VERSION : requireVersion(configured);
    }

    /** Checks that a version looks like {@code 4.1.1} (it becomes part of file names and a Maven coordinate). */
    public static String requireVersion(String version) {
        if (version == null || !version.matches("[0-9]+\\.[0-9]+\\.[0-9]+([.-][A-Za-z0-9.-]+)?")) {
            throw new IllegalArgumentException("not a Kafka version: " + version);
        }
        return version;
    }

    /** The cluster source chosen by system property or environment, {@link ClusterSource#AUTO} if neither. */
    public static ClusterSource source() {
        String configured = System.getProperty(SOURCE, System.getenv().getOrDefault(SOURCE_ENV, "")).trim();
        if (configured.isEmpty()) {
            return ClusterSource.AUTO;
        }
        try {
            return ClusterSource.valueOf(configured.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SOURCE + " must be one of auto, external, docker, local; was "
                    + configured, e);
        }
    }

    /** The external cluster's bootstrap servers, if one is named. */
    public static Optional<String> externalBootstrapServers() {
        String fromEnv = System.getenv(BOOTSTRAP_SERVERS_ENV);
        String value = fromEnv != null && !fromEnv.isBlank() ? fromEnv : System.getProperty(BOOTSTRAP_SERVERS);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * Where launched brokers' logs go: the system property if set, else {@code target/kafka-logs} (or Gradle's
     * {@code build/kafka-logs}) under the working directory, which is the module's directory under Surefire and
     * Failsafe, else {@code kafka-logs} in the temporary directory.
     */
    public static Path logDirectory() {
        String configured = System.getProperty(LOG_DIR, "").trim();
        if (!configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (String buildDirectory : new String[] {"target", "build"}) {
            if (Files.isDirectory(workingDirectory.resolve(buildDirectory))) {
                return workingDirectory.resolve(buildDirectory).resolve("kafka-logs");
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "kafka-logs");
    }

    /** The file the build gave for this version's broker class path, if any. */
    static Optional<Path> classpathFile(String kafkaVersion) {
        String configured = System.getProperty(CLASSPATH_FILE_PREFIX + kafkaVersion, "").trim();
        return configured.isEmpty() ? Optional.empty() : Optional.of(Path.of(configured));
    }

    /** Where resolved broker class paths are cached. */
    static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_DIR, "").trim();
        return configured.isEmpty()
                ? Path.of(System.getProperty("user.home"), ".cache", "brook-testkit")
                : Path.of(configured);
    }

    static Optional<String> mavenExecutable() {
        return Optional.ofNullable(System.getProperty(MVN_EXECUTABLE)).filter(value -> !value.isBlank());
    }

    static Optional<String> mavenRepoLocal() {
        return Optional.ofNullable(System.getProperty(MVN_REPO_LOCAL)).filter(value -> !value.isBlank());
    }

    static boolean mavenOffline() {
        return Boolean.parseBoolean(System.getProperty(MVN_OFFLINE, "false"));
    }
}
