package io.brook.testkit.internal;

import io.brook.testkit.KafkaClusterException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds the class path of a Kafka broker of a given version, all of it from Maven Central: first a file the
 * build names ({@code brook.kafka.classpath.file.<version>}), then this machine's cache, then a nested Maven run
 * ({@link MavenClasspathResolver}) whose result is cached, one file per version.
 *
 * <p>Thread-safe: resolution is serialized by a lock within the JVM and by a file lock across JVMs (so parallel
 * builds resolve each version once).
 */
final class BrokerClasspath {

    /** Bump when the resolved artifact set changes (e.g. other logging bindings), to ignore older caches. */
    private static final String CACHE_FORMAT = "v1";

    private static final ReentrantLock LOCK = new ReentrantLock();

    private BrokerClasspath() {
    }

    /**
     * The broker class path for a Kafka version.
     *
     * @param resolveTimeout how long a Maven resolution (which may download) may take
     * @throws KafkaClusterException if it cannot be resolved
     */
    static List<Path> resolve(String kafkaVersion, Duration resolveTimeout) {
        Optional<Path> fromBuild = Settings.classpathFile(kafkaVersion);
        if (fromBuild.isPresent()) {
            return read(fromBuild.get()).orElseThrow(() -> new KafkaClusterException("the class path file "
                    + fromBuild.get() + " (system property " + Settings.CLASSPATH_FILE_PREFIX + kafkaVersion
                    + ") is missing, empty or names jars that do not exist"));
        }
        Path cacheDirectory = Settings.cacheDirectory();
        Path cached = cacheDirectory.resolve("kafka-" + kafkaVersion + "-" + CACHE_FORMAT + ".classpath");
        LOCK.lock();
        try {
            Files.createDirectories(cacheDirectory);
            try (FileChannel lockFile = FileChannel.open(cacheDirectory.resolve("kafka-" + kafkaVersion + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                Optional<List<Path>> fromCache = read(cached);
                if (fromCache.isPresent()) {
                    return fromCache.get();
                }
                String classpath = MavenClasspathResolver.resolve(kafkaVersion, resolveTimeout);
                write(cached, classpath);
                return read(cached).orElseThrow(() -> new KafkaClusterException(
                        "Maven resolved a class path for Kafka " + kafkaVersion + " whose jars do not exist: "
                                + classpath));
            }
        } catch (IOException e) {
            throw new KafkaClusterException("cannot use the class path cache in " + cacheDirectory, e);
        } finally {
            LOCK.unlock();
        }
    }

    /** Reads a class path file; empty if missing, blank, or naming a jar that no longer exists. */
    static Optional<List<Path>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).trim();
            List<Path> entries = new ArrayList<>();
            for (String entry : content.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    Path path = Path.of(entry.trim());
                    if (!Files.exists(path)) {
                        return Optional.empty();
                    }
                    entries.add(path);
                }
            }
            return entries.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(entries));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String classpath) throws IOException {
        // Write then move, so a concurrent reader never sees half a file.
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, classpath, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
