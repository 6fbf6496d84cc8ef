package io.brook.producer.internal;

import io.brook.common.Serializer;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ConfigException;
import io.brook.common.config.ConfigKey;
import io.brook.common.config.ProducerConfigs;
import io.brook.common.config.ProducerOptions;
import io.brook.core.internal.config.RetryBackoffs;
import io.brook.producer.Partitioner;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a producer configuration as a whole and resolves what the keys name: the combination rules of Kafka's
 * producer (idempotence needs acks=all, retries and at most 5 requests in flight; {@code delivery.timeout.ms} covers
 * linger and one request), the serializer and partitioner classes, and the keys that have no effect (logged once per
 * key and JVM). Stateless apart from that log-once set.
 */
final class ProducerSetup {
    private static final Logger log = LoggerFactory.getLogger(ProducerSetup.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final String KAFKA_PRODUCER = "org.apache.kafka.clients.producer.";

    private ProducerSetup() {}

    /**
     * The sender's settings for {@code options}.
     *
     * @throws ConfigException for an inconsistent combination, naming the keys
     */
    static SenderSettings settings(ProducerOptions options, String clientId) {
        ClientConfig config = options.config();
        String transactionalId = config.get(ProducerConfigs.TRANSACTIONAL_ID); // validated non-blank
        if (config.get(ProducerConfigs.TRANSACTION_TWO_PHASE_COMMIT_ENABLE)) {
            throw new ConfigException(ProducerConfigs.TRANSACTION_TWO_PHASE_COMMIT_ENABLE.name(),
                    "transaction.two.phase.commit.enable=true is not supported by Brook");
        }
        short acks = options.acks();
        int retries = options.retries();
        int maxInFlight = options.maxInFlightRequestsPerConnection();
        boolean idempotent = idempotence(config, acks, retries, maxInFlight, clientId);
        if (transactionalId != null && !idempotent) {
            throw new ConfigException(ProducerConfigs.ENABLE_IDEMPOTENCE.name(), "A transactional producer "
                    + "(transactional.id '" + transactionalId + "') must be idempotent: enable.idempotence=true, "
                    + "acks=all, retries > 0 and max.in.flight.requests.per.connection <= 5");
        }
        int requestTimeoutMs = config.get(CommonConfigs.REQUEST_TIMEOUT_MS);
        long lingerMs = options.linger().toMillis();
        long deliveryTimeoutMs = options.deliveryTimeout().toMillis();
        if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
            if (config.isExplicit(ProducerConfigs.DELIVERY_TIMEOUT_MS)) {
                throw new ConfigException(ProducerConfigs.DELIVERY_TIMEOUT_MS.name(), "delivery.timeout.ms ("
                        + deliveryTimeoutMs + ") must be at least linger.ms (" + lingerMs + ") + request.timeout.ms ("
                        + requestTimeoutMs + ")");
            }
            deliveryTimeoutMs = lingerMs + requestTimeoutMs;
            log.warn("[{}] delivery.timeout.ms raised to linger.ms + request.timeout.ms = {}", clientId,
                    deliveryTimeoutMs);
        }
        warnNoEffect(config, clientId);
        return new SenderSettings(clientId, acks, idempotent, transactionalId, config.get(ProducerConfigs.TRANSACTION_TIMEOUT_MS),
                requestTimeoutMs, deliveryTimeoutMs, lingerMs, retries, maxInFlight, options.maxRequestSize(),
                options.batchSize(), RetryBackoffs.from(config), options.adaptivePartitioning(),
                options.partitionerAvailabilityTimeout().toMillis(), options.maxBlock().toMillis(),
                options.metadataMaxIdle().toMillis(), String.join(",", config.get(CommonConfigs.BOOTSTRAP_SERVERS)));
    }

    private static boolean idempotence(ClientConfig config, short acks, int retries, int maxInFlight,
            String clientId) {
        boolean explicit = config.isExplicit(ProducerConfigs.ENABLE_IDEMPOTENCE);
        boolean wanted = config.get(ProducerConfigs.ENABLE_IDEMPOTENCE);
        if (!wanted) {
            return false;
        }
        String conflict = acks != -1 ? "acks must be all (is " + acks + ")"
                : retries == 0 ? "retries must be > 0 (is 0)"
                : maxInFlight > 5 ? "max.in.flight.requests.per.connection must be at most 5 (is " + maxInFlight + ")"
                : null;
        if (conflict == null) {
            return true;
        }
        if (explicit) {
            throw new ConfigException(ProducerConfigs.ENABLE_IDEMPOTENCE.name(), "enable.idempotence=true needs acks=all, "
                    + "retries > 0 and max.in.flight.requests.per.connection <= 5: " + conflict);
        }
        log.info("[{}] Idempotence is off because {} (enable.idempotence was not set)", clientId, conflict);
        return false;
    }

    private static void warnNoEffect(ClientConfig config, String clientId) {
        for (Map.Entry<String, String> e : ProducerConfigs.NO_EFFECT.entrySet()) {
            ConfigKey<?> key = config.definition().key(e.getKey()).orElseThrow();
            if (config.isExplicit(key) && WARNED.add(e.getKey())) {
                log.warn("[{}] Configuration key '{}' has no effect in Brook: {}", clientId, e.getKey(), e.getValue());
            }
        }
    }

    /** The key or value serializer: the one given, else the configured class. */
    @SuppressWarnings("unchecked") // a configured serializer's type is the user's promise, as in Kafka
    static <T> Serializer<T> serializer(Serializer<T> given, ClientConfig config, ConfigKey<String> key) {
        if (given != null) {
            return given;
        }
        String className = config.get(key);
        if (className == null) {
            throw new ConfigException(key.name(), "No " + (key == ProducerConfigs.KEY_SERIALIZER ? "key" : "value")
                    + " serializer: pass one to the producer, or set " + key.name());
        }
        return (Serializer<T>) KafkaSerializers.resolve(key.name(), className);
    }

    /** The partitioner: the one given, else {@code partitioner.class}, else null for the built-in one. */
    static Partitioner partitioner(Partitioner given, ClientConfig config) {
        if (given != null) {
            return given;
        }
        String className = config.get(ProducerConfigs.PARTITIONER_CLASS);
        if (className == null) {
            return null;
        }
        String name = className.trim();
        if (name.equals(KAFKA_PRODUCER + "RoundRobinPartitioner")) {
            return Partitioner.roundRobin();
        }
        if (name.equals(KAFKA_PRODUCER + "internals.DefaultPartitioner")
                || name.equals(KAFKA_PRODUCER + "UniformStickyPartitioner")) {
            log.warn("partitioner.class {} is Kafka's deprecated partitioner: Brook uses its built-in one (keys by "
                    + "murmur2 as Kafka's, uniform sticky without key)", name);
            return null;
        }
        return (Partitioner) KafkaSerializers.Instances.create(ProducerConfigs.PARTITIONER_CLASS.name(), name,
                Partitioner.class, "a class implementing io.brook.producer.Partitioner, or Kafka's "
                        + "RoundRobinPartitioner");
    }
}
