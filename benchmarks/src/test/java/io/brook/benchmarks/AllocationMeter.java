package io.brook.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap bytes all threads of this JVM allocated between {@link #start} and {@link #stop}, threads that ended
 * meanwhile included: a sampler thread reads every thread's allocation counter
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}) every 20 ms and keeps the last value seen per
 * thread, so a thread that ends still counts with what it had allocated by its last sample (at most 20 ms of its
 * work is missed). The sampler's own allocation is left out.
 *
 * <p>(Summing GC notifications instead undercounts on G1, whose concurrent cycles free memory without a
 * notification.)
 *
 * <p>Used once per JVM, by one thread; the sampler's map is guarded by this object's monitor.
 */
final class AllocationMeter {
    private static final long PERIOD_MS = 20;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private Thread sampler;
    private volatile boolean running;

    void start() {
        synchronized (this) {
            atStart.clear();
            lastSeen.clear();
            sampleInto(atStart);
        }
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                synchronized (this) {
                    sampleInto(lastSeen);
                }
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "allocation-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** @return heap bytes allocated since {@link #start} */
    long stop() throws InterruptedException {
        running = false;
        sampler.join();
        synchronized (this) {
            sampleInto(lastSeen);
            long sum = 0;
            for (Map.Entry<Long, Long> e : lastSeen.entrySet()) {
                if (e.getKey() == sampler.getId()) {
                    continue;
                }
                sum += e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    private void sampleInto(Map<Long, Long> into) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                into.merge(ids[i], bytes[i], Math::max);
            }
        }
    }
}
