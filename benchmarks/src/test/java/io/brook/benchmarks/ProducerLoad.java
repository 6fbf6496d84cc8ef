package io.brook.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the paired producer benchmark, in a JVM of its own so that CPU time and heap allocation belong to one
 * client only: warm up, then a throughput phase at full speed (records/s, MB/s, CPU seconds and heap bytes per
 * record), then a latency phase at a fixed offered load (send-to-ack p50/p99). Prints one {@code RESULT} line.
 *
 * <p>Arguments: {@code <brook|kafka> <bootstrap> <topic>} followed by {@link Workload#toArgs()}.
 */
public final class ProducerLoad {
    private static final int KEYS = 10_000;
    private static final int VALUES = 1_000;
    private static final long WARMUP_SECONDS = Long.getLong("bench.warmupSeconds", 8);

    private ProducerLoad() {}

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        Workload w = Workload.fromArgs(args, 3);
        byte[][] keys = w.keyed() ? BenchData.keys(KEYS) : null;
        byte[][] values = BenchData.values(VALUES, w.valueSize(), 42);
        AllocationMeter heap = new AllocationMeter();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ProducerClient producer = ProducerClient.create(client, bootstrap, w)) {
            // Warm up for the given records and at least WARMUP_SECONDS, so that the JIT has settled for both
            // clients before anything is measured (on a loaded 2-core machine C2 takes a while).
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
            do {
                saturate(producer, topic, keys, values, w.warmupRecords());
            } while (System.nanoTime() < warmupEnd);
            System.gc();
            Thread.sleep(200);

            heap.start();
            java.util.Map<String, Long> cpuByThreadBefore = cpuByThread(threads);
            java.util.Map<String, Long> switchesBefore = contextSwitches();
            long threadBytesBefore = threadAllocated(threads);
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            saturate(producer, topic, keys, values, w.measuredRecords());
            long elapsedNs = System.nanoTime() - start;
            long cpuNs = os.getProcessCpuTime() - cpuBefore;
            long liveThreadBytes = threadAllocated(threads) - threadBytesBefore;
            long heapBytes = heap.stop();
            if (Boolean.getBoolean("bench.threads")) {
                printCpuByThread(cpuByThreadBefore, cpuByThread(threads), cpuNs);
                printSwitches(switchesBefore, contextSwitches());
            }

            long[] latencies = paced(producer, topic, keys, values, w.latencyRate(), w.latencySeconds());
            double records = w.measuredRecords();
            double seconds = elapsedNs / 1e9;
            System.out.println(String.format(Locale.ROOT, "RESULT client=%s recordsPerSec=%.1f mbPerSec=%.3f "
                            + "cpuSecPerMillion=%.4f heapBytesPerRecord=%.1f liveThreadHeapBytesPerRecord=%.1f "
                            + "p50Ms=%.3f p99Ms=%.3f errors=%d latencyLost=%d",
                    client, records / seconds, records * w.valueSize() / seconds / 1e6, cpuNs / 1e9 / (records / 1e6),
                    heapBytes / records, liveThreadBytes / records, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), producer.errors(), Arrays.stream(latencies).filter(l -> l < 0).count()));
        }
    }

    private static void saturate(ProducerClient producer, String topic, byte[][] keys, byte[][] values, int n) {
        for (int i = 0; i < n; i++) {
            producer.send(topic, keys == null ? null : keys[i % keys.length], values[i % values.length]);
        }
        producer.flush();
    }

    /** Sends {@code rate} records per second for {@code seconds}, evenly spaced; returns each one's latency. */
    private static long[] paced(ProducerClient producer, String topic, byte[][] keys, byte[][] values, int rate,
            int seconds) {
        int n = rate * seconds;
        long[] latencies = new long[n];
        Arrays.fill(latencies, -1);
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * intervalNs;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    LockSupport.parkNanos(wait - 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            producer.sendTimed(topic, keys == null ? null : keys[i % keys.length], values[i % values.length],
                    latencies, i);
        }
        producer.flush();
        return latencies;
    }

    private static double percentile(long[] latencies, double p) {
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        if (ok.length == 0) {
            return Double.NaN;
        }
        return ok[Math.min(ok.length - 1, (int) Math.ceil(p * ok.length) - 1)] / 1e6;
    }

    /** CPU time of each live thread, by name with digits folded (diagnostics: -Dbench.threads=true). */
    private static java.util.Map<String, Long> cpuByThread(ThreadMXBean threads) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long ns = threads.getThreadCpuTime(info.getThreadId());
                out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), Math.max(0, ns), Long::sum);
            }
        }
        return out;
    }

    private static void printCpuByThread(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
            long processNs) {
        long javaThreads = 0;
        StringBuilder sb = new StringBuilder("THREADS");
        for (java.util.Map.Entry<String, Long> e : after.entrySet()) {
            long ns = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            javaThreads += ns;
            if (ns > 5_000_000) {
                sb.append(String.format(Locale.ROOT, " [%s]=%.0fms", e.getKey(), ns / 1e6));
            }
        }
        sb.append(String.format(Locale.ROOT, " process=%.0fms other(GC,JIT,...)=%.0fms", processNs / 1e6,
                (processNs - javaThreads) / 1e6));
        System.out.println(sb);
    }

    /**
     * Voluntary context switches (a thread blocking: park, futex, epoll) per thread name, from /proc (Linux only;
     * empty elsewhere): how many hand-offs between threads a client makes (diagnostics: -Dbench.threads=true).
     */
    private static java.util.Map<String, Long> contextSwitches() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return out;
        }
        for (java.io.File task : tasks) {
            try {
                String name = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim()
                        .replaceAll("[0-9]+", "N");
                for (String line : java.nio.file.Files.readAllLines(task.toPath().resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        out.merge(name, Long.parseLong(line.substring(line.indexOf(':') + 1).trim()), Long::sum);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return out;
    }

    private static void printSwitches(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        StringBuilder sb = new StringBuilder("THREADS switches");
        for (java.util.Map.Entry<String, Long> e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 100) {
                sb.append(String.format(Locale.ROOT, " [%s]=%d", e.getKey(), n));
            }
        }
        System.out.println(sb);
    }

    private static long threadAllocated(ThreadMXBean threads) {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) threads;
        long sum = 0;
        for (long bytes : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            if (bytes > 0) {
                sum += bytes;
            }
        }
        return sum;
    }
}
