package io.brook.eos;

import io.brook.common.Deserializer;
import io.brook.common.Serializer;
import io.brook.eos.internal.TransactionLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The consume-transform-produce loop with exactly-once output: a group consumer (forced to
 * {@code isolation.level=read_committed} and manual commits) polls the input topics; for each batch of records the
 * pipeline begins a transaction, sends what the {@link Transform} returns, adds the consumed offsets with
 * {@code sendOffsetsToTransaction(offsets, consumer.groupMetadata())} and commits. So the output of a batch and its
 * input offsets are committed together, or not at all.
 *
 * <pre>{@code
 * ExactlyOncePipeline<String, String, String, String> pipeline = ExactlyOncePipeline
 *         .builder(Map.of("bootstrap.servers", "localhost:9092", "group.id", "enricher"),
 *                  Map.of("bootstrap.servers", "localhost:9092", "transactional.id", "enricher-1"))
 *         .inputTopics("orders")
 *         .deserializers(Deserializers.string(), Deserializers.string())
 *         .serializers(Serializers.string(), Serializers.string())
 *         .transform(in -> List.of(ProducerRecord.of("orders-enriched", in.key(), enrich(in.value()))))
 *         .build();
 * pipeline.run(); // until pipeline.close() from another thread
 * }</pre>
 *
 * <h2>What it handles</h2>
 * <ul>
 *   <li>Rebalances: a transaction is never open across a poll; if one is (after an error), it is aborted before
 *       partitions are revoked. The group generation travels with the offsets (KIP-447): a member that lost its
 *       partitions cannot commit them.
 *   <li>Abortable errors (a record or the offsets failed): the transaction is aborted and the consumer goes back
 *       to the last committed offsets, so the batch is processed again.
 *   <li>A batch that outlasts {@code max.poll.interval.ms}: the consumer left its group; the next poll rejoins it
 *       (a transaction never stays open across a poll, so nothing is lost or doubled).
 *   <li>Fencing: a newer instance with the same {@code transactional.id} took over: {@link #run()} throws
 *       {@link io.brook.common.errors.ProducerFencedException} and the pipeline is closed; it wrote nothing after
 *       the takeover.
 *   <li>A {@link Transform} that throws: the transaction is aborted and {@link #run()} rethrows.
 * </ul>
 *
 * <p>Thread-safety: {@link #run()} on one thread (the pipeline's own); {@link #close()} from any thread.
 *
 * @param <KI> the input key type
 * @param <VI> the input value type
 * @param <KO> the output key type
 * @param <VO> the output value type
 */
public final class ExactlyOncePipeline<KI, VI, KO, VO> implements AutoCloseable {
    private final TransactionLoop<KI, VI, KO, VO> loop;

    private ExactlyOncePipeline(TransactionLoop<KI, VI, KO, VO> loop) {
        this.loop = loop;
    }

    /**
     * A builder.
     *
     * @param consumerConfig the consumer's keys; {@code group.id} is required, {@code isolation.level} is set to
     *     read_committed and {@code enable.auto.commit} to false (other values are rejected)
     * @param producerConfig the producer's keys; {@code transactional.id} is required
     */
    public static Builder<Object, Object, Object, Object> builder(Map<String, ?> consumerConfig,
            Map<String, ?> producerConfig) {
        return new Builder<>(consumerConfig, producerConfig);
    }

    /**
     * Runs the loop on the calling thread until {@link #close()} (then returns normally) or a fatal error (then
     * throws it, after closing the consumer and producer). Initializes the producer's transactions first, fencing
     * any older instance with the same {@code transactional.id}.
     *
     * @throws io.brook.common.errors.ProducerFencedException if a newer instance took over
     * @throws IllegalStateException if called twice
     */
    public void run() {
        loop.run();
    }

    /** How many transactions this pipeline committed so far. */
    public long committedTransactions() {
        return loop.committedTransactions();
    }

    /**
     * Stops {@link #run()}: it aborts a transaction still open, closes the consumer and producer and returns. Does
     * not wait for it; safe from any thread, idempotent.
     */
    @Override
    public void close() {
        loop.stop();
    }

    /** Builds an {@link ExactlyOncePipeline}. */
    public static final class Builder<KI, VI, KO, VO> {
        private final Map<String, Object> consumerConfig;
        private final Map<String, Object> producerConfig;
        private List<String> inputTopics;
        private Deserializer<?> keyDeserializer;
        private Deserializer<?> valueDeserializer;
        private Serializer<?> keySerializer;
        private Serializer<?> valueSerializer;
        private Transform<?, ?, ?, ?> transform;
        private Duration pollTimeout = Duration.ofMillis(100);

        private Builder(Map<String, ?> consumerConfig, Map<String, ?> producerConfig) {
            this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
            this.producerConfig = new HashMap<>(Objects.requireNonNull(producerConfig, "producerConfig"));
        }

        /** The topics to read (at least one). */
        public Builder<KI, VI, KO, VO> inputTopics(String... topics) {
            if (topics.length == 0) {
                throw new IllegalArgumentException("At least one input topic is required");
            }
            this.inputTopics = List.of(topics);
            return this;
        }

        /** The input's deserializers. */
        @SuppressWarnings("unchecked")
        public <K, V> Builder<K, V, KO, VO> deserializers(Deserializer<K> keys, Deserializer<V> values) {
            this.keyDeserializer = Objects.requireNonNull(keys, "keys");
            this.valueDeserializer = Objects.requireNonNull(values, "values");
            return (Builder<K, V, KO, VO>) this;
        }

        /** The output's serializers. */
        @SuppressWarnings("unchecked")
        public <K, V> Builder<KI, VI, K, V> serializers(Serializer<K> keys, Serializer<V> values) {
            this.keySerializer = Objects.requireNonNull(keys, "keys");
            this.valueSerializer = Objects.requireNonNull(values, "values");
            return (Builder<KI, VI, K, V>) this;
        }

        /** The function from one input record to its output records. */
        public Builder<KI, VI, KO, VO> transform(Transform<KI, VI, KO, VO> transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** How long one poll waits for input (default 100 ms); also how quickly {@link #close()} is noticed. */
        public Builder<KI, VI, KO, VO> pollTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("pollTimeout must not be negative: " + timeout);
            }
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * Checks the configuration and creates the consumer and producer (they connect when {@link #run()} starts).
         *
         * @throws IllegalArgumentException if a required piece is missing or a key contradicts exactly-once
         * @throws io.brook.common.config.ConfigException if a client key is unknown or invalid
         */
        @SuppressWarnings("unchecked")
        public ExactlyOncePipeline<KI, VI, KO, VO> build() {
            require(inputTopics != null, "inputTopics");
            require(keyDeserializer != null, "deserializers");
            require(keySerializer != null, "serializers");
            require(transform != null, "transform");
            return new ExactlyOncePipeline<>(TransactionLoop.create(consumerConfig, producerConfig, inputTopics,
                    (Deserializer<KI>) keyDeserializer, (Deserializer<VI>) valueDeserializer,
                    (Serializer<KO>) keySerializer, (Serializer<VO>) valueSerializer,
                    (Transform<KI, VI, KO, VO>) transform, pollTimeout));
        }

        private static void require(boolean present, String what) {
            if (!present) {
                throw new IllegalArgumentException("ExactlyOncePipeline needs " + what);
            }
        }
    }
}
