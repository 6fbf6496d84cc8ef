package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A broker must not outlive its test JVM, even one killed with SIGKILL (no shutdown hook runs then). */
class OrphanBrokerIT {

    @Test
    void brokerExitsWhenItsTestJvmIsKilled() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("brook."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StartClusterAndWait.class.getName());
        Process testJvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path dataDirectory = null;
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(testJvm.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith(StartClusterAndWait.READY)) {
                // Skip the helper's log output until the cluster is up.
            }
            assertThat(line).as("the helper JVM's cluster started").startsWith(StartClusterAndWait.READY);
            dataDirectory = Path.of(line.substring(StartClusterAndWait.READY.length()));
            List<ProcessHandle> brokers = testJvm.descendants().toList();
            assertThat(brokers).hasSize(1);

            testJvm.destroyForcibly();
            testJvm.waitFor(10, TimeUnit.SECONDS);

            ProcessHandle broker = brokers.get(0);
            broker.onExit().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(broker.isAlive()).isFalse();
        } finally {
            testJvm.descendants().forEach(ProcessHandle::destroyForcibly);
            testJvm.destroyForcibly();
            if (dataDirectory != null) {
                ChildProcesses.deleteRecursively(dataDirectory);
            }
        }
    }
}
