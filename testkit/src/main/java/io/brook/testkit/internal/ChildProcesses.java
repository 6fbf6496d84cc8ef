package io.brook.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide safety net for launched brokers: a shutdown hook (thread {@value #HOOK_THREAD_NAME}) that kills
 * every broker process still registered and deletes every registered temporary directory, so that neither
 * outlives the test JVM even when a test forgets {@code close()}. Against a test JVM that dies without running
 * shutdown hooks, each broker also watches its standard input and exits when the test JVM's end of the pipe
 * closes (see {@code BrokerMain}).
 *
 * <p>Thread-safe: concurrent sets; the hook is installed once, under the class lock.
 */
final class ChildProcesses {

    static final String HOOK_THREAD_NAME = "brook-testkit-shutdown";

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> TEMP_DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ChildProcesses() {
    }

    static void register(Process process) {
        installHook();
        PROCESSES.add(process);
    }

    static void unregister(Process process) {
        PROCESSES.remove(process);
    }

    static void registerTempDirectory(Path directory) {
        installHook();
        TEMP_DIRECTORIES.add(directory);
    }

    /** Deletes a registered temporary directory now and forgets it. */
    static void deleteTempDirectory(Path directory) {
        deleteRecursively(directory);
        TEMP_DIRECTORIES.remove(directory);
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::cleanUp, HOOK_THREAD_NAME));
            hookInstalled = true;
        }
    }

    private static void cleanUp() {
        for (Process process : PROCESSES) {
            process.destroyForcibly();
        }
        for (Process process : PROCESSES) {
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // Shutting down: nothing more can be done for a process that does not die.
            }
        }
        for (Path directory : TEMP_DIRECTORIES) {
            try {
                deleteRecursively(directory);
            } catch (UncheckedIOException e) {
                // Best effort while the JVM exits.
            }
        }
    }

    /** Deletes a directory tree; a missing one is fine. */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
