package io.brook.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.brook.testsupport.fixtures.CleanFixture;
import io.brook.testsupport.fixtures.LeakingFixture;
import io.brook.testsupport.fixtures.OnlyInsideEngineTestKit;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class LeakGuardTest {

    @BeforeAll
    static void requireParanoidLeakDetection() {
        // The build runs every test JVM at paranoid; at a lower level the deliberate leak is only sampled.
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void recordingLeakDetectorFactoryIsInstalled() {
        assertThat(LeakGuard.isInstalled()).isTrue();
    }

    @Test
    void failsTheClassThatLeakedAndPrintsTheRecord() {
        EngineExecutionResults results = runInSubLauncher(LeakingFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        List<Event> failedContainers = results.containerEvents().failed().list();
        assertThat(failedContainers).hasSize(1);
        Throwable failure = failedContainers.get(0).getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakingFixture")
                .hasMessageContaining("LEAK: a ByteBuf was garbage-collected before release()")
                // The access record points at the allocation in the leaking test method.
                .hasMessageContaining("LeakingFixture.leaksABuffer(LeakingFixture.java:");
    }

    @Test
    void passesAClassThatReleasedItsBuffers() {
        EngineExecutionResults results = runInSubLauncher(CleanFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0).succeeded(2));
    }

    private static EngineExecutionResults runInSubLauncher(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(OnlyInsideEngineTestKit.ENABLED, "true")
                .selectors(selectClass(fixture))
                .execute();
    }
}
