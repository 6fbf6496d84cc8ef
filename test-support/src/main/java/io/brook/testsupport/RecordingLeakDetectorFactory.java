package io.brook.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Creates {@link RecordingLeakDetector}s and registers each with {@link LeakGuard}. Installed by
 * {@link LeakGuard#install()}. Thread-safe (stateless).
 */
final class RecordingLeakDetectorFactory extends ResourceLeakDetectorFactory {

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        RecordingLeakDetector<T> detector = new RecordingLeakDetector<>(resource, samplingInterval);
        LeakGuard.register(detector);
        return detector;
    }

    /** {@code maxActive} has been ignored by Netty's own detectors for years; so it is here. */
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
            Class<T> resource, int samplingInterval, long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }
}
