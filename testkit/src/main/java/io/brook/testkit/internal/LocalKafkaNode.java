package io.brook.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One launched node: a broker-and-controller child JVM with fixed ports, a data directory that survives restarts
 * and a log directory that survives the cluster.
 *
 * <p>Guarded by the owning {@link LocalKafkaCluster}'s lock: every method is called with it held.
 */
final class LocalKafkaNode {

    private final int id;
    private final int brokerPort;
    private final Path logDirectory;
    private final Path serverProperties;
    private final List<String> jvmCommand;
    private final ClassDataSharing classDataSharing;
    private final String clusterId;
    private final List<String> formatArguments;
    private Process process;
    private Process reaped;
    private boolean formatted;
    private Integer lastExitCode;

    /**
     * @param jvmCommand the java command and options, without class data sharing options and the main class
     * @param formatArguments extra arguments of the storage tool's format command (SCRAM users)
     */
    LocalKafkaNode(int id, int brokerPort, Path logDirectory, Path serverProperties, List<String> jvmCommand,
            ClassDataSharing classDataSharing, String clusterId, List<String> formatArguments) {
        this.id = id;
        this.brokerPort = brokerPort;
        this.logDirectory = logDirectory;
        this.serverProperties = serverProperties;
        this.jvmCommand = List.copyOf(jvmCommand);
        this.classDataSharing = classDataSharing;
        this.clusterId = clusterId;
        this.formatArguments = List.copyOf(formatArguments);
    }

    int id() {
        return id;
    }

    int brokerPort() {
        return brokerPort;
    }

    String address() {
        return BrokerConfigFiles.HOST + ":" + brokerPort;
    }

    Path serverLog() {
        return logDirectory.resolve("server.log");
    }

    Path stdoutLog() {
        return logDirectory.resolve("stdout.log");
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The exit status of the node's last process, if it has exited. */
    OptionalInt lastExitCode() {
        if (process != null && !process.isAlive()) {
            return OptionalInt.of(process.exitValue());
        }
        return lastExitCode == null ? OptionalInt.empty() : OptionalInt.of(lastExitCode);
    }

    /** Starts the node's JVM without waiting for it to be ready; formats the storage on the first launch. */
    void launch() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(jvmCommand);
        command.addAll(classDataSharing.optionsForLaunch());
        command.add(io.brook.testkit.internal.launcher.BrokerMain.class.getName());
        if (!formatted) {
            command.add("--format");
            command.add(clusterId);
            command.addAll(formatArguments);
        }
        command.add(serverProperties.toAbsolutePath().toString());
        try {
            appendMarker("launching node " + id + ": " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(logDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog().toFile()));
            // Standard input stays a pipe from this JVM: BrokerMain exits when it closes.
            process = builder.start();
            ChildProcesses.register(process);
            formatted = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch Kafka node " + id, e);
        }
    }

    /** SIGTERM, then up to {@code timeout} for a controlled shutdown, then SIGKILL. */
    void stop(Duration timeout) throws InterruptedException {
        if (!isRunning()) {
            return;
        }
        sigterm();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            appendMarker("node " + id + " did not stop within " + timeout + "; killing it");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reap();
    }

    /** Whether this node's JVM records the class data sharing archive as it exits, if it exits normally. */
    boolean recordsClassData() {
        return isRunning() && classDataSharing.recording();
    }

    /** Sends SIGTERM without waiting (for stopping many nodes at once). */
    void signalStop() {
        if (isRunning()) {
            sigterm();
        }
    }

    /**
     * SIGTERM through the process handle: {@link Process#destroy()} would also close the broker's standard input,
     * which {@code BrokerMain} takes as the test JVM being gone and halts at once, cutting the controlled shutdown.
     */
    private void sigterm() {
        process.toHandle().destroy();
    }

    /** Waits until the node's process exits or the deadline passes; then kills it if still running. */
    void awaitStopOrKill(Deadline deadline) throws InterruptedException {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                appendMarker("node " + id + " did not stop in time; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            appendMarker("interrupted while waiting for node " + id + " to stop; killing it");
            process.destroyForcibly();
            throw e;
        } finally {
            reap();
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()}), then waits for the process to be gone. */
    void kill() throws InterruptedException {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reap();
    }

    /** Records the exit of the node's process, once per process. */
    private void reap() {
        if (process != null && !process.isAlive() && process != reaped) {
            reaped = process;
            lastExitCode = process.exitValue();
            ChildProcesses.unregister(process);
            classDataSharing.afterExit(lastExitCode);
            appendMarker("node " + id + " exited with status " + lastExitCode);
        }
    }

    /** What to show when this node failed: where it logs and the end of both logs. */
    String diagnosis() {
        String state = isRunning() ? "running" : "not running" + lastExitCode().stream()
                .mapToObj(code -> " (exit status " + code + ")").findFirst().orElse("");
        String lastError = LogTail.lastError(serverLog()).map(line -> "  last error logged: " + line + "\n")
                .orElse("");
        return "node " + id + " (" + address() + ", " + state + "), logs in " + logDirectory + "\n"
                + lastError
                + "  server.log ends with:\n" + LogTail.of(serverLog(), 25)
                + "  stdout.log ends with:\n" + LogTail.of(stdoutLog(), 15);
    }

    /** Notes a life-cycle event in the node's stdout.log, between the JVM's own output. */
    private void appendMarker(String text) {
        try {
            Files.writeString(stdoutLog(), "=== brook-testkit " + Instant.now() + ": " + text + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The marker only helps diagnosis; failing to write it must not fail the test.
        }
    }
}
