package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path directory;

    @Test
    void showsTheLastLinesIndented() throws IOException {
        Path log = Files.writeString(directory.resolve("server.log"),
                IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        assertThat(LogTail.of(log, 3)).isEqualTo("    line 98\n    line 99\n    line 100\n");
    }

    @Test
    void saysWhyThereIsNothing() throws IOException {
        assertThat(LogTail.of(directory.resolve("missing.log"), 3)).contains("does not exist");
        assertThat(LogTail.of(Files.writeString(directory.resolve("empty.log"), ""), 3)).contains("is empty");
    }

    @Test
    void findsTheLastErrorLine() throws IOException {
        Path log = Files.writeString(directory.resolve("server.log"), String.join("\n",
                "[2026-01-01 00:00:00,000] INFO starting (kafka.Kafka$)",
                "[2026-01-01 00:00:01,000] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)",
                "org.apache.kafka.common.config.ConfigException: Invalid value x",
                "\tat somewhere",
                "[2026-01-01 00:00:02,000] INFO shutting down (kafka.Kafka$)"));

        assertThat(LogTail.lastError(log))
                .hasValue("[2026-01-01 00:00:01,000] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)");
        assertThat(LogTail.lastError(directory.resolve("missing.log"))).isEmpty();
    }
}
