package io.brook.it.security;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.Listener;
import io.brook.testkit.internal.LocalKafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one launched single-node cluster with every secured listener that the security ITs share: started on first
 * use, closed when the test JVM exits. SASL sessions last 3 s for SCRAM-SHA-256 on SASL_PLAINTEXT and for
 * OAUTHBEARER on SASL_SSL, so that re-authentication happens within a test.
 */
final class SecuredCluster {
    static final String USER = "alice";
    static final String PASSWORD = "alice-pw-7c1e";
    static final long SESSION_MS = 3_000;
    private static KafkaCluster cluster;

    private SecuredCluster() {}

    static synchronized KafkaCluster get() {
        if (cluster == null) {
            KafkaCluster c = KafkaCluster.builder().source(ClusterSource.LOCAL)
                    .listener(Listener.SSL).listener(Listener.MTLS)
                    .listener(Listener.SASL_PLAINTEXT).listener(Listener.SASL_SSL)
                    .listener(Listener.SSL_EXPIRED_CERTIFICATE).listener(Listener.SSL_WRONG_HOST)
                    .saslUser(USER, PASSWORD)
                    .brokerProperty("listener.name.sasl_plaintext.scram-sha-256.connections.max.reauth.ms",
                            Long.toString(SESSION_MS))
                    .brokerProperty("listener.name.sasl_ssl.oauthbearer.connections.max.reauth.ms",
                            Long.toString(SESSION_MS))
                    .build();
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "secured-cluster-close"));
            cluster = c;
        }
        return cluster;
    }

    /** How many times the broker logged a failed authentication so far. */
    static long failedAuthentications() {
        Path logs = ((LocalKafkaCluster) get()).logDirectory();
        try (Stream<Path> files = Files.walk(logs)) {
            return files.filter(p -> p.getFileName().toString().equals("server.log")).mapToLong(p -> {
                try (Stream<String> lines = Files.lines(p)) {
                    return lines.filter(l -> l.contains("Failed authentication with")).count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client properties of {@code listener} plus {@code extra}. */
    static Map<String, Object> config(Listener listener, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(get().clientProperties(listener));
        config.putAll(extra);
        return config;
    }
}
