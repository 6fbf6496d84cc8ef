package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenClasspathResolverTest {

    @Test
    void kafka4PomAddsTheLog4j2Binding() {
        String pom = MavenClasspathResolver.pom("4.1.1");

        assertThat(pom)
                .contains("<artifactId>kafka_2.13</artifactId><version>4.1.1</version>")
                .contains("<artifactId>log4j-slf4j-impl</artifactId>")
                .doesNotContain("reload4j");
    }

    @Test
    void kafka3PomAddsTheReload4jBinding() {
        String pom = MavenClasspathResolver.pom("3.9.1");

        assertThat(pom)
                .contains("<artifactId>kafka_2.13</artifactId><version>3.9.1</version>")
                .contains("<artifactId>slf4j-reload4j</artifactId>")
                .contains("<artifactId>reload4j</artifactId>")
                .doesNotContain("log4j-slf4j-impl");
    }

    @Test
    void commandBuildsTheRuntimeClasspathIntoTheOutputFile() {
        List<String> command = MavenClasspathResolver.command(Path.of("/work/pom.xml"), Path.of("/work/cp.txt"));

        assertThat(command.get(0)).endsWith("mvn");
        assertThat(command).contains("-B", "-f", "/work/pom.xml",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=/work/cp.txt", "-Dmdep.includeScope=runtime");
    }
}
