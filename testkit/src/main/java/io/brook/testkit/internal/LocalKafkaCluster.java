package io.brook.testkit.internal;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import io.brook.testkit.Listener;
import io.brook.testkit.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of child JVMs launched from the {@code kafka_2.13} artifact: every node is broker and controller,
 * listens on free loopback ports, keeps its data in a temporary directory (deleted by {@link #close()}) and logs
 * under {@code <log directory>/<cluster name>/node-<id>/} (kept).
 *
 * <p>Thread-safe: every method that reads or changes nodes holds {@link #lock}; waits for readiness happen with
 * the lock held, so life-cycle calls are serialized.
 */
public final class LocalKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaCluster.class);
    /** Downloading a Kafka version with its dependencies the first time can be slow. */
    private static final Duration CLASSPATH_RESOLVE_TIMEOUT = Duration.ofMinutes(10);
    /** How long {@link #close()} lets the nodes of a multi-node cluster shut down before killing them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ClusterSpec spec;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<LocalKafkaNode> nodes = new ArrayList<>();
    /** Per node, the ports of its secured listeners. */
    private final List<Map<Listener, Integer>> listenerPorts = new ArrayList<>();
    private TestCertificates certificates;
    private Path temporaryDirectory;
    private Path clusterLogDirectory;
    private boolean started;
    private boolean closed;

    public LocalKafkaCluster(ClusterSpec spec) {
        this.spec = spec;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the cluster was closed");
            }
            if (started) {
                return;
            }
            long startNanos = System.nanoTime();
            List<Path> classpath = BrokerClasspath.resolve(spec.kafkaVersion(), CLASSPATH_RESOLVE_TIMEOUT);
            long launchNanos = System.nanoTime();
            try {
                createNodes(classpath);
                nodes.forEach(LocalKafkaNode::launch);
                awaitReady("start");
            } catch (RuntimeException | Error e) {
                closeLocked();
                throw e;
            }
            started = true;
            LOG.info("Kafka {} cluster of {} node(s) ready at {} in {} ms (class path resolved in {} ms); logs in {}",
                    spec.kafkaVersion(), spec.nodes(), bootstrapServersLocked(),
                    (System.nanoTime() - launchNanos) / 1_000_000, (launchNanos - startNanos) / 1_000_000,
                    clusterLogDirectory);
        } finally {
            lock.unlock();
        }
    }

    private void createNodes(List<Path> kafkaClasspath) {
        String clusterId = newClusterId();
        String clusterName = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + spec.nodes() + "n-" + clusterId.substring(0, 6).replace('-', 'x').replace('_', 'y');
        List<Listener> secured = List.copyOf(spec.listeners());
        int[] ports = FreePorts.pick((2 + secured.size()) * spec.nodes());
        int[] controllerPorts = new int[spec.nodes()];
        System.arraycopy(ports, spec.nodes(), controllerPorts, 0, spec.nodes());
        try {
            temporaryDirectory = Files.createTempDirectory("brook-kafka-" + clusterName + "-");
            ChildProcesses.registerTempDirectory(temporaryDirectory);
            if (secured.stream().anyMatch(Listener::usesTls)) {
                certificates = TestAuthority.create(Files.createDirectories(temporaryDirectory.resolve("tls")),
                        "brook-" + clusterId.substring(0, 8).replaceAll("[^A-Za-z0-9]", "x"));
            }
            clusterLogDirectory = Files.createDirectories(spec.logDirectory().resolve(clusterName));
            Path cacheDirectory = Settings.cacheDirectory();
            String classpath = classpath(LauncherJar.ensure(cacheDirectory), kafkaClasspath);
            Path argFile = clusterLogDirectory.resolve("classpath.args");
            Files.writeString(argFile, classpathArgument(classpath), StandardCharsets.UTF_8);
            for (int id = 0; id < spec.nodes(); id++) {
                Path logDirectory = Files.createDirectories(clusterLogDirectory.resolve("node-" + id));
                Path dataDirectory = Files.createDirectories(temporaryDirectory.resolve("node-" + id));
                Map<Listener, Integer> nodeListeners = new EnumMap<>(Listener.class);
                for (int i = 0; i < secured.size(); i++) {
                    nodeListeners.put(secured.get(i), ports[(2 + i) * spec.nodes() + id]);
                }
                listenerPorts.add(nodeListeners);
                Map<String, String> properties = BrokerConfigFiles.serverProperties(spec, id, ports[id],
                        controllerPorts, dataDirectory, nodeListeners, certificates);
                Path serverProperties = logDirectory.resolve("server.properties");
                BrokerConfigFiles.writeProperties(serverProperties, properties,
                        "Kafka " + spec.kafkaVersion() + " node " + id + " of brook-testkit cluster " + clusterName);
                String loggingOption = BrokerConfigFiles.writeLoggingConfig(logDirectory, spec.kafkaMajorVersion(),
                        logDirectory.resolve("server.log"));
                List<String> jvm = jvmCommand(loggingOption, clusterName + "/node-" + id, argFile);
                ClassDataSharing classDataSharing = ClassDataSharing.forClasspath(cacheDirectory, spec.kafkaVersion(),
                        classpath);
                nodes.add(new LocalKafkaNode(id, ports[id], logDirectory, serverProperties, jvm, classDataSharing,
                        clusterId, formatArguments(spec)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directories of a Kafka cluster", e);
        }
    }

    /** The storage tool's extra arguments: SCRAM users and feature levels. */
    private static List<String> formatArguments(ClusterSpec spec) {
        List<String> args = new ArrayList<>(SecuredListeners.scramArguments(spec.saslUsers()));
        spec.features().forEach((name, level) -> {
            args.add("--feature");
            args.add(name + "=" + level);
        });
        return args;
    }

    private List<String> jvmCommand(String loggingOption, String nodeName, Path argFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx" + spec.brokerHeap());
        // Fast start on small machines: one serial collector thread, C1 only, no perf-data file.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        // Names the node in `ps` output, should one ever need finding.
        command.add("-Dbrook.testkit.node=" + nodeName);
        command.add(loggingOption);
        command.addAll(spec.brokerJvmOptions());
        command.add("@" + argFile.toAbsolutePath());
        return command;
    }

    /** The broker class path: the launcher jar, then Kafka's jars. */
    private static String classpath(Path launcherJar, List<Path> kafkaClasspath) {
        List<String> entries = new ArrayList<>();
        entries.add(launcherJar.toAbsolutePath().toString());
        kafkaClasspath.forEach(path -> entries.add(path.toAbsolutePath().toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The {@code -cp} option for a java argument file, which treats backslashes and quotes as escapes. */
    private static String classpathArgument(String classpath) {
        return "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** A random cluster id as Kafka writes them: 16 bytes, URL-safe base64 without padding, not starting with '-'. */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Blocks until every running node answers and sees every running node; fails at once if one exits. */
    private void awaitReady(String what) {
        Readiness.await(new Readiness.Nodes() {
            @Override
            public Set<Integer> running() {
                return nodes.stream().filter(LocalKafkaNode::isRunning).map(LocalKafkaNode::id)
                        .collect(Collectors.toCollection(TreeSet::new));
            }

            @Override
            public String host(int id) {
                return BrokerConfigFiles.HOST;
            }

            @Override
            public int port(int id) {
                return nodes.get(id).brokerPort();
            }

            @Override
            public boolean alive(int id) {
                return nodes.get(id).isRunning();
            }

            @Override
            public String diagnosis(int id) {
                return nodes.get(id).diagnosis();
            }
        }, spec.startTimeout(), spec.kafkaVersion(), what);
    }

    @Override
    public String bootstrapServers() {
        lock.lock();
        try {
            requireStarted();
            return bootstrapServersLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String bootstrapServers(Listener listener) {
        lock.lock();
        try {
            requireStarted();
            if (!spec.listeners().contains(listener)) {
                throw new IllegalArgumentException("this cluster has no " + listener + " listener; ask for it with "
                        + "KafkaClusterBuilder.listener");
            }
            return listenerPorts.stream().map(ports -> BrokerConfigFiles.HOST + ":" + ports.get(listener))
                    .collect(Collectors.joining(","));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TestCertificates certificates() {
        lock.lock();
        try {
            requireStarted();
            if (certificates == null) {
                throw new IllegalStateException("this cluster has no TLS listener, so no test certificates");
            }
            return certificates;
        } finally {
            lock.unlock();
        }
    }

    private String bootstrapServersLocked() {
        return nodes.stream().map(LocalKafkaNode::address).collect(Collectors.joining(","));
    }

    @Override
    public int size() {
        return spec.nodes();
    }

    @Override
    public ClusterSource source() {
        return ClusterSource.LOCAL;
    }

    @Override
    public boolean supportsFaultInjection() {
        return true;
    }

    @Override
    public boolean isRunning(int node) {
        lock.lock();
        try {
            return createdNode(node).isRunning();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop(int node) {
        lifecycle(node, "stop", target -> target.stop(spec.stopTimeout()));
    }

    @Override
    public void kill(int node) {
        lifecycle(node, "kill", LocalKafkaNode::kill);
    }

    @Override
    public void restart(int node) {
        lifecycle(node, "restart", target -> {
            target.stop(spec.stopTimeout());
            target.launch();
            awaitReady("restart of node " + node);
        });
    }

    /**
     * The exit status of a node's last process, if it has exited: 137 after {@link #kill} on Linux (128 + SIGKILL),
     * 143 or 0 after {@link #stop}. Also answers after {@link #close()}, for post-mortems.
     */
    public OptionalInt exitCode(int node) {
        lock.lock();
        try {
            return createdNode(node).lastExitCode();
        } finally {
            lock.unlock();
        }
    }

    /** Where this cluster's node logs are (kept after {@link #close()}). */
    public Path logDirectory() {
        lock.lock();
        try {
            createdNode(0);
            return clusterLogDirectory;
        } finally {
            lock.unlock();
        }
    }

    /** Where this cluster's data is (deleted by {@link #close()}). */
    public Path dataDirectory() {
        lock.lock();
        try {
            createdNode(0);
            return temporaryDirectory;
        } finally {
            lock.unlock();
        }
    }

    private interface NodeAction {
        void apply(LocalKafkaNode node) throws InterruptedException;
    }

    private void lifecycle(int node, String what, NodeAction action) {
        lock.lock();
        try {
            requireStarted();
            action.apply(node(node));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted during " + what + " of node " + node, e);
        } finally {
            lock.unlock();
        }
    }

    private LocalKafkaNode node(int node) {
        requireStarted();
        return createdNode(node);
    }

    /** A node of a cluster that was started, even if since closed. */
    private LocalKafkaNode createdNode(int node) {
        if (node < 0 || node >= spec.nodes()) {
            throw new IllegalArgumentException("no node " + node + " in a cluster of " + spec.nodes());
        }
        if (nodes.size() != spec.nodes()) {
            throw new IllegalStateException("the cluster was never started");
        }
        return nodes.get(node);
    }

    private void requireStarted() {
        if (closed) {
            throw new IllegalStateException("the cluster was closed");
        }
        if (!started) {
            throw new IllegalStateException("the cluster is not started; call start() first");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        try {
            // While the others still form a quorum, the node recording the class data archive stops quickly and
            // normally, which is when its JVM writes the archive.
            for (LocalKafkaNode node : nodes) {
                if (node.recordsClassData()) {
                    node.stop(spec.stopTimeout());
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        // The rest all at once, briefly: the data is about to be deleted, and the last nodes of a multi-node cluster
        // would wait for a quorum that is gone.
        nodes.forEach(LocalKafkaNode::signalStop);
        Deadline deadline = Deadline.after(spec.nodes() == 1 ? spec.stopTimeout() : CLOSE_GRACE);
        for (LocalKafkaNode node : nodes) {
            try {
                node.awaitStopOrKill(deadline);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (temporaryDirectory != null) {
            ChildProcesses.deleteTempDirectory(temporaryDirectory);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalKafkaCluster[" + spec.nodes() + " node(s), Kafka " + spec.kafkaVersion() + "]";
    }
}
