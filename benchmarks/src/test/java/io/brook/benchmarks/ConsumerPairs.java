package io.brook.benchmarks;

import io.brook.testkit.KafkaCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Brook's consumer against kafka-clients' on the same broker in the same run: for each workload (a 6-partition
 * topic of 2,000,000 x 100 B or 500,000 x 1 KiB records, uncompressed or lz4) and mode (assign, group), runs of
 * the two clients alternate A B B A, each run in a fresh JVM ({@link ConsumerRun}) reading the whole topic.
 * Prints a Markdown table: per client the median records/s, MB/s, CPU seconds per million records and heap bytes
 * allocated per record, and the Brook/kafka-clients ratios with their min-max over the pairs.
 *
 * <p>Arguments (all optional): {@code --bootstrap-server host:port} (else a local broker is started with
 * brook-testkit), {@code --pairs N} (default 2), {@code --scale F} (record counts times F, default 1),
 * {@code --only <substring of a workload name>}, {@code --out file.md}. System properties {@code bench.listener} and
 * {@code bench.sslProvider} run the clients over TLS (see {@link BenchListener}; local broker only).
 */
public final class ConsumerPairs {
    private static final int PARTITIONS = 6;

    /** One topic shape. */
    record Workload(String name, int valueSize, int records, String compression) {
        String topic(String runId) {
            return "bench-" + name + "-" + runId;
        }
    }

    /** What one run reported. */
    record Result(long records, long bytes, long wallNs, long cpuNs, long allocBytes) {
        double recordsPerSecond() {
            return records / (wallNs / 1e9);
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (wallNs / 1e9);
        }

        double cpuSecondsPerMillion() {
            return cpuNs / 1e9 / (records / 1e6);
        }

        double allocPerRecord() {
            return (double) allocBytes / records;
        }
    }

