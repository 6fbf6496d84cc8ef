package io.brook.testkit.internal;

import io.brook.testkit.Listener;
import io.brook.testkit.TestCertificates;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes a launched node's {@code server.properties} and logging configuration. Kafka 4 logs through log4j 2,
 * Kafka 3 through reload4j (log4j 1): each gets its own file format, both writing to the node's
 * {@code server.log} and nothing to standard output. Stateless.
 */
final class BrokerConfigFiles {

    static final String HOST = "127.0.0.1";

    private BrokerConfigFiles() {
    }

    /**
     * The node's broker properties: the KRaft layout first, then the testkit's defaults, then the user's.
     *
     * @param controllerPorts every node's controller port, indexed by node id
     */
    static Map<String, String> serverProperties(ClusterSpec spec, int nodeId, int brokerPort,
            int[] controllerPorts, Path dataDirectory) {
        return serverProperties(spec, nodeId, brokerPort, controllerPorts, dataDirectory, Map.of(), null);
    }

    /**
     * The same, with secured listeners on {@code listenerPorts} ({@link SecuredListeners}).
     *
     * @param certificates the cluster's test certificates; null if no listener uses TLS
     */
    static Map<String, String> serverProperties(ClusterSpec spec, int nodeId, int brokerPort,
            int[] controllerPorts, Path dataDirectory, Map<Listener, Integer> listenerPorts,
            TestCertificates certificates) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(nodeId));
        properties.put("controller.quorum.voters", voters(controllerPorts));
        String secured = SecuredListeners.listenerEntries(listenerPorts);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":"
                + controllerPorts[nodeId] + secured);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + secured);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + SecuredListeners.protocolMapEntries(listenerPorts));
        properties.putAll(SecuredListeners.properties(listenerPorts, certificates, spec.saslUsers()));
        properties.put("log.dirs", dataDirectory.toAbsolutePath().toString());
        properties.putAll(BrokerDefaults.forCluster(spec.nodes(), spec.kafkaMajorVersion()));
        properties.putAll(spec.brokerProperties());
        return properties;
    }

    static String voters(int[] controllerPorts) {
        StringBuilder voters = new StringBuilder();
        for (int id = 0; id < controllerPorts.length; id++) {
            voters.append(id == 0 ? "" : ",").append(id).append('@').append(HOST).append(':')
                    .append(controllerPorts[id]);
        }
        return voters.toString();
    }

    static void writeProperties(Path file, Map<String, String> values, String comment) {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, comment);
            Files.writeString(file, text.toString(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes the logging configuration for the Kafka major version into {@code directory} and returns the JVM
     * system property that points the broker at it.
     */
    static String writeLoggingConfig(Path directory, int kafkaMajorVersion, Path logFile) {
        // Forward slashes: backslashes are escapes in both properties formats.
        String logPath = logFile.toAbsolutePath().toString().replace('\\', '/');
        try {
            if (kafkaMajorVersion >= 4) {
                Path config = directory.resolve("log4j2.properties");
                Files.writeString(config, log4j2(logPath), StandardCharsets.UTF_8);
                return "-Dlog4j2.configurationFile=" + config.toAbsolutePath();
            }
            Path config = directory.resolve("log4j.properties");
            Files.writeString(config, log4j1(logPath), StandardCharsets.UTF_8);
            return "-Dlog4j.configuration=" + config.toAbsolutePath().toUri();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the logging configuration in " + directory, e);
        }
    }

    private static String log4j2(String logPath) {
        return lines(List.of(
                "status = error",
                "name = brook-testkit-broker",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logPath,
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn"));
    }

    private static String log4j1(String logPath) {
        return lines(List.of(
                "log4j.rootLogger=INFO, file",
                "log4j.appender.file=org.apache.log4j.FileAppender",
                "log4j.appender.file.File=" + logPath,
                "log4j.appender.file.Append=true",
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.kafka.request.logger=WARN",
                "log4j.logger.org.apache.zookeeper=WARN"));
    }

    private static String lines(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
