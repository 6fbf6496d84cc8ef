package io.brook.benchmarks;

import io.brook.testkit.KafkaCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The paired end-to-end producer benchmark: Brook against kafka-clients (the broker's version) on one real broker
 * launched by the test kit, in the same run. For every workload ({@link Workload#all}) and every pair, the two
 * clients run in the order A B B A (Brook first in odd pairs, kafka-clients first in even ones), each run in a JVM of
 * its own ({@link ProducerLoad}) against a fresh 6-partition topic. It prints, per workload and client, the median
 * of the runs, and the ratio Brook / kafka-clients (the median over pairs of the pair's mean ratio) with its min-max
 * across pairs; the table is also written to {@code benchmarks/target/producer-benchmark.md}.
 *
 * <p>System properties: {@code bench.pairs} (default 2), {@code bench.scale} (record counts, default 1.0),
 * {@code bench.workloads} (a regular expression over workload ids such as {@code 100-all-lz4-k}), {@code bench.aa}
 * (true: kafka-clients against itself, to calibrate the noise), {@code bench.jvmArgs} (extra options for the run
 * JVMs, e.g. {@code -XX:+FlightRecorder...}), {@code bench.listener} and {@code bench.sslProvider} (runs over TLS:
 * see {@link BenchListener}).
 */
public final class ProducerPairs {
    private static final int PARTITIONS = 6;
    private static final String[] METRICS = {"recordsPerSec", "mbPerSec", "p50Ms", "p99Ms", "cpuSecPerMillion",
        "heapBytesPerRecord"};

    private ProducerPairs() {}

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("bench.pairs", 2);
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
        Pattern filter = Pattern.compile(System.getProperty("bench.workloads", ".*"));
        boolean aa = Boolean.getBoolean("bench.aa");
        String a = aa ? "kafka" : "brook";
        List<Workload> workloads = Workload.all(scale).stream().filter(w -> filter.matcher(w.id()).matches())
                .toList();
        System.out.printf("Producer benchmark: %d workloads x %d pairs (A B B A), A=%s B=kafka, scale %.2f%n",
                workloads.size(), pairs, a, scale);
        Map<Workload, List<Map<String, Double>>> aRuns = new LinkedHashMap<>();
        Map<Workload, List<Map<String, Double>>> bRuns = new LinkedHashMap<>();
        Instant began = Instant.now();
        try (KafkaCluster cluster = BenchListener.configure(KafkaCluster.builder().nodes(1).brokerHeap("1g")).build();
                Admin admin = startAndConnect(cluster)) {
            int run = 0;
            for (Workload w : workloads) {
                for (int pair = 1; pair <= pairs; pair++) {
                    String[] order = pair % 2 == 1 ? new String[] {a, "kafka", "kafka", a}
                            : new String[] {"kafka", a, a, "kafka"};
                    for (int slot = 0; slot < 4; slot++) {
                        String client = order[slot];
                        // In an A/A run both sides are kafka-clients: the slot decides which side a run counts for.
                        boolean sideA = aa ? (pair % 2 == 1 ? slot == 0 || slot == 3 : slot == 1 || slot == 2)
                                : client.equals("brook");
                        String topic = "bench-" + w.id() + "-" + (++run);
                        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                                .get(60, TimeUnit.SECONDS);
                        Map<String, Double> result = runChild(client, cluster, topic, w);
                        admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                        (sideA ? aRuns : bRuns).computeIfAbsent(w, k -> new ArrayList<>()).add(result);
                        System.out.printf("  %-32s pair %d %-5s %s%n", w.name(), pair, client, result);
                    }
                }
            }
        }
        String table = table(workloads, aRuns, bRuns, pairs, a);
        System.out.println();
        System.out.println(table);
        Path out = Path.of("target", "producer-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "Run " + began + " - " + Instant.now() + ", " + pairs + " pairs, scale " + scale
                + "\n\n" + table, StandardCharsets.UTF_8);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private static Admin startAndConnect(KafkaCluster cluster) {
        cluster.start();
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static Map<String, Double> runChild(String client, KafkaCluster cluster, String topic, Workload w)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms1g");
        command.add("-Xmx1g");
        command.add("-XX:+UseG1GC");
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.replace("{run}", topic).split("\\s+")));
        }
        command.add(BenchListener.runJvmOption(cluster));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProducerLoad.class.getName());
        command.add(client);
        command.add(BenchListener.runBootstrap(cluster));
        command.add(topic);
        command.addAll(w.toArgs());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Optional<String> line = Optional.empty();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String s;
            while ((s = out.readLine()) != null) {
                if (s.startsWith("RESULT ")) {
                    line = Optional.of(s);
                } else if (s.startsWith("THREADS ")) {
                    System.out.println("    " + client + " " + s); // diagnostics asked for with -Dbench.threads=true
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || line.isEmpty()) {
            p.destroyForcibly();
            throw new IllegalStateException(client + " run on " + topic + " failed (exit "
                    + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (String kv : line.get().substring("RESULT ".length()).split(" ")) {
            String[] parts = kv.split("=", 2);
            if (!parts[0].equals("client")) {
                result.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        if (result.get("errors") > 0) {
            throw new IllegalStateException(client + " run on " + topic + " had " + result.get("errors")
                    + " failed records");
        }
        return result;
    }

    // ---- the table -------------------------------------------------------------------------------------------------

    private static String table(List<Workload> workloads, Map<Workload, List<Map<String, Double>>> aRuns,
            Map<Workload, List<Map<String, Double>>> bRuns, int pairs, String a) {
        StringBuilder sb = new StringBuilder();
        String aName = a.equals("brook") ? "Brook" : "kafka A";
        sb.append("| workload | metric | ").append(aName).append(" | kafka-clients | ").append(aName)
                .append(" / kafka | min-max over pairs |\n|---|---|---:|---:|---:|---|\n");
        for (Workload w : workloads) {
            List<Map<String, Double>> as = aRuns.getOrDefault(w, List.of());
            List<Map<String, Double>> bs = bRuns.getOrDefault(w, List.of());
            for (String metric : METRICS) {
                double am = median(values(as, metric));
                double bm = median(values(bs, metric));
                List<Double> pairRatios = new ArrayList<>();
                for (int pair = 0; pair < pairs && 2 * pair + 1 < as.size() && 2 * pair + 1 < bs.size(); pair++) {
                    double ap = (as.get(2 * pair).get(metric) + as.get(2 * pair + 1).get(metric)) / 2;
                    double bp = (bs.get(2 * pair).get(metric) + bs.get(2 * pair + 1).get(metric)) / 2;
                    pairRatios.add(ap / bp);
                }
                double ratio = median(pairRatios);
                double min = pairRatios.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
                double max = pairRatios.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
                sb.append(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s | **%.2f** | %.2f-%.2f |%n",
                        w.name(), metric, fmt(am), fmt(bm), ratio, min, max));
            }
        }
        return sb.toString();
    }

    private static List<Double> values(List<Map<String, Double>> runs, String metric) {
        return runs.stream().map(r -> r.get(metric)).toList();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 1000) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
