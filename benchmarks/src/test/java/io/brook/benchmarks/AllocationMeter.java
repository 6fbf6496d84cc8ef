package io.brook.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap bytes a whole JVM allocated between {@link #start} and {@link #stop}, by every thread including those that
 * ended meanwhile: what is in the heap now, minus what was there at the start, plus what each garbage collection in
 * between freed (from the JVM's GC notifications). Thread-based counters
 * ({@code ThreadMXBean.getThreadAllocatedBytes}) miss threads that ended, which a client's own thread pools may do.
 *
 * <p>Used once per JVM, by one thread.
 */
final class AllocationMeter {
    private final List<GcInfo> gcs = new CopyOnWriteArrayList<>();
    private long usedAtStart;
    private long startUptimeMs;

    AllocationMeter() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this::onNotification, null, null);
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            gcs.add(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo());
        }
    }

    void start() {
        gcs.clear();
        startUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        usedAtStart = heapUsed();
    }

    /** @return heap bytes allocated since {@link #start} */
    long stop() throws InterruptedException {
        long usedNow = heapUsed();
        long stopUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        // Notifications arrive on a service thread shortly after each collection.
        Thread.sleep(500);
        long freed = 0;
        for (GcInfo gc : gcs) {
            if (gc.getStartTime() < startUptimeMs || gc.getEndTime() > stopUptimeMs) {
                continue;
            }
            freed += used(gc.getMemoryUsageBeforeGc()) - used(gc.getMemoryUsageAfterGc());
        }
        return usedNow - usedAtStart + freed;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static long used(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pools.containsKey(pool.getName())) {
                used += pools.get(pool.getName()).getUsed();
            }
        }
        return used;
    }
}
