package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigFilesTest {

    @TempDir
    Path directory;

    @Test
    void combinedNodeListensOnLoopbackAndVotesWithEveryNode() {
        Map<String, String> properties = BrokerConfigFiles.serverProperties(spec(3, "4.1.1", Map.of()), 1, 9001,
                new int[] {9100, 9101, 9102}, directory.resolve("data"));

        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "0@127.0.0.1:9100,1@127.0.0.1:9101,2@127.0.0.1:9102")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9001,CONTROLLER://127.0.0.1:9101")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9001")
                .containsEntry("log.dirs", directory.resolve("data").toAbsolutePath().toString())
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void userPropertiesOverrideDefaults() {
        Map<String, String> properties = BrokerConfigFiles.serverProperties(
                spec(1, "4.1.1", Map.of("auto.create.topics.enable", "true", "message.max.bytes", "2000000")),
                0, 9001, new int[] {9100}, directory);

        assertThat(properties)
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("message.max.bytes", "2000000")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void shareCoordinatorSettingsOnlyForKafka4() {
        assertThat(BrokerDefaults.forCluster(1, 4)).containsEntry("share.coordinator.state.topic.replication.factor",
                "1");
        assertThat(BrokerDefaults.forCluster(1, 3)).doesNotContainKey("share.coordinator.state.topic.replication.factor");
    }

    @Test
    void writtenPropertiesReadBack() throws IOException {
        Path file = directory.resolve("server.properties");
        BrokerConfigFiles.writeProperties(file, Map.of("log.dirs", "C:\\data\\kafka", "node.id", "0"), "test");

        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            read.load(reader);
        }
        assertThat(read).containsEntry("log.dirs", "C:\\data\\kafka").containsEntry("node.id", "0");
    }

    @Test
    void kafka4GetsLog4j2WritingToTheNodeLog() throws IOException {
        String option = BrokerConfigFiles.writeLoggingConfig(directory, 4, directory.resolve("server.log"));

        assertThat(option).isEqualTo("-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"));
        assertThat(Files.readString(directory.resolve("log4j2.properties")))
                .contains("appender.file.fileName = " + directory.resolve("server.log"))
                .contains("rootLogger.appenderRef.file.ref = file")
                .doesNotContain("Console");
    }

    @Test
    void kafka3GetsLog4j1WritingToTheNodeLog() throws IOException {
        String option = BrokerConfigFiles.writeLoggingConfig(directory, 3, directory.resolve("server.log"));

        assertThat(option).isEqualTo("-Dlog4j.configuration=" + directory.resolve("log4j.properties").toUri());
        assertThat(Files.readString(directory.resolve("log4j.properties")))
                .contains("log4j.rootLogger=INFO, file")
                .contains("log4j.appender.file.File=" + directory.resolve("server.log"))
                .doesNotContain("ConsoleAppender");
    }

    static ClusterSpec spec(int nodes, String version, Map<String, String> properties) {
        return new ClusterSpec(nodes, version, properties, Duration.ofSeconds(60), Duration.ofSeconds(30),
                Path.of("target", "kafka-logs"), "512m", List.of());
    }
}
