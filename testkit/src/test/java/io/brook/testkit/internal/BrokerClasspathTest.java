package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClasspathTest {

    @TempDir
    Path directory;

    @Test
    void readsExistingEntries() throws IOException {
        Path first = Files.createFile(directory.resolve("a.jar"));
        Path second = Files.createFile(directory.resolve("b.jar"));
        Path file = directory.resolve("cp.txt");
        Files.writeString(file, first + File.pathSeparator + second + "\n");

        assertThat(BrokerClasspath.read(file)).hasValueSatisfying(
                entries -> assertThat(entries).containsExactly(first, second));
    }

    @Test
    void staleCacheNamingADeletedJarIsIgnored() throws IOException {
        Path present = Files.createFile(directory.resolve("a.jar"));
        Path file = directory.resolve("cp.txt");
        Files.writeString(file, present + File.pathSeparator + directory.resolve("gone.jar"));

        assertThat(BrokerClasspath.read(file)).isEmpty();
    }

    @Test
    void missingOrBlankFileIsIgnored() throws IOException {
        assertThat(BrokerClasspath.read(directory.resolve("missing.txt"))).isEmpty();
        Path blank = Files.writeString(directory.resolve("blank.txt"), "  \n");
        assertThat(BrokerClasspath.read(blank)).isEmpty();
    }
}
