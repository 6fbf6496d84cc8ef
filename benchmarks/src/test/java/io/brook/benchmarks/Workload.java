package io.brook.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One producer benchmark workload: value size, acks (with idempotence for {@code all}), compression, keyed or not,
 * and how many records each phase sends. Immutable.
 *
 * @param valueSize bytes per value
 * @param acks "1" or "all"
 * @param compression "none" or "lz4"
 * @param keyed whether records carry one of 10,000 keys
 * @param warmupRecords records sent before measuring, at full speed
 * @param measuredRecords records of the throughput phase, at full speed
 * @param latencyRate records per second of the latency phase (a fixed load, the same for both clients)
 * @param latencySeconds how long the latency phase lasts
 */
record Workload(int valueSize, String acks, String compression, boolean keyed, int warmupRecords,
        int measuredRecords, int latencyRate, int latencySeconds) {

    String name() {
        return valueSize + "B acks=" + acks + " " + compression + " " + (keyed ? "keyed" : "unkeyed");
    }

    String id() {
        return valueSize + "-" + (acks.equals("all") ? "all" : "1") + "-" + compression + "-" + (keyed ? "k" : "u");
    }

    List<String> toArgs() {
        return List.of(String.valueOf(valueSize), acks, compression, String.valueOf(keyed),
                String.valueOf(warmupRecords), String.valueOf(measuredRecords), String.valueOf(latencyRate),
                String.valueOf(latencySeconds));
    }

    static Workload fromArgs(String[] args, int from) {
        return new Workload(Integer.parseInt(args[from]), args[from + 1], args[from + 2],
                Boolean.parseBoolean(args[from + 3]), Integer.parseInt(args[from + 4]),
                Integer.parseInt(args[from + 5]), Integer.parseInt(args[from + 6]), Integer.parseInt(args[from + 7]));
    }

    /**
     * The sixteen workloads: 100 B and 1 KiB values x acks=1 / acks=all with idempotence x none / lz4 x
     * keyed / unkeyed. {@code scale} multiplies the record counts (1 = the full run).
     */
    static List<Workload> all(double scale) {
        List<Workload> out = new ArrayList<>();
        for (int size : new int[] {100, 1024}) {
            for (String acks : new String[] {"1", "all"}) {
                for (String compression : new String[] {"none", "lz4"}) {
                    for (boolean keyed : new boolean[] {true, false}) {
                        boolean small = size == 100;
                        out.add(new Workload(size, acks, compression, keyed,
                                (int) ((small ? 1_000_000 : 250_000) * scale),
                                (int) ((small ? 6_000_000 : 2_000_000) * scale),
                                small ? 20_000 : 10_000, Math.max(2, (int) Math.round(5 * Math.min(1.0, scale)))));
                    }
                }
            }
        }
        return out;
    }
}
