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
 *   <li>With {@code transactional.id}: {@link #initTransactions()} once, then records are sent inside
 *       {@link #beginTransaction()} ... {@link #commitTransaction()} (or {@link #abortTransaction()}), all visible
 *       to read_committed consumers or none; see {@code docs/TRANSACTIONS.md}.
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

    // ---- transactions (a producer with transactional.id) ------------------------------------------------------------

    /**
     * Registers the producer's {@code transactional.id} with its transaction coordinator: fences every older
     * instance with the same id (their next call fails with {@link io.brook.common.errors.ProducerFencedException})
     * and completes or aborts the transaction they left open. Call once, before the first transaction. Waits up to
     * {@code max.block.ms}.
     *
     * @throws IllegalStateException without {@code transactional.id}, or when called twice
     * @throws io.brook.common.errors.TimeoutException if it did not complete in time (call it again to keep waiting)
     * @throws io.brook.common.errors.ProducerFencedException if a newer instance already took over
     */
    void initTransactions();

    /**
     * Starts a transaction: the records sent until {@link #commitTransaction()} or {@link #abortTransaction()} are
     * all visible to read_committed consumers, or none. Does not contact the broker.
     *
     * @throws IllegalStateException if no {@link #initTransactions()} completed, a transaction is already open, or
     *     the last one failed and was not aborted
     * @throws io.brook.common.errors.ProducerFencedException if the producer was fenced
     */
    void beginTransaction();

    /**
     * Adds the consumer offsets {@code offsets} to the open transaction: they are committed for the group of
     * {@code groupMetadata} if and only if the transaction commits (consume-transform-produce). The group
     * coordinator refuses them if the consumer is no longer the member of that generation (KIP-447). Pass
     * {@code consumer.groupMetadata()}. Waits up to {@code max.block.ms}.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws io.brook.common.errors.ProducerFencedException if the producer was fenced
     * @throws io.brook.common.errors.BrookException another error: the transaction must be aborted
     */
    void sendOffsetsToTransaction(Map<io.brook.common.TopicPartition, io.brook.common.OffsetAndMetadata> offsets,
            io.brook.common.ConsumerGroupMetadata groupMetadata);

    /**
     * Sends every record of the transaction, waits until each is written, then commits the transaction. Waits up
     * to {@code max.block.ms} for the commit once the records are written.
     *
     * @throws io.brook.common.errors.ProducerFencedException if the producer was fenced: close it
     * @throws io.brook.common.errors.TimeoutException if the commit did not complete in time (call it again)
     * @throws io.brook.common.errors.BrookException any other error (a record or the offsets failed): the
     *     transaction did not commit; call {@link #abortTransaction()} and continue
     */
    void commitTransaction();

    /**
     * Aborts the open transaction: records not yet sent fail with {@link TransactionAbortedException}, those
     * written are never visible to read_committed consumers, offsets sent with it are dropped. Also the way out of a
     * failed transaction. Waits up to {@code max.block.ms}.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws io.brook.common.errors.ProducerFencedException if the producer was fenced
     */
    void abortTransaction();

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
