package io.brook.testsupport;

import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the leaks Netty reports in this JVM, so a test can fail on them instead of leaving a log line nobody
 * reads.
 *
 * <p>{@link #install()} must run before the first Netty buffer class initializes, because each Netty resource
 * class creates its leak detector once, in its static initializer. {@link LeakGuardSessionListener} does that when
 * the JUnit launcher session opens; {@link NettyLeakGuardExtension} fails each test class that leaked.
 *
 * <p>Thread-safe: all state is in concurrent collections; {@link #install()} is guarded by the class lock.
 */
public final class LeakGuard {

    /** Garbage collections per {@link #collectLeaks()}: a leaked wrapper may need one to free what it wraps. */
    private static final int GC_ROUNDS = 3;
    /** Time for the JVM's reference handler thread to enqueue what a collection cleared. */
    private static final long ENQUEUE_PAUSE_MS = 25;

    private static final Queue<LeakReport> PENDING = new ConcurrentLinkedQueue<>();
    private static final List<RecordingLeakDetector<?>> DETECTORS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakGuard() {
    }

    /**
     * Makes Netty create recording leak detectors from now on. Idempotent. Detectors Netty created before this
     * call (for classes already initialized) keep only logging.
     */
    public static synchronized void install() {
        if (!installed) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingLeakDetectorFactory());
            installed = true;
        }
    }

    /** Whether Netty's current leak detector factory is the recording one. */
    public static boolean isInstalled() {
        return ResourceLeakDetectorFactory.instance() instanceof RecordingLeakDetectorFactory;
    }

    /**
     * Forces garbage collection, lets every recording detector report what became unreachable unreleased, and
     * returns (and forgets) every leak reported since the previous call. Blocks for about
     * {@value #GC_ROUNDS} x {@value #ENQUEUE_PAUSE_MS} ms plus the collections.
     *
     * @return the leaks reported since the previous call, oldest first; empty if none
     * @throws InterruptedException if interrupted while waiting for the collector
     */
    public static List<LeakReport> collectLeaks() throws InterruptedException {
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            Thread.sleep(ENQUEUE_PAUSE_MS);
            for (RecordingLeakDetector<?> detector : DETECTORS) {
                detector.pollLeaks();
            }
        }
        List<LeakReport> leaks = new ArrayList<>();
        for (LeakReport report = PENDING.poll(); report != null; report = PENDING.poll()) {
            leaks.add(report);
        }
        return leaks;
    }

    static void record(LeakReport report) {
        PENDING.add(report);
    }

    static void register(RecordingLeakDetector<?> detector) {
        DETECTORS.add(detector);
    }
}
