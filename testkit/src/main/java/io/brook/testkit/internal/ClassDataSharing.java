package io.brook.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class data sharing archive of the broker's classes, which halves a broker JVM's start-up time and CPU (much of
 * it is loading Kafka's and Scala's classes): the first broker launched with a given class path and JVM records
 * the archive when it exits ({@code -XX:ArchiveClassesAtExit}); later brokers map it
 * ({@code -XX:SharedArchiveFile}). Archives live in the cache directory, named by a hash of the class path and
 * the JVM version. A JVM that cannot use an archive ignores it (its complaints are switched off). Disabled with
 * the system property {@value #DISABLE_PROPERTY}{@code =false}.
 *
 * <p>Thread-safe: one recording per archive per test JVM (a concurrent set); files are published by atomic move.
 */
final class ClassDataSharing {

    static final String DISABLE_PROPERTY = "brook.testkit.cds";

    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();
    private static final String QUIET = "-Xlog:cds*=off";
    /** A recording this old was left by a test JVM that died (a recording takes seconds). */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final Path archive;
    private final boolean enabled;
    private Path recording;

    private ClassDataSharing(Path archive, boolean enabled) {
        this.archive = archive;
        this.enabled = enabled;
    }

    /** The archive for brokers started with this class path by this JVM's java. */
    static ClassDataSharing forClasspath(Path cacheDirectory, String kafkaVersion, String classpath) {
        String key = classpath + "|" + System.getProperty("java.vm.version") + "|" + System.getProperty("java.home");
        Path archive = cacheDirectory.resolve("kafka-" + kafkaVersion + "-" + hash(key) + ".jsa");
        return new ClassDataSharing(archive, Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true")));
    }

    /**
     * The JVM options for launching one broker: use the archive if there is one; otherwise, if no other broker of
     * this JVM is recording it, record it (this broker's exit then takes a moment longer).
     *
     * <p>Called with the owning cluster's lock held.
     */
    List<String> optionsForLaunch() {
        if (!enabled) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return List.of(QUIET, "-XX:SharedArchiveFile=" + archive);
        }
        if (recording == null && RECORDING.add(archive)) {
            deleteAbandonedRecordings();
            recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
            return List.of(QUIET, "-XX:ArchiveClassesAtExit=" + recording);
        }
        return List.of();
    }

    /** Whether the broker launched last is recording the archive (so should exit normally, not be killed). */
    boolean recording() {
        return recording != null;
    }

    /**
     * Publishes the archive a broker recorded at its exit, if it did (a killed broker records nothing) and stopped
     * normally (a broker that failed early loaded too few classes for a useful archive). Called with the owning
     * cluster's lock held, after a broker's process exited.
     *
     * @param exitStatus the broker JVM's exit status
     */
    void afterExit(int exitStatus) {
        if (recording == null) {
            return;
        }
        boolean stoppedNormally = exitStatus == 0 || exitStatus == 128 + 15;
        try {
            if (stoppedNormally && Files.size(recording) > 0 && !Files.exists(archive)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // No archive: later brokers start without it, as they would have anyway.
        } finally {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException e) {
                // A stray temporary file in the cache directory harms nothing.
            }
            RECORDING.remove(archive);
            recording = null;
        }
    }

    /**
     * Deletes old recordings nobody published: a broker whose test JVM died records its archive as it halts, with
     * no one left to publish (or delete) it.
     */
    private void deleteAbandonedRecordings() {
        String prefix = archive.getFileName() + ".";
        long cutoffMillis = System.currentTimeMillis() - ABANDONED_AFTER.toMillis();
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(archive.getParent(),
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path file : stale) {
                if (Files.getLastModifiedTime(file).toMillis() < cutoffMillis) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // Only disk space is at stake.
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
