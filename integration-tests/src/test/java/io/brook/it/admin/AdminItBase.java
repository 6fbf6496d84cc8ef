package io.brook.it.admin;

import io.brook.admin.Admin;
import io.brook.common.TopicPartition;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the admin ITs against the shared cluster have in common: a Brook {@link Admin} and the kafka-clients
 * {@link Oracle} on the same cluster, opened before each test and closed after it, and the helpers that wait for
 * a call's result or failure. Topic and group names are unique per test, so the tests also run against a shared or
 * external cluster.
 */
@ExtendWith(KafkaClusterExtension.class)
abstract class AdminItBase {
    static final long TIMEOUT_S = 60;

    KafkaCluster cluster;
    Admin brook;
    Oracle kafka;

    /** The {@code client.id} of the test class's Brook client. */
    abstract String clientId();

    @BeforeEach
    void connect(KafkaCluster cluster) {
        this.cluster = cluster;
        brook = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers(), "client.id", clientId()));
        kafka = new Oracle(cluster.bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        brook.close(Duration.ofSeconds(10));
        kafka.close();
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The exception {@code future} fails with. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the call to fail, got " + e, e);
        }
        throw new AssertionError("expected the call to fail, but it succeeded");
    }

    /** kafka-clients' name of {@code tp}. */
    static org.apache.kafka.common.TopicPartition k(TopicPartition tp) {
        return new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition());
    }
}
