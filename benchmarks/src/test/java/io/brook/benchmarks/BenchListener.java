package io.brook.benchmarks;

import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterBuilder;
import io.brook.testkit.Listener;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The listener the runs of the paired benchmarks ({@link ProducerPairs}, {@link ConsumerPairs}) connect over.
 * {@code -Dbench.listener=SSL} (or {@code MTLS}: a TLS listener of the test kit) makes the benchmark's broker open
 * that listener too; each run JVM then gets the listener's bootstrap address and its client properties (Kafka's
 * keys: {@code security.protocol}, {@code ssl.truststore.*}, ...), which both clients add to their configuration.
 * {@code -Dbench.sslProvider=jdk|openssl} sets Brook's TLS engine ({@code brook.ssl.provider}; kafka-clients
 * ignores the key); without it Brook picks its default ({@code auto}). Without {@code bench.listener}: PLAINTEXT,
 * as before. Topic setup (creating, filling, deleting topics) stays on the PLAINTEXT listener. The environment
 * variables {@code BENCH_LISTENER} and {@code BENCH_SSL_PROVIDER} stand for the properties where no system property
 * can be passed ({@code mvn ... -Pproducer-bench}, {@code benchmarks/consumer-pairs.sh}).
 */
final class BenchListener {
    /** The run JVM's system property holding the client properties, URL-encoded as a query string. */
    private static final String RUN_PROPERTY = "bench.clientProperties";

    private BenchListener() {}

    /** The chosen listener, or null for PLAINTEXT. */
    private static Listener chosen() {
        String name = setting("bench.listener", "BENCH_LISTENER", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (name.equals("PLAINTEXT")) {
            return null;
        }
        Listener listener = Listener.valueOf(name);
        if (!listener.usesTls() || listener.usesSasl()) {
            throw new IllegalArgumentException("bench.listener supports PLAINTEXT, SSL and MTLS, not " + name);
        }
        return listener;
    }

    /** Adds the chosen listener to the benchmark's broker. */
    static KafkaClusterBuilder configure(KafkaClusterBuilder builder) {
        Listener listener = chosen();
        return listener == null ? builder : builder.listener(listener);
    }

    /** The bootstrap address the runs connect to. */
    static String runBootstrap(KafkaCluster cluster) {
        Listener listener = chosen();
        return listener == null ? cluster.bootstrapServers() : cluster.bootstrapServers(listener);
    }

    /**
     * The JVM option that hands a run JVM the chosen listener's client properties (none for PLAINTEXT, or for a
     * null {@code cluster}: a broker the benchmark did not start).
     */
    static String runJvmOption(KafkaCluster cluster) {
        Listener listener = cluster == null ? null : chosen();
        Map<String, String> properties = new LinkedHashMap<>();
        if (listener != null) {
            properties.putAll(cluster.clientProperties(listener));
            properties.remove("bootstrap.servers");
            String provider = setting("bench.sslProvider", "BENCH_SSL_PROVIDER", null);
            if (provider != null) {
                properties.put("brook.ssl.provider", provider);
            }
        }
        return "-D" + RUN_PROPERTY + "=" + properties.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** In a run JVM: the client properties its parent passed on (none for PLAINTEXT). */
    static Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String encoded = System.getProperty(RUN_PROPERTY, "");
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                properties.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return properties;
    }

    /** The system property, else the environment variable, else {@code otherwise}. */
    private static String setting(String property, String environment, String otherwise) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
