package io.brook.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link LeakGuard} when a JUnit launcher session opens, before any test class is loaded, so that the
 * leak detectors Netty's buffer classes create in their static initializers are recording ones. Registered
 * through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class LeakGuardSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakGuard.install();
    }
}
