package io.brook.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

/**
 * A Netty leak detector that hands every leak it reports to {@link LeakGuard}, in addition to logging it as
 * Netty's own detector does.
 *
 * <p>Thread-safe: Netty calls it from any thread that allocates or tracks a resource; the reports go to a
 * concurrent queue.
 *
 * @param <T> the tracked resource type
 */
final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Always report, even when no logger would print the report: the guard, not the log, is the consumer. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakGuard.record(new LeakReport(resourceType, records));
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakGuard.record(new LeakReport(resourceType, ""));
        super.reportUntracedLeak(resourceType);
    }

    /**
     * Makes this detector process the references the garbage collector has enqueued since it last looked.
     * Netty only does that while tracking a new object, so this tracks (and at once closes) a throw-away probe.
     */
    @SuppressWarnings("unchecked")
    void pollLeaks() {
        // The probe is never used as a T: the detector only holds it weakly and compares identity on close.
        T probe = (T) new Object();
        ResourceLeakTracker<T> tracker = trackForcibly(probe);
        tracker.close(probe);
    }
}