    private ConsumerPairs() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int pairs = Integer.parseInt(opts.getOrDefault("pairs", "2"));
        double scale = Double.parseDouble(opts.getOrDefault("scale", "1"));
        String only = opts.get("only");
        List<Workload> workloads = new ArrayList<>();
        for (Workload w : List.of(new Workload("100B-none", 100, 2_000_000, "none"),
                new Workload("100B-lz4", 100, 2_000_000, "lz4"),
                new Workload("1KiB-none", 1024, 500_000, "none"),
                new Workload("1KiB-lz4", 1024, 500_000, "lz4"))) {
            if (only == null || w.name().contains(only)) {
                workloads.add(new Workload(w.name(), w.valueSize(), (int) (w.records() * scale), w.compression()));
            }
        }
        KafkaCluster cluster = null;
        String bootstrap = opts.get("bootstrap-server");
        if (bootstrap == null) {
            cluster = BenchListener.configure(KafkaCluster.builder().brokerHeap("1g")).build();
            cluster.start();
            bootstrap = cluster.bootstrapServers();
        }
        try {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            StringBuilder table = new StringBuilder(header());
            for (Workload w : workloads) {
                prepare(bootstrap, w, runId);
                for (String mode : List.of("assign", "group")) {
                    List<Result> brook = new ArrayList<>();
                    List<Result> kafka = new ArrayList<>();
                    for (int pair = 0; pair < pairs; pair++) {
                        // A B B A: the order within each pair alternates, so that warm caches favour neither.
                        boolean brookFirst = pair % 2 == 0;
                        for (int i = 0; i < 2; i++) {
                            boolean runBrook = (i == 0) == brookFirst;
                            Result r = run(runBrook ? "brook" : "kafka", cluster, bootstrap, w.topic(runId),
                                    w.records(), mode);
                            (runBrook ? brook : kafka).add(r);
                            System.err.printf(Locale.ROOT, "%s %s %s: %.0f rec/s, %.2f CPU s/M, %.0f B/rec%n",
                                    w.name(), mode, runBrook ? "brook" : "kafka", r.recordsPerSecond(),
                                    r.cpuSecondsPerMillion(), r.allocPerRecord());
                        }
                    }
                    table.append(row(w, mode, brook, kafka));
                }
                // A workload's topic takes up to 0.6 GB: gone before the next one is written.
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    admin.deleteTopics(List.of(w.topic(runId))).all().get(60, TimeUnit.SECONDS);
                }
            }
            System.out.println(table);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), table.toString(), StandardCharsets.UTF_8);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    /** Creates the workload's topic and fills it through kafka-clients' producer. */
    private static void prepare(String bootstrap, Workload w, String runId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Records carry today's timestamps and the topic keeps them forever: time-based retention must not
            // delete segments while the runs read them.
            admin.createTopics(List.of(new NewTopic(w.topic(runId), PARTITIONS, (short) 1)
                    .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")))).all()
                    .get(60, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, w.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        byte[][] keys = BenchData.keys(1024);
        byte[][] values = BenchData.values(1024, w.valueSize(), 42);
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < w.records(); i++) {
                producer.send(new ProducerRecord<>(w.topic(runId), i % PARTITIONS, now + i / 1000,
                        keys[i % keys.length], values[i % values.length]));
            }
            producer.flush();
        }
        System.err.printf(Locale.ROOT, "%s: %d records written in %.1f s%n", w.name(), w.records(),
                (System.nanoTime() - start) / 1e9);
    }

    /** One run over the {@link BenchListener} listener of {@code cluster}, or PLAINTEXT {@code bootstrap} if none. */
    private static Result run(String client, KafkaCluster cluster, String bootstrap, String topic, int records,
            String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                BenchListener.runJvmOption(cluster),
                "-cp", System.getProperty("java.class.path"), ConsumerRun.class.getName(), client,
                cluster == null ? bootstrap : BenchListener.runBootstrap(cluster), topic, String.valueOf(PARTITIONS),
                String.valueOf(records), mode).redirectErrorStream(true).start();
        String resultLine = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    resultLine = line;
                } else if (output.size() < 200) {
                    output.add(line);
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || resultLine == null) {
            process.destroyForcibly();
            throw new IllegalStateException(client + " run on " + topic + " produced no result:\n"
                    + String.join("\n", output));
        }
        Map<String, Long> v = new java.util.HashMap<>();
        for (String kv : resultLine.substring("RESULT ".length()).split(" ")) {
            String[] parts = kv.split("=");
            v.put(parts[0], Long.parseLong(parts[1]));
        }
        return new Result(v.get("records"), v.get("bytes"), v.get("wallNs"), v.get("cpuNs"), v.get("allocBytes"));
    }

    private static String header() {
        return "| Workload | Mode | Brook rec/s | Kafka rec/s | Throughput B/K (min-max) | Brook MB/s | Kafka MB/s "
                + "| Brook CPU s/M rec | Kafka CPU s/M rec | CPU B/K (min-max) | Brook B/rec | Kafka B/rec "
                + "| Alloc B/K (min-max) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    }

    private static String row(Workload w, String mode, List<Result> brook, List<Result> kafka) {
        double[] tput = ratios(brook, kafka, Result::recordsPerSecond);
        double[] cpu = ratios(brook, kafka, Result::cpuSecondsPerMillion);
        double[] alloc = ratios(brook, kafka, Result::allocPerRecord);
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f (%.2f-%.2f) | %.1f | %.1f | %.3f | %.3f "
                        + "| %.2f (%.2f-%.2f) | %.0f | %.0f | %.2f (%.2f-%.2f) |%n",
                w.name(), mode, median(brook, Result::recordsPerSecond), median(kafka, Result::recordsPerSecond),
                tput[0], tput[1], tput[2], median(brook, Result::megabytesPerSecond),
                median(kafka, Result::megabytesPerSecond), median(brook, Result::cpuSecondsPerMillion),
                median(kafka, Result::cpuSecondsPerMillion), cpu[0], cpu[1], cpu[2],
                median(brook, Result::allocPerRecord), median(kafka, Result::allocPerRecord), alloc[0], alloc[1],
                alloc[2]);
    }

    /** The ratio of the medians, and the min and max of the per-pair ratios. */
    private static double[] ratios(List<Result> brook, List<Result> kafka,
            java.util.function.ToDoubleFunction<Result> metric) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < Math.min(brook.size(), kafka.size()); i++) {
            double r = metric.applyAsDouble(brook.get(i)) / metric.applyAsDouble(kafka.get(i));
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return new double[] {median(brook, metric) / median(kafka, metric), min, max};
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
