package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path cache;

    @Test
    void firstBrokerRecordsTheOthersWaitThenAllUseThePublishedArchive() throws IOException {
        ClassDataSharing first = ClassDataSharing.forClasspath(cache, "4.1.1", "/a.jar:/b.jar");
        ClassDataSharing second = ClassDataSharing.forClasspath(cache, "4.1.1", "/a.jar:/b.jar");

        Path recordedTo = recordingPath(first.optionsForLaunch());
        assertThat(second.optionsForLaunch()).isEmpty();

        Files.writeString(recordedTo, "archive"); // the broker's JVM writes it as it exits
        first.afterExit(143);

        assertThat(recordedTo).doesNotExist();
        assertThat(second.optionsForLaunch()).anyMatch(option -> option.startsWith("-XX:SharedArchiveFile=" + cache));
    }

    @Test
    void killedOrFailedRecordersPublishNothingAndLetTheNextOneRecord() throws IOException {
        ClassDataSharing killed = ClassDataSharing.forClasspath(cache, "4.1.1", "/c.jar");
        recordingPath(killed.optionsForLaunch());
        killed.afterExit(137); // SIGKILL: the JVM wrote nothing

        ClassDataSharing failed = ClassDataSharing.forClasspath(cache, "4.1.1", "/c.jar");
        Files.writeString(recordingPath(failed.optionsForLaunch()), "archive of a broker that never started");
        failed.afterExit(1);

        assertThat(cache).isEmptyDirectory();
        ClassDataSharing next = ClassDataSharing.forClasspath(cache, "4.1.1", "/c.jar");
        recordingPath(next.optionsForLaunch());
        next.afterExit(137);
    }

    private static Path recordingPath(List<String> options) {
        String prefix = "-XX:ArchiveClassesAtExit=";
        return Path.of(options.stream().filter(option -> option.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("not recording: " + options)).substring(prefix.length()));
    }

    @Test
    void recordingDeletesOldRecordingsThatNobodyPublished() throws IOException {
        ClassDataSharing probe = ClassDataSharing.forClasspath(cache, "4.1.1", "/f.jar");
        Path archive = recordingPath(probe.optionsForLaunch());
        probe.afterExit(137);
        String archiveName = archive.getFileName().toString();
        String baseName = archiveName.substring(0, archiveName.indexOf(".jsa.") + 4);
        Path abandoned = Files.writeString(cache.resolve(baseName + ".dead-jvm.tmp"), "left by a halted broker");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(0));
        Path fresh = Files.writeString(cache.resolve(baseName + ".live-jvm.tmp"), "being written right now");

        ClassDataSharing next = ClassDataSharing.forClasspath(cache, "4.1.1", "/f.jar");
        recordingPath(next.optionsForLaunch());

        assertThat(abandoned).doesNotExist();
        assertThat(fresh).exists();
        next.afterExit(137);
    }

    @Test
    void anotherClasspathGetsAnotherArchive() {
        ClassDataSharing one = ClassDataSharing.forClasspath(cache, "4.1.1", "/d.jar");
        ClassDataSharing other = ClassDataSharing.forClasspath(cache, "4.1.1", "/e.jar");

        recordingPath(one.optionsForLaunch());
        recordingPath(other.optionsForLaunch());
        one.afterExit(137);
        other.afterExit(137);
    }

    @Test
    void launcherJarHoldsBrokerMainAndIsWrittenOnce() throws IOException {
        Path jar = LauncherJar.ensure(cache);
        long written = Files.getLastModifiedTime(jar).toMillis();

        assertThat(LauncherJar.ensure(cache)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(written);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("io/brook/testkit/internal/launcher/BrokerMain.class")).isNotNull();
        }
    }
}
