package io.brook.testkit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A cluster of {@code apache/kafka} containers run through Testcontainers, each broker and controller, on a
 * private Docker network. Each node's client port is bound to a fixed host port chosen up front, so the address
 * it advertises stays right across {@link #stop}/{@link #restart} (Docker keeps a stopped container's data and
 * port bindings; {@link #kill} sends SIGKILL to the container's broker).
 *
 * <p>Loaded only when Testcontainers is on the class path. Thread-safe: state guarded by {@link #lock}.
 */
final class TestcontainersKafkaCluster implements KafkaCluster {

    private static final String IMAGE = "apache/kafka";
    private static final int CLIENT_PORT = 9092;
    private static final int BROKER_PORT = 9093;
    private static final int CONTROLLER_PORT = 9094;

    private final ClusterSpec spec;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private Network network;
    private String host;
    private int[] hostPorts;
    private boolean started;
    private boolean closed;

    private TestcontainersKafkaCluster(ClusterSpec spec) {
        this.spec = spec;
    }

    static KafkaCluster create(ClusterSpec spec) {
        return new TestcontainersKafkaCluster(spec);
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
            try {
                createContainers();
                Startables.deepStart(containers).get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                awaitReady("start");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeLocked();
                throw new KafkaClusterException("interrupted while starting Kafka containers", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                String logs = logTails();
                closeLocked();
                throw new KafkaClusterException("Kafka " + spec.kafkaVersion() + " containers did not start:\n"
                        + logs, e instanceof ExecutionException ? e.getCause() : e);
            }
            started = true;
        } finally {
            lock.unlock();
        }
    }

    private void createContainers() {
        host = DockerClientFactory.instance().dockerHostIpAddress();
        hostPorts = FreePorts.pick(spec.nodes());
        network = Network.newNetwork();
        String clusterId = LocalKafkaCluster.newClusterId();
        DockerImageName image = DockerImageName.parse(IMAGE).withTag(spec.kafkaVersion());
        for (int id = 0; id < spec.nodes(); id++) {
            int hostPort = hostPorts[id];
            GenericContainer<?> container = new GenericContainer<>(image)
                    .withNetwork(network)
                    .withNetworkAliases(alias(id))
                    .withEnv(environment(id, clusterId))
                    .withExposedPorts(CLIENT_PORT)
                    .withCreateContainerCmdModifier(command -> command.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(CLIENT_PORT))))
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1)
                            .withStartupTimeout(spec.startTimeout()));
            containers.add(container);
        }
    }

    private static String alias(int id) {
        return "kafka-" + id;
    }

    /**
     * The image turns {@code KAFKA_*} variables into broker properties ({@code _} is {@code .}, {@code __} is
     * {@code _}, {@code ___} is {@code -}) and, when any is set, uses them instead of its own defaults.
     */
    private Map<String, String> environment(int id, String clusterId) {
        String voters = java.util.stream.IntStream.range(0, spec.nodes())
                .mapToObj(node -> node + "@" + alias(node) + ":" + CONTROLLER_PORT)
                .collect(Collectors.joining(","));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("node.id", Integer.toString(id));
        properties.put("process.roles", "broker,controller");
        properties.put("controller.quorum.voters", voters);
        properties.put("listeners", "PLAINTEXT://0.0.0.0:" + CLIENT_PORT + ",BROKER://0.0.0.0:" + BROKER_PORT
                + ",CONTROLLER://0.0.0.0:" + CONTROLLER_PORT);
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + hostPorts[id] + ",BROKER://" + alias(id)
                + ":" + BROKER_PORT);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "BROKER");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("log.dirs", "/tmp/kraft-combined-logs");
        properties.putAll(BrokerDefaults.forCluster(spec.nodes(), spec.kafkaMajorVersion()));
        properties.putAll(spec.brokerProperties());
        Map<String, String> environment = new LinkedHashMap<>();
        properties.forEach((key, value) -> environment.put(environmentName(key), value));
        environment.put("CLUSTER_ID", clusterId);
        environment.put("KAFKA_HEAP_OPTS", "-Xmx" + spec.brokerHeap());
        return environment;
    }

    static String environmentName(String property) {
        return "KAFKA_" + property.replace("_", "__").replace("-", "___").replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }

    private void awaitReady(String what) {
        Readiness.await(new Readiness.Nodes() {
            @Override
            public Set<Integer> running() {
                Set<Integer> running = new TreeSet<>();
                for (int id = 0; id < containers.size(); id++) {
                    if (alive(id)) {
                        running.add(id);
                    }
                }
                return running;
            }

            @Override
            public String host(int id) {
                return host;
            }

            @Override
            public int port(int id) {
                return hostPorts[id];
            }

            @Override
            public boolean alive(int id) {
                return isRunningLocked(id);
            }

            @Override
            public String diagnosis(int id) {
                return "container " + alias(id) + " log ends with:\n" + logTail(id);
            }
        }, spec.startTimeout(), spec.kafkaVersion(), what);
    }

    private boolean isRunningLocked(int id) {
        String containerId = containers.get(id).getContainerId();
        if (containerId == null) {
            return false;
        }
        Boolean running = docker().inspectContainerCmd(containerId).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    private String logTail(int id) {
        try {
            String[] lines = containers.get(id).getLogs().split("\r?\n");
            StringBuilder tail = new StringBuilder();
            for (int i = Math.max(0, lines.length - 25); i < lines.length; i++) {
                tail.append("    ").append(lines[i]).append('\n');
            }
            return tail.toString();
        } catch (RuntimeException e) {
            return "    (no logs: " + e + ")\n";
        }
    }

    private String logTails() {
        StringBuilder logs = new StringBuilder();
        for (int id = 0; id < containers.size(); id++) {
            logs.append("container ").append(alias(id)).append(":\n").append(logTail(id));
        }
        return logs.toString();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public String bootstrapServers() {
        lock.lock();
        try {
            requireStarted();
            return java.util.stream.IntStream.range(0, spec.nodes()).mapToObj(id -> host + ":" + hostPorts[id])
                    .collect(Collectors.joining(","));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        return spec.nodes();
    }

    @Override
    public ClusterSource source() {
        return ClusterSource.DOCKER;
    }

    @Override
    public boolean supportsFaultInjection() {
        return true;
    }

    @Override
    public boolean isRunning(int node) {
        lock.lock();
        try {
            requireNode(node);
            return isRunningLocked(node);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop(int node) {
        lock.lock();
        try {
            requireNode(node);
            if (isRunningLocked(node)) {
                int seconds = (int) Math.max(1, spec.stopTimeout().toSeconds());
                docker().stopContainerCmd(containers.get(node).getContainerId()).withTimeout(seconds).exec();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void kill(int node) {
        lock.lock();
        try {
            requireNode(node);
            if (isRunningLocked(node)) {
                docker().killContainerCmd(containers.get(node).getContainerId()).withSignal("KILL").exec();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void restart(int node) {
        lock.lock();
        try {
            stop(node);
            docker().startContainerCmd(containers.get(node).getContainerId()).exec();
            awaitReady("restart of node " + node);
        } finally {
            lock.unlock();
        }
    }

    private void requireNode(int node) {
        if (closed) {
            throw new IllegalStateException("the cluster was closed");
        }
        if (!started) {
            throw new IllegalStateException("the cluster is not started; call start() first");
        }
        if (node < 0 || node >= spec.nodes()) {
            throw new IllegalArgumentException("no node " + node + " in a cluster of " + spec.nodes());
        }
    }

    private void requireStarted() {
        requireNode(0);
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
        for (GenericContainer<?> container : containers) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                // Keep stopping the others; Testcontainers' reaper removes anything left.
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "TestcontainersKafkaCluster[" + spec.nodes() + " node(s), " + IMAGE + ":" + spec.kafkaVersion() + "]";
    }
}
