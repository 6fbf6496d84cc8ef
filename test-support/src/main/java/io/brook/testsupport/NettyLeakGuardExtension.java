package io.brook.testsupport;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty reported a leak while it ran: after all its tests (and after the extensions that
 * clean up after them), it forces garbage collection, lets Netty's detectors report, and throws an
 * {@link AssertionError} carrying every leak's access records.
 *
 * <p>Auto-detected: registered through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, active
 * wherever {@code junit.jupiter.extensions.autodetection.enabled=true} (the Brook parent pom sets it for Surefire
 * and Failsafe). Catches leaks only at the leak detection level's sampling rate; Brook's builds run at
 * {@code paranoid}, where every buffer is tracked.
 *
 * <p>A leak is reported when the collector finds the object, which can be after the test class that leaked it
 * ended (say, a buffer dropped later by a background thread): it then fails the next class that finishes. With
 * classes running in parallel, a leak fails whichever class checks first.
 */
public final class NettyLeakGuardExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // Normally done by LeakGuardSessionListener; this covers runners that open no launcher session.
        LeakGuard.install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<LeakReport> leaks = LeakGuard.collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(failureMessage(context.getDisplayName(), leaks));
        }
    }

    static String failureMessage(String testClass, List<LeakReport> leaks) {
        String details = leaks.stream().map(LeakReport::describe).collect(Collectors.joining("\n\n"));
        return "Netty reported " + leaks.size() + " leak(s) while " + testClass + " ran (or shortly before; a leak"
                + " surfaces when the garbage collector finds the object):\n" + details;
    }
}
