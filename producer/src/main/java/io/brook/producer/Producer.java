package io.brook.producer;

import io.brook.common.Serializer;
import io.brook.common.config.ProducerOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends records to Kafka: batched per partition, compressed, retried, idempotent by default.
 *
 * <pre>{@code
 * try (Producer<String, String> producer = Producer.create(Map.of("bootstrap.servers", "localhost:9092"),
 *         Serializers.string(), Serializers.string())) {
 *     producer.send(ProducerRecord.of("orders", "order-42", "{...}"))
 *             .thenAccept(md -> log.info("written at {}-{}@{}", md.topic(), md.partition(), md.offset()));
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Thread-safe: any number of threads (platform or virtual) may send at once.
 *   <li>{@link #send} never waits for the network or for metadata: it serializes the record, adds it to its
 *       partition's batch and returns. A record whose topic's metadata is not known yet waits inside the producer.
 *       The only wait is for room in {@code buffer.memory}, up to {@code max.block.ms}.
 *   <li>Every future completes: with the record's {@link RecordMetadata}, or with a typed error
 *       ({@link io.brook.common.errors.RecordTooLargeException}, {@link io.brook.common.errors.TimeoutException},
 *       {@link io.brook.common.errors.UnknownTopicOrPartitionException}, the broker's error for the batch,
 *       {@link ProducerClosedException}, ...). Futures complete on the producer's callback thread
 *       ({@code brook-<clientId>-callbacks-<n>}), never on a network thread, and in send order per partition.
 *       A callback may block (even on another send's future) without stopping the producer.
 *   <li>Records to the same partition are written in send order, each exactly once with idempotence (the default)
 *       even when retried.
 * </ul>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Producer<K, V> extends AutoCloseable {

    /**
     * Creates a producer. {@code bootstrap.servers} is required; every other key of Kafka's producer is accepted
     * with Kafka's default (see {@code docs/CONFIGURATION.md}); an unknown key is rejected naming the closest known
     * one.
     *
     * @param keySerializer the key serializer, or null to use {@code key.serializer}
     * @param valueSerializer the value serializer, or null to use {@code value.serializer}
     * @throws io.brook.common.config.ConfigException if a key is unknown or a value invalid
     */
    static <K, V> Producer<K, V> create(Map<String, ?> config, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        return Producer.builder(config).keySerializer(keySerializer).valueSerializer(valueSerializer).build();
    }

    /**
     * A builder for a producer with more than serializers: a {@link Partitioner}, an event listener, a Micrometer
     * registry.
     *
     * <pre>{@code
     * Producer<String, byte[]> producer = Producer.builder(config)
     *         .keySerializer(Serializers.string())
     *         .valueSerializer(Serializers.bytes())
     *         .eventListener(event -> log.debug("{}", event))
     *         .meterRegistry(registry)
     *         .build();
     * }</pre>
     */
    static ProducerBuilder<Object, Object> builder(Map<String, ?> config) {
        return new ProducerBuilder<>(ProducerOptions.fromMap(config));
    }

    /** As {@link #builder(Map)} from typed options. */
    static ProducerBuilder<Object, Object> builder(ProducerOptions options) {
        return new ProducerBuilder<>(options);
    }

    /**
     * Sends a record. Returns at once (unless {@code buffer.memory} is full, then waits up to
     * {@code max.block.ms} for room), with a future that completes when the record was written as {@code acks}
     * asks, or failed. Errors found before anything is sent fail the returned future at once: a record larger than
     * {@code max.request.size} or {@code buffer.memory} ({@link io.brook.common.errors.RecordTooLargeException}), a
     * serializer that threw ({@link io.brook.common.errors.SerializationException}), no room within
     * {@code max.block.ms} ({@link io.brook.common.errors.TimeoutException}), a closed producer
     * ({@link ProducerClosedException}).
     *
     * @throws NullPointerException if {@code record} is null
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

    /**
     * Sends every record sent before this call at once (without waiting for {@code linger.ms}) and waits until
     * each has completed, successfully or not. Other threads may go on sending meanwhile.
     */
    void flush();

    /** {@link #close(Duration)} without a limit: waits until every record sent is complete. */
    @Override
    void close();

    /**
     * Stops accepting records, sends those pending (without waiting for {@code linger.ms}) for up to
     * {@code timeout}, then fails every future still pending with {@link ProducerClosedException}, closes the
     * connections and stops the producer's threads. Returns within about {@code timeout}. Idempotent. Called from a
     * callback of this producer, it does not wait (as with {@code Duration.ZERO}): a callback cannot wait for the
     * futures behind it.
     */
    void close(Duration timeout);
}
