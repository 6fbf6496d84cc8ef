package io.brook.testkit.internal;

import io.brook.testkit.KafkaClusterException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a Kafka broker's class path by running Maven ({@code dependency:build-classpath}) on a generated pom
 * that depends on {@code org.apache.kafka:kafka_2.13} and the logging binding that version's broker expects
 * (log4j 2 for Kafka 4, reload4j for Kafka 3), so everything comes from Maven Central through the user's own
 * Maven settings (mirrors, proxies, local repository). Stateless.
 */
final class MavenClasspathResolver {

    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private MavenClasspathResolver() {
    }

    /** The class path, as the path-separator-separated list Maven writes. */
    static String resolve(String kafkaVersion, Duration timeout) {
        Path workDirectory = null;
        try {
            workDirectory = Files.createTempDirectory("brook-kafka-classpath-");
            Path pom = workDirectory.resolve("pom.xml");
            Files.writeString(pom, pom(kafkaVersion), StandardCharsets.UTF_8);
            Path output = workDirectory.resolve("classpath.txt");
            Path log = workDirectory.resolve("maven.log");
            Process maven = new ProcessBuilder(command(pom, output))
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!maven.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                maven.destroyForcibly();
                throw new KafkaClusterException("Maven did not resolve Kafka " + kafkaVersion + " within " + timeout
                        + "; its output ends with:\n" + LogTail.of(log, 30));
            }
            if (maven.exitValue() != 0 || !Files.isRegularFile(output)) {
                throw new KafkaClusterException("Maven failed (exit " + maven.exitValue() + ") to resolve "
                        + "org.apache.kafka:kafka_2.13:" + kafkaVersion + "; its output ends with:\n"
                        + LogTail.of(log, 30));
            }
            return Files.readString(output, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new KafkaClusterException("cannot run Maven to resolve Kafka " + kafkaVersion + " (set the system "
                    + "property " + Settings.MVN_EXECUTABLE + " or MAVEN_HOME, or put mvn on the PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while resolving Kafka " + kafkaVersion, e);
        } finally {
            if (workDirectory != null) {
                ChildProcesses.deleteRecursively(workDirectory);
            }
        }
    }

    static List<String> command(Path pom, Path output) {
        List<String> command = new ArrayList<>();
        command.add(mavenExecutable());
        command.add("-B");
        command.add("-q");
        if (Settings.mavenOffline()) {
            command.add("-o");
        }
        Settings.mavenRepoLocal().ifPresent(repository -> command.add("-Dmaven.repo.local=" + repository));
        command.add("-f");
        command.add(pom.toString());
        command.add(DEPENDENCY_PLUGIN + ":build-classpath");
        command.add("-Dmdep.outputFile=" + output);
        command.add("-Dmdep.includeScope=runtime");
        return command;
    }

    static String pom(String kafkaVersion) {
        int major = Integer.parseInt(kafkaVersion.substring(0, kafkaVersion.indexOf('.')));
        // The kafka_2.13 artifact leaves the SLF4J binding to the distribution; add the one its broker expects.
        String logging = major >= 4
                ? dependency("org.apache.logging.log4j", "log4j-slf4j-impl", "2.24.3")
                : dependency("org.slf4j", "slf4j-reload4j", "1.7.36")
                        + dependency("ch.qos.reload4j", "reload4j", "1.2.25");
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>io.brook.testkit.generated</groupId>\n"
                + "  <artifactId>kafka-broker-classpath</artifactId>\n"
                + "  <version>" + kafkaVersion + "</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <dependencies>\n"
                + dependency("org.apache.kafka", "kafka_2.13", kafkaVersion)
                + logging
                + "  </dependencies>\n"
                + "</project>\n";
    }

    private static String dependency(String groupId, String artifactId, String version) {
        return "    <dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId
                + "</artifactId><version>" + version + "</version></dependency>\n";
    }

    /**
     * The Maven to run: the system property's if it exists, else MAVEN_HOME's or M2_HOME's, else the first on the
     * PATH.
     */
    static String mavenExecutable() {
        Optional<String> configured = Settings.mavenExecutable();
        if (configured.isPresent() && Files.isExecutable(Path.of(configured.get()))) {
            return configured.get();
        }
        String name = isWindows() ? "mvn.cmd" : "mvn";
        for (String home : new String[] {System.getenv("MAVEN_HOME"), System.getenv("M2_HOME")}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", name))) {
                return Path.of(home, "bin", name).toString();
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        return name; // let the process start fail with the OS's own message
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static File nullDevice() {
        return new File(isWindows() ? "NUL" : "/dev/null");
    }
}
